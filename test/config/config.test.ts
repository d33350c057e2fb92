import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadPolicySettings } from '../../functions/config/config.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:ssh-ingress-guard-findings';

describe('configuration', () => {
  it('has safe defaults: revoke mode, port 22, /8 and /32 bounds, nothing trusted or exempt', () => {
    const config = loadConfig({ TOPIC_ARN: TOPIC });
    expect(config).toMatchObject({
      topicArn: TOPIC,
      mode: 'revoke',
      policy: {
        watchedPorts: [22],
        trustedCidrs: [],
        worldPrefix: { 4: 8, 6: 32 },
        remediatePublicSources: false,
        exemptions: [],
        honorExemptTag: false,
        exemptTagKey: 'ssh-ingress-guard:exempt',
      },
    });
  });

  it('reads the opt-in tag exemption and its key', () => {
    const config = loadConfig({
      TOPIC_ARN: TOPIC,
      HONOR_EXEMPT_TAG: 'true',
      EXEMPT_TAG_KEY: 'security/exempt',
    });
    expect(config.policy).toMatchObject({ honorExemptTag: true, exemptTagKey: 'security/exempt' });
  });

  it('reads a CIDR-limited exemption with a date-time expiry', () => {
    const entry = {
      groupId: 'sg-0a1b2c3d4e5f60001',
      cidr: '203.0.113.0/24',
      reason: 'partner',
      expires: '2026-12-31T18:00:00Z',
      approvedBy: 'alice',
    };
    expect(loadConfig({ TOPIC_ARN: TOPIC, EXEMPTIONS: JSON.stringify([entry]) }).policy.exemptions).toEqual([
      entry,
    ]);
  });

  it('reads every setting', () => {
    const config = loadConfig({
      TOPIC_ARN: TOPIC,
      REMEDIATION_MODE: 'report',
      WATCHED_PORTS: '2222, 22',
      TRUSTED_CIDRS: '198.51.100.0/24, 2001:db8::/48',
      WORLD_PREFIX_IPV4: '12',
      WORLD_PREFIX_IPV6: '40',
      REMEDIATE_PUBLIC_SOURCES: 'true',
      EXEMPTIONS: JSON.stringify([
        { groupId: 'sg-0a1b2c3d4e5f60001', reason: 'bastion', expires: '2026-12-31', approvedBy: 'alice' },
      ]),
    });
    expect(config.mode).toBe('report');
    expect(config.policy.watchedPorts).toEqual([22, 2222]);
    expect(config.policy.trustedCidrs.map((t) => t.text)).toEqual(['198.51.100.0/24', '2001:db8::/48']);
    expect(config.policy.worldPrefix).toEqual({ 4: 12, 6: 40 });
    expect(config.policy.remediatePublicSources).toBe(true);
    expect(config.policy.exemptions[0]).toMatchObject({
      groupId: 'sg-0a1b2c3d4e5f60001',
      approvedBy: 'alice',
    });
  });

  it('is frozen once read', () => {
    const config = loadConfig({ TOPIC_ARN: TOPIC });
    expect(Object.isFrozen(config.policy.watchedPorts)).toBe(true);
    expect(() => (config.policy.watchedPorts as number[]).push(23)).toThrow();
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ['missing topic', { TOPIC_ARN: '' }, /^TOPIC_ARN: expected an SNS topic ARN/],
    [
      'topic that is not an ARN',
      { TOPIC_ARN: 'my-topic' },
      /^TOPIC_ARN: expected an SNS topic ARN, got "my-topic"/,
    ],
    [
      'unknown mode',
      { REMEDIATION_MODE: 'delete' },
      /^REMEDIATION_MODE: expected one of revoke, narrow, replace-with-eic, report, got "delete"/,
    ],
    ['port 0', { WATCHED_PORTS: '0' }, /^WATCHED_PORTS: expected comma-separated TCP ports from 1 to 65535/],
    ['port not a number', { WATCHED_PORTS: 'ssh' }, /^WATCHED_PORTS: /],
    [
      'bad trusted CIDR',
      { TRUSTED_CIDRS: '10.0.0.0/33' },
      /^TRUSTED_CIDRS: expected comma-separated IPv4\/IPv6 CIDRs/,
    ],
    [
      'trusting the world',
      { TRUSTED_CIDRS: '0.0.0.0/0' },
      /^TRUSTED_CIDRS: expected CIDRs narrower than the world bound \/8/,
    ],
    [
      'bound out of range',
      { WORLD_PREFIX_IPV4: '33' },
      /^WORLD_PREFIX_IPV4: expected a whole number from 0 to 32/,
    ],
    [
      'boolean typo',
      { REMEDIATE_PUBLIC_SOURCES: 'yes' },
      /^REMEDIATE_PUBLIC_SOURCES: expected true or false/,
    ],
    ['exemptions not JSON', { EXEMPTIONS: '{' }, /^EXEMPTIONS: expected a JSON array of/],
    ['exemptions not an array', { EXEMPTIONS: '{}' }, /^EXEMPTIONS: expected a JSON array of/],
    [
      'exemption without reason',
      { EXEMPTIONS: '[{"groupId":"sg-0a1b2c3d","expires":"2026-12-31"}]' },
      /^EXEMPTIONS\[0\]: expected a non-empty "reason"/,
    ],
    [
      'exemption with a bad date',
      { EXEMPTIONS: '[{"groupId":"sg-0a1b2c3d","reason":"x","expires":"soon"}]' },
      /^EXEMPTIONS\[0\]: expected "expires" as an ISO date/,
    ],
    [
      'exemption with a bad group',
      { EXEMPTIONS: '[{"groupId":"launch-wizard-1","reason":"x","expires":"2026-12-31"}]' },
      /^EXEMPTIONS\[0\]: expected groupId/,
    ],
    [
      'sweep concurrency of 0',
      { SWEEP_REGION_CONCURRENCY: '0' },
      /^SWEEP_REGION_CONCURRENCY: expected a whole number from 1 to 32/,
    ],
    [
      'sweep concurrency of 33',
      { SWEEP_REGION_CONCURRENCY: '33' },
      /^SWEEP_REGION_CONCURRENCY: expected a whole number from 1 to 32/,
    ],
    [
      'exemption without an approver',
      { EXEMPTIONS: '[{"groupId":"sg-0a1b2c3d","reason":"x","expires":"2026-12-31"}]' },
      /^EXEMPTIONS\[0\]: expected a non-empty "approvedBy" \(who approved it\), got "\{\\"groupId/,
    ],
    [
      'the second exemption, naming its index',
      {
        EXEMPTIONS:
          '[{"groupId":"sg-0a1b2c3d","reason":"x","expires":"2026-12-31","approvedBy":"a"},{"groupId":"sg-0a1b2c3d","reason":"y","expires":"2026-02-30","approvedBy":"a"}]',
      },
      /^EXEMPTIONS\[1\]: expected "expires" as an ISO date.*2026-02-30/,
    ],
    [
      'an exemption expiry with a time but no zone',
      {
        EXEMPTIONS: '[{"groupId":"sg-0a1b2c3d","reason":"x","expires":"2026-12-31T18:00","approvedBy":"a"}]',
      },
      /^EXEMPTIONS\[0\]: expected "expires" as an ISO date, e\.g\. "2026-12-31" or "2026-12-31T18:00:00Z" \(a time needs its zone\)/,
    ],
    [
      'a misspelt key before anything else',
      { EXEMPTIONS: '[{"groupId":"sg-0a1b2c3d","reason":"x","expires":"2026-12-31","approvedby":"a"}]' },
      /^EXEMPTIONS\[0\]: expected only groupId, cidr, reason, expires, approvedBy \(not approvedby\)/,
    ],
    ['tag exemption switch typo', { HONOR_EXEMPT_TAG: 'yes' }, /^HONOR_EXEMPT_TAG: expected true or false/],
    ['a reserved tag key', { EXEMPT_TAG_KEY: 'aws:exempt' }, /^EXEMPT_TAG_KEY: expected a tag key of 1-128/],
    ['a tag key with a quote', { EXEMPT_TAG_KEY: 'exempt"' }, /^EXEMPT_TAG_KEY: expected a tag key/],
    [
      'exemption with an unknown key',
      { EXEMPTIONS: '[{"groupId":"sg-0a1b2c3d","reason":"x","expires":"2026-12-31","tag":"y"}]' },
      /^EXEMPTIONS\[0\]: expected only groupId/,
    ],
  ])('rejects %s, naming the variable and the accepted form', (_name, env, message) => {
    const load = () => loadConfig({ TOPIC_ARN: TOPIC, ...env });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(message);
  });
});

