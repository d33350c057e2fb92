import { describe, expect, it } from 'vitest';
import { esc } from '../../../functions/cli/org/render-charts.js';
import { demoMembers, demoReport } from '../../support/demo-org.js';
import type { MemberAccount } from '../../support/in-memory-org.js';

const ATTACK = {
  accountName: '<script>alert("account")</script>',
  description: '"><img src=x onerror=alert(1)><style>body{display:none}</style>',
};

/** Names and descriptions are written by whoever can edit an account or a group: hostile input. */
function hostileMembers(): MemberAccount[] {
  return demoMembers().map((m, i) =>
    i === 0
      ? {
          ...m,
          name: ATTACK.accountName,
          regions: {
            ...m.regions,
            'eu-west-1': (m.regions['eu-west-1'] ?? []).map((r) => ({
              ...r,
              Description: ATTACK.description,
            })),
          },
        }
      : m,
  );
}

describe('the HTML report', () => {
  it('is one self-contained file: no script, no external asset, a policy that forbids both', async () => {
    const { html } = await demoReport();
    expect(html).not.toMatch(/<script|<link|<iframe|<img|@import|url\(/i);
    expect(html).not.toMatch(/\s(src|href)=/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('shows the totals, what was not read with the reason, and both charts', async () => {
    const { html } = await demoReport();
    expect(html).toContain('<b>4</b><span>of 6 accounts scanned</span>');
    expect(html).toContain('Not read: exposure there is unknown');
    expect(html).toMatch(
      /610987654321<\/td><td>sandbox<\/td><td>whole account<\/td><td><code>AccessDenied<\/code>/,
    );
    expect(html).toMatch(/us-west-2<\/td><td><code>UnauthorizedOperation<\/code>/);
    expect(html).toContain('<title>Findings by verdict</title>');
    expect(html).toContain('<title>Findings by account and verdict</title>');
    expect(html).toContain('710987654321 (closed-2024): not active (SUSPENDED)');
  });

  it('puts the worst groups first: high severity with the most world-open rules before review-only groups', async () => {
    const { html } = await demoReport();
    const order = [
      ...html.matchAll(/<summary><span class="sev (\w+)">\w+<\/span> <code>(sg-[0-9a-f]+)<\/code>/g),
    ].map((m) => `${m[1]} ${m[2]}`);
    expect(order[0]).toBe('high sg-0a1b2c3d4e5f6a001');
    expect(order.at(-1)).toMatch(/^(medium|low) /);
    const rank = ['critical', 'high', 'medium', 'low', 'info'];
    const severities = order.map((o) => rank.indexOf(o.split(' ')[0] as string));
    expect(severities).toEqual([...severities].sort((a, b) => a - b));
  });

  it('says for each finding what every mode would do', async () => {
    const { html } = await demoReport();
    expect(html).toContain('<th>revoke</th><th>narrow</th><th>replace-with-eic</th><th>report</th>');
    expect(html).toContain(
      'add tcp/0-21 from 0.0.0.0/0, tcp/23-65535 from 0.0.0.0/0, then revoke sgr-21090000000000003 (tcp/0-65535 from 0.0.0.0/0)',
    );
    expect(html).toContain('then add tcp/22 from com.amazonaws.eu-west-1.ec2-instance-connect');
    expect(html).toContain('no change: exempted');
  });

  it('escapes every string that came from AWS', async () => {
    const { html } = await demoReport(hostileMembers());
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<style>body{display:none}');
    expect(html).toContain(esc(ATTACK.accountName));
    expect(html).toContain(esc(ATTACK.description));
  });

  it.each([
    ['<', '&#60;'],
    ['>', '&#62;'],
    ['&', '&#38;'],
    ['"', '&#34;'],
    ["'", '&#39;'],
    ['sg-0abc plain', 'sg-0abc plain'],
  ])('escapes %j as %j', (raw, escaped) => {
    expect(esc(raw)).toBe(escaped);
  });
});
