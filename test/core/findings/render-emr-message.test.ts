import { describe, expect, it } from 'vitest';
import { buildRuleFinding } from '../../../functions/core/findings/build-finding.js';
import { renderMessages } from '../../../functions/core/findings/render-message.js';
import type { Trigger } from '../../../functions/core/model/trigger.js';
import { contextOf, flaggedRule, NOW, ruleOf } from '../../support/policy.js';

const trigger: Trigger = {
  kind: 'emr-state',
  eventName: 'EMR Cluster State Change',
  eventId: '8b11abeb-d0ae-48a8-85ed-26e9b2edf21a',
  eventTime: '2025-03-11T06:08:52Z',
  account: '123456789012',
  region: 'eu-west-1',
};

const emailOf = (emr: Parameters<typeof buildRuleFinding>[1]['emr']) => {
  const rule = ruleOf({ groupId: 'sg-0a1b2c3d4e5f60011' });
  const finding = buildRuleFinding(
    { evaluation: flaggedRule(rule, contextOf()), action: 'revoked' },
    { trigger, mode: 'revoke', now: NOW, ...(emr ? { emr } : {}) },
  );
  return JSON.parse(renderMessages([finding])[0]?.message ?? '{}').email as string;
};

describe('EMR context in the email text', () => {
  it('names the cluster, the group role and the Block Public Access state', () => {
    const emr = new Map([
      [
        'sg-0a1b2c3d4e5f60011',
        {
          clusterId: 'j-2AXXXXXXGAPLF',
          clusterName: 'nightly-etl',
          role: 'master',
          blockPublicAccess: 'on, permitted public ports: 22',
        },
      ],
    ]);
    expect(emailOf(emr)).toContain(
      'account 123456789012, region eu-west-1, EMR cluster j-2AXXXXXXGAPLF (nightly-etl), master group, Block Public Access on, permitted public ports: 22\n',
    );
  });

  it('says nothing of EMR for a group outside any cluster', () => {
    expect(emailOf(undefined)).toContain('account 123456789012, region eu-west-1\n');
  });
});