describe('sweep and scan settings', () => {
  it('sweeps four regions at a time unless told otherwise', () => {
    expect(loadConfig({ TOPIC_ARN: TOPIC }).sweep).toEqual({ regionConcurrency: 4 });
    expect(loadConfig({ TOPIC_ARN: TOPIC, SWEEP_REGION_CONCURRENCY: '8' }).sweep).toEqual({
      regionConcurrency: 8,
    });
  });

  it('gives the scan CLI the same policy without a topic', () => {
    const settings = loadPolicySettings({ WATCHED_PORTS: '22,2222', TRUSTED_CIDRS: '198.51.100.0/24' });
    expect(settings.policy.watchedPorts).toEqual([22, 2222]);
    expect(settings.policy.trustedCidrs.map((t) => t.text)).toEqual(['198.51.100.0/24']);
    expect(settings).not.toHaveProperty('topicArn');
    expect(Object.isFrozen(settings.policy)).toBe(true);
  });
});

describe('configuration that defeats the guard is refused', () => {
  const exemption = (cidr: unknown) =>
    JSON.stringify([
      { groupId: 'sg-0a1b2c3d', cidr, reason: 'vendor', expires: '2026-12-31', approvedBy: 'alice' },
    ]);

  it.each<[string, Record<string, string>, RegExp]>([
    [
      'an exemption for the IPv4 world',
      { EXEMPTIONS: exemption('0.0.0.0/0') },
      /narrower than the world bound \/8/,
    ],
    [
      'an exemption for the IPv6 world',
      { EXEMPTIONS: exemption('::/0') },
      /narrower than the world bound \/32/,
    ],
    ['an exemption whose host bits hide a /0', { EXEMPTIONS: exemption('203.0.113.9/0') }, /world bound \/8/],
    [
      'an exemption for a public /8 at the default bound',
      { EXEMPTIONS: exemption('44.0.0.0/8') },
      /world bound \/8/,
    ],
    ['an exemption for a public IPv6 /32', { EXEMPTIONS: exemption('2600::/32') }, /world bound \/32/],
    [
      'an exemption at a configured, narrower bound',
      { WORLD_PREFIX_IPV4: '12', EXEMPTIONS: exemption('44.16.0.0/12') },
      /world bound \/12/,
    ],
    [
      'an exemption with a blank cidr (read as none it would cover the group)',
      { EXEMPTIONS: exemption(' ') },
      /"cidr" as an IPv4\/IPv6 CIDR/,
    ],
    [
      'an exemption with a cidr that is not a string',
      { EXEMPTIONS: exemption(8) },
      /"cidr" as an IPv4\/IPv6 CIDR/,
    ],
    [
      'trusting the world',
      { TRUSTED_CIDRS: '0.0.0.0/0' },
      /^TRUSTED_CIDRS: expected CIDRs narrower than the world bound \/8/,
    ],
    [
      'trusting the world in parts (two /9s make a /8)',
      { TRUSTED_CIDRS: '11.0.0.0/9,11.128.0.0/9' },
      /^TRUSTED_CIDRS: expected CIDRs that together stay narrower than the world bound \/8/,
    ],
    [
      'trusting the whole internet in two halves under a /0 bound',
      { TRUSTED_CIDRS: '0.0.0.0/1,128.0.0.0/1', WORLD_PREFIX_IPV4: '0' },
      /^TRUSTED_CIDRS: expected CIDRs that together stay narrower than the world bound \/0/,
    ],
    [
      'trusting IPv6 world in parts',
      { TRUSTED_CIDRS: '2a05::/33,2a05:0:8000::/33' },
      /^TRUSTED_CIDRS: expected CIDRs that together stay narrower than the world bound \/32/,
    ],
  ])('refuses %s at load, naming the variable and the accepted form', (_name, env, message) => {
    const load = () => loadConfig({ TOPIC_ARN: TOPIC, ...env });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(message);
    if (env.EXEMPTIONS) expect(load).toThrow(/^EXEMPTIONS\[0\]: expected /);
  });

  it('accepts trusted ranges that reach the bound only with private space, which never changes a verdict', () => {
    expect(
      loadConfig({ TOPIC_ARN: TOPIC, TRUSTED_CIDRS: '10.0.0.0/9,10.128.0.0/9' }).policy.trustedCidrs,
    ).toHaveLength(2);
  });

  it.each<[string, Record<string, string>]>([
    ['an exemption for a public /9 (narrower than /8)', { EXEMPTIONS: exemption('44.0.0.0/9') }],
    ['an exemption for private space of any size', { EXEMPTIONS: exemption('10.0.0.0/8') }],
    ['an exemption for a public /12 under the default bound', { EXEMPTIONS: exemption('44.16.0.0/12') }],
    ['an exemption for a vendor /24', { EXEMPTIONS: exemption('203.0.113.0/24') }],
  ])('accepts %s', (_name, env) => {
    expect(loadConfig({ TOPIC_ARN: TOPIC, ...env }).policy.exemptions).toHaveLength(1);
  });
});
