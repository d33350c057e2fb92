import { describe, expect, it } from 'vitest';
import type { HostPosture } from '../../functions/core/model/host-posture.js';
import { adaptPostureEvent, type PostureReader } from '../../functions/triggers/ssh-posture-event.js';
import { loadEvent } from '../support/events.js';
import { POSTURE_TRIGGER, postureOf } from '../support/host-posture.js';

class InMemoryPostures implements PostureReader {
  reads = 0;
  constructor(private readonly postures: HostPosture[]) {}
  async readPostures(ids: readonly string[]) {
    this.reads += 1;
    return new Map(this.postures.filter((p) => ids.includes(p.instanceId)).map((p) => [p.instanceId, p]));
  }
}

const ctx = { mode: 'revoke', now: new Date('2026-11-21T10:05:00Z') };
const ID = 'i-0a1b2c3d4e5f60718';
const nonCompliant = loadEvent('ssm-compliance-ssh-posture-non-compliant.json').detail;

describe('the SSH posture trigger', () => {
  it('a host turned non-compliant: one read, one finding per failing control', async () => {
    const reader = new InMemoryPostures([
      postureOf(ID, { PasswordAuthentication: 'yes', BruteForceProtection: 'none' }),
    ]);
    const work = await adaptPostureEvent(nonCompliant, POSTURE_TRIGGER, reader, ctx);
    expect(work.kind).toBe('findings');
    if (work.kind === 'findings') {
      expect(work.findings.map((f) => f.checkId)).toEqual([
        'host-password-login',
        'host-no-brute-force-protection',
      ]);
    }
    expect(reader.reads).toBe(1);
  });

  it('a host turned compliant: no read, nothing to publish', async () => {
    const reader = new InMemoryPostures([postureOf(ID)]);
    const work = await adaptPostureEvent(
      loadEvent('ssm-compliance-ssh-posture-compliant.json').detail,
      POSTURE_TRIGGER,
      reader,
      ctx,
    );
    expect(work).toEqual({ kind: 'nothing', reason: `${ID} is compliant` });
    expect(reader.reads).toBe(0);
  });

  it('items gone by the time they are read: nothing, said why', async () => {
    const work = await adaptPostureEvent(nonCompliant, POSTURE_TRIGGER, new InMemoryPostures([]), ctx);
    expect(work).toMatchObject({ kind: 'nothing', reason: expect.stringMatching(/no SSH posture items/) });
  });

  it('a shape it does not understand is unparsed, never guessed at', async () => {
    const reader = new InMemoryPostures([]);
    const work = await adaptPostureEvent(
      { ...nonCompliant, 'resource-id': 'not-an-instance' },
      POSTURE_TRIGGER,
      reader,
      ctx,
    );
    expect(work).toMatchObject({ kind: 'unparsed', reason: expect.stringMatching(/not an instance id/) });
    expect(reader.reads).toBe(0);
  });
});
