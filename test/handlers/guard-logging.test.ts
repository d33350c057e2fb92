import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config/config.js';
import { makeGuardHandler } from '../../functions/handlers/guard-handler.js';
import type { Log } from '../../functions/log.js';
import { loadEvent } from '../support/events.js';
import { inMemoryDeps } from '../support/in-memory-aws.js';
import { seedForEvent } from '../support/sample-world.js';

type Line = { level: string; message: string; extra: Record<string, unknown> };

function recordingLog(): Log & { lines: Line[] } {
  const lines: Line[] = [];
  const at =
    (level: string) =>
    (message: string, ...extra: Record<string, unknown>[]) =>
      lines.push({ level, message, extra: Object.assign({}, ...extra) });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

async function handle(file: string) {
  const event = loadEvent(file);
  const { deps, ec2For } = inMemoryDeps();
  seedForEvent(event, ec2For(String(event.region)));
  const log = recordingLog();
  const config = loadConfig({ TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:findings' });
  await makeGuardHandler(config, deps, log)(event);
  return { log, event };
}

describe('logging (one structured summary line per invocation)', () => {
  it('writes exactly one info line with event id, groups, counts, actions and duration', async () => {
    const { log } = await handle('authorize-multi-source-one-world.json');
    const info = log.lines.filter((l) => l.level === 'info');
    expect(info).toHaveLength(1);
    expect(info[0]?.extra).toMatchObject({
      eventId: expect.any(String),
      groups: [expect.stringMatching(/^sg-/)],
      rulesEvaluated: 3,
      violations: 1,
      actions: { revoked: 1, review: 1 },
    });
    expect(info[0]?.extra.durationMs).toEqual(expect.any(Number));
  });

  it('never dumps the event, the identity or the request at info level', async () => {
    const { log, event } = await handle('authorize-assumed-role-console.json');
    const text = JSON.stringify(log.lines.filter((l) => l.level !== 'debug'));
    expect(text).not.toContain('userIdentity');
    expect(text).not.toContain('requestParameters');
    expect(text).not.toContain(String((event.detail.userIdentity as { principalId: string }).principalId));
  });
});
