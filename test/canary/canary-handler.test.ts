import { describe, expect, it } from 'vitest';
import { makeCanaryHandler } from '../../functions/canary/canary-handler';
import { readCanarySettings } from '../../functions/canary/canary-settings';
import { markCanaryFindings } from '../../functions/canary/mark-canary';
import type { CanaryPort } from '../../functions/canary/run-canary';
import type { OutboundMessage } from '../../functions/core/findings/render-message';
import { silentLog } from '../../functions/log';
import type { MetricsPort } from '../../functions/metrics/metrics';

function recorder() {
  const data: { name: string; unit: string; value: number; dimensions?: Record<string, string> }[] = [];
  const metrics: MetricsPort = {
    add: (name, unit, value) => void data.push({ name, unit, value }),
    addWith: (name, unit, value, dimensions) =>
      void data.push({ name, unit, value, dimensions: { ...dimensions } }),
    flush() {},
  };
  return { data, metrics };
}

const clock = () => {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
};

describe('the canary handler', () => {
  const settings = { groupId: 'sg-0c0ffee0c0ffee001', boundMs: 10_000, pollMs: 500 };

  it('publishes the exposure window and a revoked run', async () => {
    let polls = 0;
    const canary: CanaryPort = {
      openProbe: async () => 'sgr-1',
      isProbeOpen: async () => ++polls < 4,
      closeProbe: async () => {},
    };
    const { data, metrics } = recorder();
    const result = await makeCanaryHandler(settings, { canary, clock: clock(), metrics }, silentLog)({});
    expect(result.status).toBe('revoked');
    expect(data).toEqual([
      { name: 'CanaryRuns', unit: 'Count', value: 1, dimensions: { outcome: 'revoked' } },
      { name: 'CanaryExposureWindow', unit: 'Seconds', value: 2 },
    ]);
  });

  const neverRevoked: CanaryPort = {
    openProbe: async () => 'sgr-1',
    isProbeOpen: async () => true,
    closeProbe: async () => {},
  };
  const cannotOpen: CanaryPort = { ...neverRevoked, openProbe: () => Promise.reject(new Error('denied')) };
  it.each([
    ['not-revoked', neverRevoked],
    ['failed', cannotOpen],
  ] as const)('a %s run is counted by outcome, with no window', async (kind, canary) => {
    const { data, metrics } = recorder();
    const result = await makeCanaryHandler(settings, { canary, clock: clock(), metrics }, silentLog)({});
    expect(result.status).toBe(kind);
    expect(data).toEqual([{ name: 'CanaryRuns', unit: 'Count', value: 1, dimensions: { outcome: kind } }]);
  });
});

describe('canary settings', () => {
  it('defaults to a 5 minute bound and 1 s polls', () => {
    expect(readCanarySettings({ CANARY_GROUP_ID: 'sg-0c0ffee0c0ffee001' })).toEqual({
      groupId: 'sg-0c0ffee0c0ffee001',
      boundMs: 300_000,
      pollMs: 1_000,
    });
  });

  it.each([
    [{}, /CANARY_GROUP_ID must be a security group id/],
    [
      { CANARY_GROUP_ID: 'sg-0c0ffee0c0ffee001', CANARY_BOUND_SECONDS: '900' },
      /CANARY_BOUND_SECONDS must be a whole number from 1 to 840/,
    ],
    [{ CANARY_GROUP_ID: 'sg-0c0ffee0c0ffee001', CANARY_POLL_MS: '0.5' }, /CANARY_POLL_MS/],
  ])('rejects %j naming the variable', (env, message) => {
    expect(() => readCanarySettings(env)).toThrow(message);
  });
});

describe('findings about the canary group are marked, so nobody is paged', () => {
  const message = (groupIds: string[]): OutboundMessage => ({
    subject: '[ssh-ingress-guard] REVOKED tcp/22 from 0.0.0.0/0 on sg-x (123456789012/eu-west-1)',
    message: JSON.stringify({
      default: JSON.stringify({ findings: groupIds.map((groupId) => ({ resource: { groupId } })) }),
      email: '',
    }),
    attributes: {
      severity: 'high',
      action: 'revoked',
      account: '123456789012',
      region: 'eu-west-1',
      trigger: 'AuthorizeSecurityGroupIngress',
    },
    findingIds: [],
  });

  async function publish(m: OutboundMessage, canaryGroupId: string | undefined) {
    const sent: OutboundMessage[] = [];
    await markCanaryFindings({ publish: async (x) => void sent.push(x) }, canaryGroupId).publish(m);
    return sent[0] as OutboundMessage;
  }

  it('a message whose findings are all about the canary group carries canary=true and says so', async () => {
    const sent = await publish(message(['sg-0c0ffee0c0ffee001']), 'sg-0c0ffee0c0ffee001');
    expect(sent.attributes).toMatchObject({ canary: 'true', severity: 'high' });
    expect(sent.subject).toMatch(/^\[canary\] \[ssh-ingress-guard\] REVOKED/);
  });

  it.each([
    ['about another group', ['sg-0aaaaaaaaaaaaaaa1'], 'sg-0c0ffee0c0ffee001'],
    [
      'mixing the canary and a real group',
      ['sg-0c0ffee0c0ffee001', 'sg-0aaaaaaaaaaaaaaa1'],
      'sg-0c0ffee0c0ffee001',
    ],
    ['with no canary deployed', ['sg-0c0ffee0c0ffee001'], undefined],
  ])('a message %s is left as it is', async (_name, groups, canaryGroupId) => {
    const m = message(groups);
    expect(await publish(m, canaryGroupId)).toEqual(m);
  });
});
