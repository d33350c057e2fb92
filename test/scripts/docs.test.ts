import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const DOCS = ['README.md', 'ARCHITECTURE.md', ...readdirSync(join(ROOT, 'docs')).map((f) => `docs/${f}`)];
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json'));

/** GitHub's heading anchors: lower case, punctuation other than `-` dropped, spaces to `-`. */
function anchorsOf(markdown: string): Set<string> {
  const outside = markdown.replace(/```[\s\S]*?```/g, '');
  return new Set(
    [...outside.matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
      (m[1] as string)
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-'),
    ),
  );
}

const links = DOCS.flatMap((file) =>
  [...read(file).matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1] as string)
    .filter((target) => !/^[a-z]+:/.test(target))
    .map((target) => [file, target] as const),
);

describe('the README and docs/ tell the truth', () => {
  it.each(links)('%s links to %s, which exists', (file, target) => {
    const [path, anchor] = target.split('#') as [string, string | undefined];
    const resolved = path === '' ? file : relative(ROOT, join(ROOT, dirname(file), path));
    expect(existsSync(join(ROOT, resolved)), `${resolved} exists`).toBe(true);
    if (anchor && statSync(join(ROOT, resolved)).isFile())
      expect([...anchorsOf(read(resolved))], `#${anchor} in ${resolved}`).toContain(anchor);
  });

  it.each(DOCS)('%s names only repository paths that exist', (file) => {
    const paths = [...read(file).matchAll(/`((?:functions|test|scripts|infra|events|bin|docs)\/[\w./-]+)`/g)]
      .map((m) => m[1] as string)
      .filter((path) => !path.endsWith('.handler'));
    for (const path of paths) expect(existsSync(join(ROOT, path)), path).toBe(true);
  });

  it.each([...DOCS, 'BENCHMARKS.md'])('%s cites no document outside the repository', (file) => {
    expect(read(file)).not.toMatch(/SPEC|§/);
  });

  it.each(DOCS)('%s runs only npm scripts that exist', (file) => {
    const scripts = [...read(file).matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]);
    for (const script of scripts) expect(Object.keys(pkg.scripts)).toContain(script);
  });

  it.each(DOCS)('%s never tells a user to run osls bare (it is not on PATH)', (file) => {
    expect(read(file)).not.toMatch(/^\s*osls /m);
  });

  it('keeps the README a page a newcomer reads to the end', () => {
    expect(read('README.md').split('\n').length).toBeLessThan(250);
  });

  it('names every test folder in the README test table', () => {
    const folders = readdirSync(join(ROOT, 'test'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `\`test/${entry.name}/\``);
    const readme = read('README.md');
    for (const folder of folders) expect(readme).toContain(folder);
  });

  it('lists every README section in its Contents line', () => {
    const readme = read('README.md');
    const contents = readme.slice(
      readme.indexOf('Contents:'),
      readme.indexOf('\n\n', readme.indexOf('Contents:')),
    );
    for (const anchor of [...anchorsOf(readme)].filter((a) => a !== 'ssh-ingress-guard'))
      expect(contents, `Contents links #${anchor}`).toContain(`(#${anchor})`);
  });
});
