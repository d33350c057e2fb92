import type { SweepProgress } from '../pipeline/run-sweep.js';

export interface TextSink {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/**
 * One self-rewriting line on stderr while a scan runs, only when a person is watching (a TTY):
 * piped or redirected output stays clean.
 */
export function progressOn(stderr: TextSink): { onProgress?: (p: SweepProgress) => void; finish(): void } {
  if (!stderr.isTTY) return { finish() {} };
  let total = 0;
  let done = 0;
  const reading = new Map<string, number>();
  const draw = () => {
    const now = [...reading].map(([region, rules]) => `${region} ${rules} rules`).join(', ');
    stderr.write(`\r\x1b[2Kscanning ${done}/${total} regions${now ? ` - reading ${now}` : ''}`);
  };
  return {
    onProgress(progress) {
      if (progress.kind === 'regions') total = progress.regions.length;
      if (progress.kind === 'rules-read') reading.set(progress.region, progress.rules);
      if (progress.kind === 'region-done') {
        done = progress.done;
        reading.delete(progress.report.region);
      }
      draw();
    },
    finish() {
      stderr.write('\r\x1b[2K');
    },
  };
}
