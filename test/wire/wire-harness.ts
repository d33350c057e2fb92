import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import { cloudTrailEvent, ruleSetItem, withRuleSet } from '../support/events.js';
import { type FakeAws, startFakeAws } from '../support/fake-aws/index.js';
import { GuardProcess } from '../support/guard-process.js';

export interface Wire {
  fake: FakeAws;
  guard: GuardProcess;
  /** A second container of the same bundle (for delivery to several containers at once). */
  startContainer(): Promise<GuardProcess>;
}

/**
 * One loopback AWS endpoint per test file and the built bundle in a child process (a warm Lambda
 * container) pointed at it through AWS_ENDPOINT_URL. The fake is reset before each test.
 */
export function setUpWire(): Wire {
  const containers: GuardProcess[] = [];
  const wire: Wire = {
    startContainer: async () => {
      const container = await GuardProcess.start(inject('guardBundle'), wire.fake.env());
      containers.push(container);
      return container;
    },
  } as Wire;
  beforeAll(async () => {
    wire.fake = await startFakeAws();
    wire.guard = await wire.startContainer();
  });
  beforeEach(() => wire.fake.reset());
  afterAll(async () => {
    await Promise.all(containers.map((c) => c.close()));
    await wire.fake.close();
  });
  return wire;
}

/**
 * A fake endpoint and a cold container of the bundle for one test alone, so that slow fault tests
 * (SDK back-off, timeouts) can run concurrently (`describe.concurrent`) instead of one after another.
 */
export async function withOwnWire<T>(run: (wire: Pick<Wire, 'fake' | 'guard'>) => Promise<T>): Promise<T> {
  const fake = await startFakeAws();
  const guard = await GuardProcess.start(inject('guardBundle'), fake.env());
  try {
    return await run({ fake, guard });
  } finally {
    await guard.close();
    await fake.close();
  }
}

export interface RuleAt {
  readonly groupId: string;
  readonly ruleId: string;
  readonly cidr?: string;
  readonly port?: number;
}

/** Seeds the rule an AuthorizeSecurityGroupIngress created, as EC2 now holds it. */
export function seedRule(fake: FakeAws, { groupId, ruleId, cidr = '0.0.0.0/0', port = 22 }: RuleAt): void {
  const region = fake.state.region();
  if (!region.groups.has(groupId)) region.addGroup({ GroupId: groupId });
  const source = cidr.includes(':') ? { CidrIpv6: cidr } : { CidrIpv4: cidr };
  region.addRule({
    GroupId: groupId,
    SecurityGroupRuleId: ruleId,
    IpProtocol: 'tcp',
    FromPort: port,
    ToPort: port,
    ...source,
  });
}

/** The CloudTrail event (with its complete rule set) of the call that created `rule`. */
export function authorizeEvent(eventId: string, { groupId, ruleId, cidr = '0.0.0.0/0', port = 22 }: RuleAt) {
  const v6 = cidr.includes(':');
  const source = v6 ? { cidrIpv4: undefined, cidrIpv6: cidr } : { cidrIpv4: cidr };
  const ranges = v6
    ? { ipv6Ranges: { items: [{ cidrIpv6: cidr }] } }
    : { ipRanges: { items: [{ cidrIp: cidr }] } };
  return cloudTrailEvent(
    'AuthorizeSecurityGroupIngress',
    { groupId, ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: port, toPort: port, ...ranges }] } },
    withRuleSet(
      ruleSetItem({ groupId, securityGroupRuleId: ruleId, fromPort: port, toPort: port, ...source }),
    ),
    { eventID: eventId },
  );
}

/** ModifySecurityGroupRules rewriting `rule` to what `rule` says (PascalCase, one rule as an object). */
export function modifyEvent(eventId: string, { groupId, ruleId, cidr = '0.0.0.0/0', port = 22 }: RuleAt) {
  return cloudTrailEvent(
    'ModifySecurityGroupRules',
    {
      ModifySecurityGroupRulesRequest: {
        GroupId: groupId,
        SecurityGroupRule: {
          SecurityGroupRuleId: ruleId,
          tag: 1,
          SecurityGroupRule: { IpProtocol: 'tcp', FromPort: port, ToPort: port, CidrIpv4: cidr },
        },
      },
    },
    { ModifySecurityGroupRulesResponse: { requestId: 'r-1', return: true } },
    { eventID: eventId },
  );
}

/** Rule ids still present in the fake EC2. */
export const ruleIdsIn = (fake: FakeAws): string[] => [...fake.state.region().rules.keys()];
