import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian's chromium, headless, with nothing that reaches the network or a profile of its own. */
function flags(profile: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--hide-scrollbars',
    `--user-data-dir=${profile}`,
  ];
}

async function withProfile<T>(work: (profile: string) => Promise<T>): Promise<T> {
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  try {
    return await work(profile);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Opens the file as a person would and saves what the window shows. */
export async function screenshot(file: string, png: string, size = '1280,2000'): Promise<void> {
  await withProfile((profile) =>
    run(
      'chromium',
      [...flags(profile), `--screenshot=${png}`, `--window-size=${size}`, pathToFileURL(file).href],
      {
        timeout: 60_000,
      },
    ),
  );
}

/** The document as the browser built it (after parsing, so injected markup would show as elements). */
export async function dumpDom(file: string): Promise<string> {
  return withProfile(async (profile) => {
    const { stdout } = await run('chromium', [...flags(profile), '--dump-dom', pathToFileURL(file).href], {
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  });
}
