/**
 * `npm run demo:org-report`: scans the demo organisation (test/support/demo-org.ts, in memory) with the
 * real organisation scan, writes its HTML report, and takes the screenshot the docs show with
 * Debian's chromium (docs/img/org-report.png).
 *
 *   npm run demo:org-report [-- --html report.html] [-- --png docs/img/org-report.png]
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeTotals } from '../functions/cli/org/render-org-text.js';
import { screenshot } from '../test/support/chromium.js';
import { demoReport } from '../test/support/demo-org.js';

const ROOT = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { html: { type: 'string' }, png: { type: 'string' } } });
const png = values.png ?? join(ROOT, 'docs/img/org-report.png');
const { html, totals } = await demoReport();
const dir = mkdtempSync(join(tmpdir(), 'org-report-'));
try {
  const file = values.html ?? join(dir, 'org-report.html');
  writeFileSync(file, html);
  mkdirSync(dirname(png), { recursive: true });
  await screenshot(file, png, '1100,1500');
  process.stdout.write(
    `${describeTotals(totals)}\nWrote ${png} (${statSync(png).size} bytes)${values.html ? ` and ${file}` : ''}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
