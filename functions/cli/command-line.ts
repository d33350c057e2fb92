import { type ParseArgsConfig, parseArgs } from 'node:util';

/** What reading a command line gives: the command's options, a request for help, or one line saying what is wrong. */
export type ParsedCommand<Kind extends string, Options> =
  | { readonly kind: Kind; readonly options: Options }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

/**
 * The single-account scan's options, read strictly: anything else is an error naming it. The
 * organisation scan takes these too (refusing the ones that do not apply to it, with a reason).
 */
export const SCAN_FLAGS = {
  region: { type: 'string', multiple: true },
  'all-regions': { type: 'boolean' },
  mode: { type: 'string' },
  format: { type: 'string' },
  input: { type: 'string' },
  profile: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flags = NonNullable<ParseArgsConfig['options']>;
type Strict<F extends Flags> = { args: string[]; allowPositionals: true; strict: true; options: F };
export type FlagValues<F extends Flags> = ReturnType<typeof parseArgs<Strict<F>>>['values'];

/**
 * The `scan` command's words, read strictly against `flags`: their values, or the result that ends
 * reading (help, or what is wrong). `context` follows an unknown option's name (" with --org"), so
 * the user learns which set of options was meant.
 */
export function readScanWords<F extends Flags>(
  argv: readonly string[],
  flags: F,
  context = '',
): { readonly kind: 'words'; readonly values: FlagValues<F> } | ParsedCommand<never, never> {
  let parsed: ReturnType<typeof parseArgs<Strict<F>>>;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: flags });
  } catch (error) {
    return { kind: 'error', message: firstSentence(error, context) };
  }
  const { values, positionals } = parsed;
  if ((values as { help?: boolean }).help) return { kind: 'help' };
  const [command, ...extra] = positionals;
  if (command !== 'scan')
    return { kind: 'error', message: command ? `unknown command '${command}'` : 'missing command' };
  if (extra.length > 0) return { kind: 'error', message: `unexpected argument '${extra[0]}'` };
  return { kind: 'words', values };
}

/** node:util's messages run on with advice about '--'; the first sentence says what is wrong. */
function firstSentence(error: unknown, context: string): string {
  const text = error instanceof Error ? error.message : String(error);
  const unknown = /^Unknown option '([^']+)'/.exec(text);
  if (unknown) return `unknown option ${unknown[1]}${context}`;
  return (text.split(/\.\s/)[0] ?? text).replace(/\.$/, '');
}
