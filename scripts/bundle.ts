/**
 * Builds the Lambda bundles the way `osls package` does, without osls: the functions and esbuild
 * options are read from serverless.yml (`functions`, `custom.esbuild`, `package.patterns`) and turned
 * into esbuild calls by the same rules serverless-esbuild 1.57 applies. One source of truth, so the
 * bundles that wire tests and the benchmark run cannot drift from the deployed ones
 * (test/wire/bundle.test.ts compares them byte for byte with the zips). About 10x faster than
 * `osls package`, and it writes nothing into the worktree.
 */
import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build } from 'esbuild';
import { parse } from 'yaml';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** serverless-esbuild's defaults (dist/index.js), merged under custom.esbuild like the plugin does. */
const PLUGIN_DEFAULTS = {
  bundle: true,
  target: 'node18',
  external: [],
  exclude: ['aws-sdk'],
  platform: 'node',
  outputFileExtension: '.js',
};

/** Keys the plugin consumes itself and deletes before calling esbuild (dist/bundle.js). */
export const PLUGIN_ONLY_KEYS = [
  'concurrency',
  'zipConcurrency',
  'exclude',
  'nativeZip',
  'packager',
  'packagePath',
  'watch',
  'keepOutputDirectory',
  'packagerOptions',
  'installExtraArgs',
  'outputFileExtension',
  'outputBuildFolder',
  'outputWorkFolder',
  'nodeExternals',
  'skipBuild',
  'skipRebuild',
  'skipBuildExcludeFns',
  'stripEntryResolveExtensions',
  'disposeContext',
] as const;

type PluginOptions = Record<string, unknown> & { exclude?: string[]; outputFileExtension?: string };

interface ServerlessYml {
  custom?: { esbuild?: Record<string, unknown> };
  functions?: Record<string, { handler?: string }>;
  package?: { patterns?: string[] };
}

/** serverless.yml as data (CloudFormation tags elsewhere in the file are left unresolved). */
export function readServerlessYml(file = join(ROOT, 'serverless.yml')): ServerlessYml {
  return parse(readFileSync(file, 'utf8'), { logLevel: 'error' }) as ServerlessYml;
}

/** `custom.esbuild` of serverless.yml. */
export function readCustomEsbuild(doc = readServerlessYml()): Record<string, unknown> {
  if (!doc.custom?.esbuild) throw new Error('serverless.yml: custom.esbuild missing');
  return doc.custom.esbuild;
}

/** Each function's handler module, e.g. guard -> functions/handlers/guard.ts. */
export function functionEntries(doc = readServerlessYml()): Record<string, string> {
  return Object.fromEntries(
    Object.entries(doc.functions ?? {}).map(([name, fn]) => {
      const handler = fn.handler ?? '';
      return [name, `${handler.slice(0, handler.lastIndexOf('.'))}.ts`];
    }),
  );
}

/** The esbuild options serverless-esbuild derives from `custom.esbuild` (entry and outdir aside). */
export function esbuildOptionsOf(custom: Record<string, unknown>): BuildOptions {
  const merged: PluginOptions = { ...PLUGIN_DEFAULTS, ...custom };
  const exclude = merged.exclude ?? [];
  const options: Record<string, unknown> = { ...merged };
  for (const key of PLUGIN_ONLY_KEYS) delete options[key];
  options.external = [...((merged.external as string[]) ?? []), ...(exclude.includes('*') ? [] : exclude)];
  const extension = merged.outputFileExtension ?? '.js';
  if (extension !== '.js') options.outExtension = { '.js': extension };
  // The plugin loads `plugins` (a path) with require() and hands esbuild what it exports.
  if (typeof merged.plugins === 'string')
    options.plugins = createRequire(import.meta.url)(join(ROOT, merged.plugins));
  return options as BuildOptions;
}

export interface BuiltBundle {
  /** Absolute path of the function's handler module, e.g. .../functions/handlers/guard.js. */
  readonly file: string;
  /** Its path inside the function's zip. */
  readonly zipPath: string;
  readonly bytes: number;
}

export interface BuiltBundles {
  /** By function name in serverless.yml (guard, emrGuard...). */
  readonly functions: Readonly<Record<string, BuiltBundle>>;
  readonly buildMs: number;
}

/**
 * Builds every function of serverless.yml into `outDir` laid out as in its zip, with the files
 * `package.patterns` adds (functions/package.json tells Node the .js bundle is ESM).
 */
