import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const EVENTS_DIR = join(import.meta.dirname, '../../events');

export interface ManifestEntry {
  readonly file: string;
  readonly trigger: string;
  readonly expect: string;
  readonly note: string;
  /** For security group samples: how many of the event's rules get each verdict. */
  readonly verdicts?: Readonly<Record<string, number>>;
}

export function loadEvent(file: string): Record<string, unknown> & { detail: Record<string, unknown> } {
  return JSON.parse(readFileSync(join(EVENTS_DIR, file), 'utf8'));
}

export function loadManifest(): ManifestEntry[] {
  return JSON.parse(readFileSync(join(EVENTS_DIR, 'manifest.json'), 'utf8'));
}

export function eventFiles(): string[] {
  return readdirSync(EVENTS_DIR).filter((f) => f.endsWith('.json') && f !== 'manifest.json');
}

/** A CloudTrail record in its EventBridge envelope, for tests that vary one field at a time. */
export function cloudTrailEvent(
  eventName: string,
  requestParameters: unknown,
  responseElements: unknown = null,
  extra: Record<string, unknown> = {},
) {
  return {
    version: '0',
    id: 'c2f3e9a1-0000-4000-8000-000000000001',
    'detail-type': 'AWS API Call via CloudTrail',
    source: 'aws.ec2',
    account: '123456789012',
    time: '2026-11-21T09:59:58Z',
    region: 'eu-west-1',
    resources: [],
    detail: {
      eventVersion: '1.09',
      userIdentity: {
        type: 'IAMUser',
        principalId: 'AIDAEXAMPLEEXAMPLE1',
        arn: 'arn:aws:iam::123456789012:user/alice',
        accountId: '123456789012',
        userName: 'alice',
      },
      eventTime: '2026-11-21T09:59:58Z',
      eventSource: 'ec2.amazonaws.com',
      eventName,
      awsRegion: 'eu-west-1',
      sourceIPAddress: '198.51.100.23',
      userAgent: 'aws-cli/2.15.0',
      requestParameters,
      responseElements,
      requestID: '1a2b3c4d-0000-4000-8000-000000000002',
      eventID: '9e8d7c6b-0000-4000-8000-000000000003',
      readOnly: false,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: '123456789012',
      eventCategory: 'Management',
      ...extra,
    },
  };
}

export const worldSshRequest = (groupId = 'sg-0a1b2c3d4e5f60001') => ({
  groupId,
  ipPermissions: {
    items: [
      {
        ipProtocol: 'tcp',
        fromPort: 22,
        toPort: 22,
        ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] },
        ipv6Ranges: {},
        prefixListIds: {},
        groups: {},
      },
    ],
  },
});

export const ruleSetItem = (overrides: Record<string, unknown> = {}) => ({
  groupOwnerId: '123456789012',
  groupId: 'sg-0a1b2c3d4e5f60001',
  securityGroupRuleId: 'sgr-0123456789abcdef0',
  isEgress: false,
  ipProtocol: 'tcp',
  fromPort: 22,
  toPort: 22,
  cidrIpv4: '0.0.0.0/0',
  ...overrides,
});

export const withRuleSet = (...ruleItems: Record<string, unknown>[]) => ({
  requestId: '1a2b3c4d-0000-4000-8000-000000000002',
  _return: true,
  securityGroupRuleSet: { items: ruleItems },
});
