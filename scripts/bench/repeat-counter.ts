// The repeat counter's cost: every CloudTrail sample the guard handles, delivered twice (a second
// opening of the same rule an hour later, under a new event id), through the real handler code with
// the in-memory account and counter. The DynamoDB adapter makes one UpdateItem per recorded opening
// in these cases (test/adapters/opening-log-adapter.test.ts holds it; two when a stale run or a late
// event must be settled).
import { loadConfig } from '../../functions/config/config.js';
import type { Finding } from '../../functions/core/findings/finding.js';
import { makeGuardHandler } from '../../functions/handlers/guard-handler.js';
import { silentLog } from '../../functions/log.js';
import { functionsFor } from '../../test/support/event-routing.js';
import { eventFiles, loadEvent } from '../../test/support/events.js';
import { inMemoryDeps } from '../../test/support/in-memory-aws.js';
import { InMemoryOpeningLog } from '../../test/support/in-memory-opening-log.js';
import { seedForEvent } from '../../test/support/sample-world.js';

export interface RepeatFigures {
  readonly rows: readonly [string, string][];
}

const CONFIG = loadConfig({
  TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:findings',
  REMEDIATION_MODE: 'revoke',
  REPEAT_TABLE: 'bench-openings',
});

export async function measureRepeatCounter(): Promise<RepeatFigures> {
  let violating = 0;
  let compliant = 0;
  let writesViolating = 0;
  let writesCompliant = 0;
  let escalated = 0;
  let reopenings = 0;
  for (const file of eventFiles().sort()) {
    const event = loadEvent(file) as Record<string, unknown> & { detail: Record<string, unknown> };
    if (event['detail-type'] !== 'AWS API Call via CloudTrail' || functionsFor(event)[0] !== 'guard')
      continue;
    const { deps, ec2For, publisher } = inMemoryDeps();
    const openings = new InMemoryOpeningLog();
    const handler = makeGuardHandler(CONFIG, { ...deps, openings }, silentLog);
    const ec2 = ec2For(String(event.region));
    seedForEvent(event, ec2);
    const result = await handler(event);
    const isViolating = (result.violations ?? 0) > 0;
    if (isViolating) {
      violating += 1;
      writesViolating += openings.calls.length;
    } else {
      compliant += 1;
      writesCompliant += openings.calls.length;
    }
    if (!isViolating) continue;
    // The pipeline re-applies the same rule an hour later.
    const later = new Date(Date.parse(String(event.detail.eventTime)) + 3_600_000).toISOString();
    const again = {
      ...event,
      detail: { ...event.detail, eventID: `${String(event.detail.eventID)}-again`, eventTime: later },
    };
    seedForEvent(again, ec2);
    await handler(again);
    reopenings += 1;
    const findings = publisher.documents().flatMap((d) => d.findings as Finding[]);
    if (findings.some((f) => f.checkId === 'ssh-repeat-open' && f.severity === 'critical')) escalated += 1;
  }
  const per = (writes: number, events: number) => (events === 0 ? '0' : (writes / events).toFixed(2));
  return {
    rows: [
      [
        'violating CloudTrail samples',
        `${violating}: ${writesViolating} openings recorded, one UpdateItem per group and source opened (${per(writesViolating, violating)} per event)`,
      ],
      ['compliant CloudTrail samples', `${compliant}: ${writesCompliant} openings recorded (no call)`],
      [
        'same rule re-opened an hour later',
        `${escalated} of ${reopenings} escalated to a critical ssh-repeat-open finding`,
      ],
      [
        'DynamoDB cost per violating event',
        '1 UpdateItem per group and source opened (1 write request unit: the item is under 1 KB); on-demand table, TTL deletes free; compliant events: none',
      ],
    ],
  };
}