export async function buildBundles(outDir: string): Promise<BuiltBundles> {
  const started = performance.now();
  const doc = readServerlessYml();
  const options = esbuildOptionsOf(readCustomEsbuild(doc));
  const extension = (options.outExtension as Record<string, string> | undefined)?.['.js'] ?? '.js';
  const functions: Record<string, BuiltBundle> = {};
  for (const [name, entry] of Object.entries(functionEntries(doc))) {
    const outdir = join(outDir, dirname(entry));
    await build({ ...options, entryPoints: [entry], outdir, absWorkingDir: ROOT, logLevel: 'silent' });
    const zipPath = entry.replace(/\.ts$/, extension);
    const file = join(outDir, zipPath);
    functions[name] = { file, zipPath, bytes: statSync(file).size };
  }
  for (const pattern of doc.package?.patterns ?? []) {
    if (/[*!?{]/.test(pattern)) throw new Error(`package pattern ${pattern}: only plain paths are copied`);
    mkdirSync(join(outDir, dirname(pattern)), { recursive: true });
    copyFileSync(join(ROOT, pattern), join(outDir, pattern));
  }
  return { functions, buildMs: performance.now() - started };
}

/** Where `npm run build:cli` (and the bin, when the sources are newer) puts the scan CLI. */
export const CLI_DIR = join(ROOT, 'dist/cli');

export interface BuiltCli {
  /** The module the bin imports; it exports `main`. */
  readonly entry: string;
  /** Every file written (the entry and its chunks), with its size. */
  readonly files: Readonly<Record<string, number>>;
  readonly buildMs: number;
}

/**
 * The scan CLI with the Lambda bundles' esbuild options (serverless.yml), so it runs the code that is
 * deployed, and no TypeScript loader at run time. Split into chunks: the AWS SDK, needed only by a
 * scan against an account, is loaded only then, so `scan --input` starts without it.
 */
export async function buildCli(outDir = CLI_DIR): Promise<BuiltCli> {
  const started = performance.now();
  // Built beside the old build and swapped in at the end: a command started meanwhile (two terminals
  // after a pull) still finds a whole build, never a half-written one.
  const staging = `${outDir}.${process.pid}.tmp`;
  const result = await build({
    ...esbuildOptionsOf(readCustomEsbuild()),
    entryPoints: { 'ssh-ingress-guard': 'functions/cli/main.ts' },
    outdir: staging,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    absWorkingDir: ROOT,
    metafile: true,
    logLevel: 'silent',
  });
  rmSync(outDir, { recursive: true, force: true });
  renameSync(staging, outDir);
  const files = Object.fromEntries(
    Object.entries(result.metafile.outputs).map(([file, output]) => [
      relative(ROOT, join(ROOT, file).replace(staging, outDir)),
      output.bytes,
    ]),
  );
  return { entry: join(outDir, 'ssh-ingress-guard.mjs'), files, buildMs: performance.now() - started };
}

/** Where a bundled module comes from: its package and the directory that package was read from. */
export function packageOf(input: string): { name: string; dir: string } | undefined {
  const match = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input);
  return match ? { name: match[2] as string, dir: match[1] as string } : undefined;
}

/**
 * Packages bundled from more than one directory: two copies of one package (an older client pinning
 * its own @smithy/* or @aws-sdk/core). Both copies would ship, and two copies of the SDK core do not
 * share middleware, retry state or type checks.
 */
export function duplicatedPackages(inputs: Iterable<string>): Record<string, string[]> {
  const dirs = new Map<string, Set<string>>();
  for (const input of inputs) {
    const pkg = packageOf(input);
    if (pkg) dirs.set(pkg.name, (dirs.get(pkg.name) ?? new Set()).add(pkg.dir));
  }
  return Object.fromEntries(
    [...dirs].filter(([, found]) => found.size > 1).map(([name, found]) => [name, [...found].sort()]),
  );
}

/**
 * Every function's bundle, built in memory with a metafile: the module paths each one carries, with
 * the bytes each contributes to the output.
 */
export async function bundledInputs(
  doc = readServerlessYml(),
): Promise<Record<string, Record<string, number>>> {
  const options = esbuildOptionsOf(readCustomEsbuild(doc));
  const inputs: Record<string, Record<string, number>> = {};
  for (const [name, entry] of Object.entries(functionEntries(doc))) {
    const result = await build({
      ...options,
      entryPoints: [entry],
      outdir: join(ROOT, '.esbuild/metafile'),
      write: false,
      metafile: true,
      absWorkingDir: ROOT,
      logLevel: 'silent',
    });
    const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint === entry);
    inputs[name] = Object.fromEntries(
      Object.entries(output?.inputs ?? {}).map(([path, input]) => [path, input.bytesInOutput]),
    );
  }
  return inputs;
}
