import { describe, expect, it } from 'vitest';
import { openSession, roleArnFor } from '../../../functions/cli/org/account-session.js';
import type { AssumeRoleRequest, StsPort, TemporaryCredentials } from '../../../functions/org-deps.js';

const ACCOUNT = { id: '111111111111', name: 'prod', state: 'ACTIVE' };

function sts(expiresInMs: number, clock: { now: number }) {
  const requests: AssumeRoleRequest[] = [];
  const port: StsPort = {
    async assumeRole(request) {
      requests.push(request);
      await new Promise((resolve) => setTimeout(resolve, 1));
      return {
        accessKeyId: `ASIA${requests.length}`,
        secretAccessKey: 's',
        sessionToken: 't',
        expiration: new Date(clock.now + expiresInMs),
      } satisfies TemporaryCredentials;
    },
  };
  return { port, requests };
}

describe('the role ARN of an account', () => {
  it.each([
    [
      'the commercial partition',
      'arn:aws:organizations::9:account/o-a/111111111111',
      'ssh-ingress-guard-scan',
      'arn:aws:iam::111111111111:role/ssh-ingress-guard-scan',
    ],
    [
      'GovCloud',
      'arn:aws-us-gov:organizations::9:account/o-a/111111111111',
      'scan',
      'arn:aws-us-gov:iam::111111111111:role/scan',
    ],
    ['a role with a path', undefined, 'security/scan', 'arn:aws:iam::111111111111:role/security/scan'],
    [
      'a path given with a leading slash',
      undefined,
      '/security/scan',
      'arn:aws:iam::111111111111:role/security/scan',
    ],
  ])('in %s', (_, arn, role, expected) => {
    expect(roleArnFor({ ...ACCOUNT, ...(arn ? { arn } : {}) }, role)).toBe(expected);
  });
});

describe('an account session', () => {
  const role = { name: 'ssh-ingress-guard-scan', sessionName: 'scan', externalId: 'sesame' };

  it('assumes the role once, up front, and reuses the keys while they are fresh', async () => {
    const clock = { now: 0 };
    const { port, requests } = sts(3_600_000, clock);
    let counted = 0;
    const keys = await openSession(
      port,
      ACCOUNT,
      role,
      () => new Date(clock.now),
      () => {
        counted += 1;
      },
    );
    expect(requests).toEqual([
      {
        roleArn: 'arn:aws:iam::111111111111:role/ssh-ingress-guard-scan',
        sessionName: 'scan',
        externalId: 'sesame',
      },
    ]);
    clock.now = 3_600_000 - 5 * 60_000 - 1;
    expect((await keys()).accessKeyId).toBe('ASIA1');
    expect(counted).toBe(1);
  });

  it('re-assumes once when the keys are about to expire, however many regions ask at that moment', async () => {
    const clock = { now: 0 };
    const { port, requests } = sts(3_600_000, clock);
    const keys = await openSession(
      port,
      ACCOUNT,
      role,
      () => new Date(clock.now),
      () => {},
    );
    clock.now = 3_600_000 - 60_000;
    const asked = await Promise.all([keys(), keys(), keys(), keys()]);
    expect(asked.map((k) => k.accessKeyId)).toEqual(['ASIA2', 'ASIA2', 'ASIA2', 'ASIA2']);
    expect(requests).toHaveLength(2);
    expect((await keys()).accessKeyId).toBe('ASIA2');
  });

  it('lets AccessDenied through at once: the account is unreachable before any region is read', async () => {
    const port: StsPort = {
      assumeRole: async () => {
        throw Object.assign(new Error('not authorized to perform: sts:AssumeRole'), { name: 'AccessDenied' });
      },
    };
    await expect(
      openSession(
        port,
        ACCOUNT,
        role,
        () => new Date(0),
        () => {},
      ),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
    });
  });
});
