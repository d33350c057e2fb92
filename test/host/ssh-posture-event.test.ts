import { describe, expect, it } from 'vitest';
import type { HostPosture } from '../../functions/core/model/host-posture.js';
import { parseComplianceChange } from '../../functions/parse/compliance-change.js';
import {
  assessPostureChange,
  type PostureReader,
  parsePostureWork,
} from '../../functions/triggers/ssh-posture-event.js';
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
const detailOf = (file: string) => loadEvent(file).detail;
const changeOf = (file: string) => {
  const parsed = parseComplianceChange(detailOf(file));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};

describe('the SSH posture trigger', () => {
  it('parses its own type into work, ignores other compliance types, and calls a bad shape unparsed', () => {
    expect(parsePostureWork(detailOf('ssm-compliance-ssh-posture-non-compliant.json'))).toMatchObject({
      ok: true,
      value: { kind: 'posture-change', change: { instanceId: ID, status: 'non-compliant' } },
    });
    expect(parsePostureWork(detailOf('ssm-compliance-patch-non-compliant.json'))).toEqual({
      ok: true,
      value: { kind: 'ignore', reason: 'compliance type Patch is not Custom:SshPosture' },
    });
    const bad = { ...detailOf('ssm-compliance-ssh-posture-non-compliant.json'), 'resource-id': 'x' };
    expect(parsePostureWork(bad)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not an instance id/),
    });
  });

  it('a host turned non-compliant: one read, one finding per failing control', async () => {
    const reader = new InMemoryPostures([
      postureOf(ID, { PasswordAuthentication: 'yes', BruteForceProtection: 'none' }),
    ]);
    const outcome = await assessPostureChange(
      changeOf('ssm-compliance-ssh-posture-non-compliant.json'),
      POSTURE_TRIGGER,
      reader,
      ctx,
    );
    expect(outcome.kind === 'findings' && outcome.findings.map((f) => f.checkId)).toEqual([
      'host-password-login',
      'host-no-brute-force-protection',
    ]);
    expect(reader.reads).toBe(1);
  });

  it('a host turned compliant: no read, nothing to publish', async () => {
    const reader = new InMemoryPostures([postureOf(ID)]);
    const outcome = await assessPostureChange(
      changeOf('ssm-compliance-ssh-posture-compliant.json'),
      POSTURE_TRIGGER,
      reader,
      ctx,
    );
    expect(outcome).toEqual({ kind: 'nothing', reason: `${ID} is compliant` });
    expect(reader.reads).toBe(0);
  });

  it('items gone by the time they are read: nothing, said why', async () => {
    const outcome = await assessPostureChange(
      changeOf('ssm-compliance-ssh-posture-non-compliant.json'),
      POSTURE_TRIGGER,
      new InMemoryPostures([]),
      ctx,
    );
    expect(outcome).toMatchObject({ kind: 'nothing', reason: expect.stringMatching(/no SSH posture items/) });
  });
});
