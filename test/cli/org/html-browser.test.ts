// The HTML report as a person opens it: Debian's chromium, headless, loads the file, takes a
// screenshot and serialises the document it built. `.ci/run` installs chromium on a fresh machine.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dumpDom, screenshot } from '../../support/chromium.js';
import { demoMembers, demoReport } from '../../support/demo-org.js';
import { countColour, decodePng, inkRatio } from '../../support/png.js';

const dir = mkdtempSync(join(tmpdir(), 'org-report-browser-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the HTML report in a real browser', () => {
  it('renders the totals, the charts and the groups: a full, non-blank page with the world-open red drawn', async () => {
    const file = join(dir, 'report.html');
    writeFileSync(file, (await demoReport()).html);
    const png = join(dir, 'report.png');
    await screenshot(file, png);
    const image = decodePng(readFileSync(png));
    expect([image.width, image.height]).toEqual([1280, 2000]);
    expect(readFileSync(png).length).toBeGreaterThan(50_000);
    expect(inkRatio(image)).toBeGreaterThan(0.05);
    // The world-open bars and badges: solid #c0392b, thousands of pixels of it.
    expect(countColour(image, '#c0392b')).toBeGreaterThan(2_000);
  }, 90_000);

  it('builds the document with the key text, as a reader sees it', async () => {
    const file = join(dir, 'report-dom.html');
    writeFileSync(file, (await demoReport()).html);
    const dom = await dumpDom(file);
    for (const text of [
      'SSH exposure across the organisation',
      'Not read: exposure there is unknown',
      'payments-prod',
      'sts:AssumeRole',
      'Security groups, worst first',
      'sg-0a1b2c3d4e5f6a001',
      'replace-with-eic',
    ])
      expect(dom).toContain(text);
  }, 90_000);

  it('turns hostile names and descriptions into text, never into elements', async () => {
    const members = demoMembers().map((m, i) =>
      i === 0
        ? {
            ...m,
            name: '<img src=x onerror="document.title=1">',
            regions: {
              ...m.regions,
              'eu-west-1': (m.regions['eu-west-1'] ?? []).map((r) => ({
                ...r,
                Description: '</td></tr></table><script>document.title="owned"</script>',
              })),
            },
          }
        : m,
    );
    const file = join(dir, 'hostile.html');
    writeFileSync(file, (await demoReport(members)).html);
    const dom = await dumpDom(file);
    expect(dom).not.toMatch(/<img|<script/i);
    expect(dom).toContain('&lt;img src=x onerror="document.title=1"&gt;');
    expect(dom).toContain('&lt;script&gt;document.title="owned"&lt;/script&gt;');
    expect(dom).toContain('<title>SSH exposure across the organisation - ssh-ingress-guard</title>');
  }, 90_000);
});
