import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config/config.js';
import { makeGuardHandler } from '../../functions/handlers/guard-handler.js';
import { silentLog } from '../../functions/log.js';
import { loadEvent } from '../support/events.js';
import { inMemoryDeps } from '../support/in-memory-aws.js';
import { seedForEvent } from '../support/sample-world.js';

// Claims are verified: when the findings could not be published, Lambda retries the event, and the
// retry finds the rule its own first delivery removed. It must say only what EC2 shows (the rule is
// not in the group) and never that somebody else removed it.
describe('claims are verified: a retry after a failed publish', () => {
  it('says the rule was not there any more, possibly removed by an earlier delivery of the event', async () => {
    const { deps, ec2For, publisher } = inMemoryDeps();
    const event = loadEvent('authorize-world-ipv4-ssh.json');
    seedForEvent(event, ec2For('eu-west-1'));
    const handler = makeGuardHandler(
      loadConfig({ TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:t', REMEDIATION_MODE: 'revoke' }),
      deps,
      silentLog,
    );
    publisher.failWith = Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });
    await expect(handler(event)).rejects.toThrow();
    publisher.failWith = undefined;
    await expect(handler(event)).resolves.toMatchObject({ actions: { 'already-gone': 1 } });
    const [finding] = publisher.documents()[0]?.findings ?? [];
    expect(finding?.action.note).toMatch(/is no longer in sg-\w+ .*by an earlier delivery of this event/);
    expect(finding?.guidance).toContain('possibly by an earlier delivery of this event');
    expect(finding?.action.note).not.toMatch(/before the guard acted/);
  });
});
