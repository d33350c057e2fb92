import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesPattern, validatePattern } from './event-pattern';

// Realistic "AWS API Call via CloudTrail" envelopes, shaped as EventBridge delivers them.

const authorize = {
  version: '0',
  id: '6f0b5a4e-2d5c-4c1e-9a51-5f3c0c6f9e21',
  'detail-type': 'AWS API Call via CloudTrail',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2024-05-14T09:21:07Z',
  region: 'eu-west-1',
  resources: [] as string[],
  detail: {
    eventVersion: '1.09',
    userIdentity: {
      type: 'AssumedRole',
      principalId: 'AROAEXAMPLEID12345678:alice',
      arn: 'arn:aws:sts::123456789012:assumed-role/Admin/alice',
      accountId: '123456789012',
      sessionContext: { attributes: { creationDate: '2024-05-14T08:55:12Z', mfaAuthenticated: 'true' } },
    },
    eventTime: '2024-05-14T09:21:07Z',
    eventSource: 'ec2.amazonaws.com',
    eventName: 'AuthorizeSecurityGroupIngress',
    awsRegion: 'eu-west-1',
    sourceIPAddress: '203.0.113.10',
    userAgent: 'aws-cli/2.15.30 md/Botocore#1.34.30 ua/2.0 os/linux#6.5.0',
    requestParameters: {
      groupId: 'sg-0123456789abcdef0',
      ipPermissions: {
        items: [
          {
            ipProtocol: 'tcp',
            fromPort: 22,
            toPort: 22,
            ipRanges: { items: [{ cidrIp: '0.0.0.0/0', description: 'temp * access' }] },
            ipv6Ranges: { items: [{ cidrIpv6: '::/0' }] },
          },
        ],
      },
    },
    responseElements: {
      requestId: '0d2b1f6e-8a7c-4c3b-b5b4-2f9e1a0c7d11',
      _return: true,
      securityGroupRuleSet: {
        items: [
          { groupId: 'sg-0123456789abcdef0', securityGroupRuleId: 'sgr-0a1b2c3d4e5f67890', isEgress: false },
        ],
      },
    },
    requestID: '0d2b1f6e-8a7c-4c3b-b5b4-2f9e1a0c7d11',
    eventID: 'c4f1e0d2-5b6a-4e3f-8d7c-9a0b1c2d3e4f',
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '123456789012',
    eventCategory: 'Management',
  },
};

/** The same call refused by IAM: CloudTrail adds errorCode/errorMessage and nulls responseElements. */
const denied = {
  ...authorize,
  detail: {
    ...authorize.detail,
    errorCode: 'Client.UnauthorizedOperation',
    errorMessage: 'You are not authorized to perform this operation.',
    responseElements: null,
  },
};

/** Two permissions in one call, from an IPv6 client, with the affected group listed in resources. */
const twoPermissions = {
  ...authorize,
  resources: ['arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0123456789abcdef0'],
  detail: {
    ...authorize.detail,
    sourceIPAddress: '2001:db8:85a3::8a2e:370:7334',
    requestParameters: {
      groupId: 'sg-0123456789abcdef0',
      ipPermissions: {
        items: [
          { ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: '10.0.0.0/8' }] } },
          { ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } },
        ],
      },
    },
  },
};

/** A call made by a service on the user's behalf: sourceIPAddress is a host name, not an address. */
const viaCloudFormation = {
  ...authorize,
  detail: {
    ...authorize.detail,
    sourceIPAddress: 'cloudformation.amazonaws.com',
    invokedBy: 'cloudformation.amazonaws.com',
  },
};

const ssh = (detail: Record<string, unknown>) => ({
  source: ['aws.ec2'],
  'detail-type': ['AWS API Call via CloudTrail'],
  detail,
});
const permission = (item: Record<string, unknown>) => ({
  detail: { requestParameters: { ipPermissions: { items: item } } },
});

type Case = [name: string, pattern: Record<string, unknown>, event: unknown, expected: boolean];

const cases: Case[] = [
  // Exact matching: keys AND, array values OR, case- and type-sensitive.
  [
    'exact: source, detail-type and eventName',
    ssh({ eventName: ['AuthorizeSecurityGroupIngress'] }),
    authorize,
    true,
  ],
  [
    'exact: any value of the list may match',
    ssh({ eventName: ['RevokeSecurityGroupIngress', 'AuthorizeSecurityGroupIngress'] }),
    authorize,
    true,
  ],
  ['exact: other eventName', ssh({ eventName: ['RevokeSecurityGroupIngress'] }), authorize, false],
  [
    'exact: one failing key fails the pattern',
    { source: ['aws.ec2'], region: ['us-east-1'] },
    authorize,
    false,
  ],
  ['exact: top-level account matches', { account: ['123456789012'] }, authorize, true],
  ['exact: top-level account differs', { account: ['210987654321'] }, authorize, false],
  ['exact: strings are case-sensitive', { source: ['AWS.EC2'] }, authorize, false],
  ['exact: the number 22 matches 22', permission({ fromPort: [22] }), authorize, true],
  ['exact: the string "22" does not match 22', permission({ fromPort: ['22'] }), authorize, false],
  ['exact: boolean false matches false', { detail: { readOnly: [false] } }, authorize, true],
  ['exact: the string "false" does not match false', { detail: { readOnly: ['false'] } }, authorize, false],
  ['exact: null matches a null field', { detail: { responseElements: [null] } }, denied, true],
  ['exact: null does not match an object', { detail: { responseElements: [null] } }, authorize, false],
  ['exact: "" does not match null', { detail: { responseElements: [''] } }, denied, false],
  [
    'exact: absent field fails',
    { detail: { errorCode: ['Client.UnauthorizedOperation'] } },
    authorize,
    false,
  ],
  [
    'exact: nested field several levels down',
    { detail: { userIdentity: { type: ['AssumedRole'] } } },
    authorize,
    true,
  ],
  [
    'exact: a nested pattern under an absent parent fails',
    { detail: { additionalEventData: { SignatureVersion: ['SigV4'] } } },
    authorize,
    false,
  ],
  [
    'exact: a nested pattern under a plain value fails',
    { detail: { eventName: { inner: ['AuthorizeSecurityGroupIngress'] } } },
    authorize,
    false,
  ],

  // Arrays in the event: any element may match; objects inside arrays are matched element by element.
  [
    'array: resources contains the value',
    { resources: ['arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0123456789abcdef0'] },
    twoPermissions,
    true,
  ],
  [
    'array: resources lacks the value',
    { resources: ['arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0fedcba9876543210'] },
    twoPermissions,
    false,
  ],
  [
    'array: a field reached through arrays of objects',
    permission({ ipRanges: { items: { cidrIp: ['0.0.0.0/0'] } } }),
    authorize,
    true,
  ],
  ['array: the second permission matches', permission({ fromPort: [443] }), twoPermissions, true],
  [
    'array: two fields must match inside the same element',
    permission({ fromPort: [22], ipRanges: { items: { cidrIp: ['0.0.0.0/0'] } } }),
    twoPermissions,
    false,
  ],
  [
    'array: two fields matching inside one element',
    permission({ fromPort: [443], ipRanges: { items: { cidrIp: ['0.0.0.0/0'] } } }),
    twoPermissions,
    true,
  ],
  ['array: an empty array does not exist', { resources: [{ exists: true }] }, authorize, false],
  ['array: an empty array counts as absent', { resources: [{ exists: false }] }, authorize, true],

  // prefix / suffix / equals-ignore-case work on strings only.
  ['prefix: matches', ssh({ eventName: [{ prefix: 'AuthorizeSecurityGroup' }] }), authorize, true],
  ['prefix: does not match', ssh({ eventName: [{ prefix: 'Revoke' }] }), authorize, false],
  ['prefix: is case-sensitive', ssh({ eventName: [{ prefix: 'authorize' }] }), authorize, false],
  ['prefix: never matches a number', permission({ fromPort: [{ prefix: '2' }] }), authorize, false],
  [
    'prefix + equals-ignore-case: matches',
    ssh({ eventName: [{ prefix: { 'equals-ignore-case': 'authorize' } }] }),
    authorize,
    true,
  ],
  [
    'prefix + equals-ignore-case: does not match',
    ssh({ eventName: [{ prefix: { 'equals-ignore-case': 'revoke' } }] }),
    authorize,
    false,
  ],
  ['suffix: matches', { detail: { eventName: [{ suffix: 'Ingress' }] } }, authorize, true],
  ['suffix: does not match', { detail: { eventName: [{ suffix: 'Egress' }] } }, authorize, false],
  ['suffix: is case-sensitive', { detail: { eventName: [{ suffix: 'INGRESS' }] } }, authorize, false],
  [
    'suffix + equals-ignore-case: matches',
    { detail: { eventName: [{ suffix: { 'equals-ignore-case': 'INGRESS' } }] } },
    authorize,
    true,
  ],
  [
    'suffix + equals-ignore-case: does not match',
    { detail: { eventName: [{ suffix: { 'equals-ignore-case': 'EGRESS' } }] } },
    authorize,
    false,
  ],
  [
    'equals-ignore-case: matches',
    { detail: { eventSource: [{ 'equals-ignore-case': 'EC2.AmazonAWS.com' }] } },
    authorize,
    true,
  ],
  [
    'equals-ignore-case: does not match',
    { detail: { eventSource: [{ 'equals-ignore-case': 'IAM.amazonaws.com' }] } },
    authorize,
    false,
  ],

  // anything-but: matches any present value that is not excluded; never an absent field.
  [
    'anything-but string: other value',
    ssh({ eventName: [{ 'anything-but': 'RevokeSecurityGroupIngress' }] }),
    authorize,
    true,
  ],
  [
    'anything-but string: excluded value',
    ssh({ eventName: [{ 'anything-but': 'AuthorizeSecurityGroupIngress' }] }),
    authorize,
    false,
  ],
  [
    'anything-but list: excluded value',
    {
      detail: {
        eventName: [{ 'anything-but': ['AuthorizeSecurityGroupIngress', 'ModifySecurityGroupRules'] }],
      },
    },
    authorize,
    false,
  ],
  [
    'anything-but number: excluded port',
    permission({ fromPort: [{ 'anything-but': [22, 3389] }] }),
    authorize,
    false,
  ],
  [
    'anything-but number: is type-sensitive',
    permission({ fromPort: [{ 'anything-but': '22' }] }),
    authorize,
    true,
  ],
  [
    'anything-but on an array: another element is not excluded',
    permission({ fromPort: [{ 'anything-but': 22 }] }),
    twoPermissions,
    true,
  ],
  [
    'anything-but: an absent field does not match',
    { detail: { errorCode: [{ 'anything-but': 'AccessDenied' }] } },
    authorize,
    false,
  ],
  [
    'anything-but: a present field does',
    { detail: { errorCode: [{ 'anything-but': 'AccessDenied' }] } },
    denied,
    true,
  ],
  [
    'anything-but prefix: excluded',
    { detail: { eventName: [{ 'anything-but': { prefix: 'Authorize' } }] } },
    authorize,
    false,
  ],
  [
    'anything-but prefix: not excluded',
    { detail: { eventName: [{ 'anything-but': { prefix: 'Describe' } }] } },
    authorize,
    true,
  ],
  [
    'anything-but prefix: string forms never exclude a number',
    permission({ fromPort: [{ 'anything-but': { prefix: '2' } }] }),
    authorize,
    true,
  ],
  [
    'anything-but suffix: excluded',
    { detail: { eventName: [{ 'anything-but': { suffix: 'Ingress' } }] } },
    authorize,
    false,
  ],
  [
    'anything-but suffix: not excluded',
    { detail: { eventName: [{ 'anything-but': { suffix: 'Egress' } }] } },
    authorize,
    true,
  ],
  [
    'anything-but equals-ignore-case: excluded',
    {
      detail: { eventName: [{ 'anything-but': { 'equals-ignore-case': 'authorizesecuritygroupingress' } }] },
    },
    authorize,
    false,
  ],
  [
    'anything-but equals-ignore-case list: not excluded',
    {
      detail: {
        eventName: [
          { 'anything-but': { 'equals-ignore-case': ['describesecuritygroups', 'DESCRIBEINSTANCES'] } },
        ],
      },
    },
    authorize,
    true,
  ],
  [
    'anything-but wildcard: excluded',
    { detail: { eventName: [{ 'anything-but': { wildcard: '*SecurityGroup*' } }] } },
    authorize,
    false,
  ],
  [
    'anything-but wildcard: not excluded',
    { detail: { eventName: [{ 'anything-but': { wildcard: 'Describe*' } }] } },
    authorize,
    true,
  ],

  // numeric: JSON numbers only.
  ['numeric: inside (0, 22]', permission({ fromPort: [{ numeric: ['>', 0, '<=', 22] }] }), authorize, true],
  [
    'numeric: outside [23, 65535]',
    permission({ fromPort: [{ numeric: ['>=', 23, '<=', 65535] }] }),
    authorize,
    false,
  ],
  ['numeric: = matches', permission({ toPort: [{ numeric: ['=', 22] }] }), authorize, true],
  ['numeric: < is strict', permission({ toPort: [{ numeric: ['<', 22] }] }), authorize, false],
  [
    'numeric: any element of an array',
    permission({ fromPort: [{ numeric: ['>', 400] }] }),
    twoPermissions,
    true,
  ],
  [
    'numeric: a numeric-looking string does not match',
    { detail: { eventVersion: [{ numeric: ['>', 1] }] } },
    authorize,
    false,
  ],

  // exists: leaf fields only.
  ['exists true: field present', { detail: { errorCode: [{ exists: true }] } }, denied, true],
  ['exists true: field absent', { detail: { errorCode: [{ exists: true }] } }, authorize, false],
  ['exists false: field absent', { detail: { errorCode: [{ exists: false }] } }, authorize, true],
  ['exists false: field present', { detail: { errorCode: [{ exists: false }] } }, denied, false],
  ['exists true: a null value exists', { detail: { responseElements: [{ exists: true }] } }, denied, true],
  [
    'exists true: an object is not a leaf',
    { detail: { requestParameters: [{ exists: true }] } },
    authorize,
    false,
  ],
  [
    'exists false: an object is not a leaf',
    { detail: { requestParameters: [{ exists: false }] } },
    authorize,
    true,
  ],
  [
    'exists false: the parent is absent too',
    { detail: { additionalEventData: { x: [{ exists: false }] } } },
    authorize,
    true,
  ],

  // cidr: IPv4 and IPv6 addresses held as strings.
  ['cidr: IPv4 inside', { detail: { sourceIPAddress: [{ cidr: '203.0.113.0/24' }] } }, authorize, true],
  ['cidr: IPv4 outside', { detail: { sourceIPAddress: [{ cidr: '198.51.100.0/24' }] } }, authorize, false],
  [
    'cidr: /32 is one address',
    { detail: { sourceIPAddress: [{ cidr: '203.0.113.10/32' }] } },
    authorize,
    true,
  ],
  [
    'cidr: host bits in the pattern are ignored',
    { detail: { sourceIPAddress: [{ cidr: '203.0.113.99/24' }] } },
    authorize,
    true,
  ],
  ['cidr: IPv6 inside', { detail: { sourceIPAddress: [{ cidr: '2001:db8::/32' }] } }, twoPermissions, true],
  ['cidr: IPv6 outside', { detail: { sourceIPAddress: [{ cidr: '2001:db9::/32' }] } }, twoPermissions, false],
  [
    'cidr: an IPv4 range never holds an IPv6 address',
    { detail: { sourceIPAddress: [{ cidr: '0.0.0.0/0' }] } },
    twoPermissions,
    false,
  ],
  [
    'cidr: a host name is not an address',
    { detail: { sourceIPAddress: [{ cidr: '0.0.0.0/0' }] } },
    viaCloudFormation,
    false,
  ],
  [
    'cidr: a CIDR string in the event is not an address',
    permission({ ipRanges: { items: { cidrIp: [{ cidr: '0.0.0.0/0' }] } } }),
    authorize,
    false,
  ],

  // wildcard: * is any run of characters, \* a literal star.
  [
    'wildcard: assumed-role ARN',
    { detail: { userIdentity: { arn: [{ wildcard: 'arn:aws:sts::*:assumed-role/Admin/*' }] } } },
    authorize,
    true,
  ],
  [
    'wildcard: IAM user ARN',
    { detail: { userIdentity: { arn: [{ wildcard: 'arn:aws:iam::*:user/*' }] } } },
    authorize,
    false,
  ],
  [
    'wildcard: without * it is exact',
    { detail: { eventName: [{ wildcard: 'AuthorizeSecurityGroup' }] } },
    authorize,
    false,
  ],
  [
    'wildcard: regex characters are literal',
    { detail: { awsRegion: [{ wildcard: 'eu.west.1' }] } },
    authorize,
    false,
  ],
  [
    'wildcard: \\* matches a literal star',
    permission({ ipRanges: { items: { description: [{ wildcard: 'temp \\* access' }] } } }),
    authorize,
    true,
  ],
  [
    'wildcard: \\* matches only a star',
    permission({ ipRanges: { items: { description: [{ wildcard: 'temp \\*' }] } } }),
    authorize,
    false,
  ],

  // $or, at the top or nested.
  [
    '$or: the second branch matches',
    {
      source: ['aws.ec2'],
      $or: [
        { detail: { eventName: ['RevokeSecurityGroupIngress'] } },
        { detail: { errorCode: [{ exists: true }] } },
      ],
    },
    denied,
    true,
  ],
  [
    '$or: no branch matches',
    {
      source: ['aws.ec2'],
      $or: [
        { detail: { eventName: ['RevokeSecurityGroupIngress'] } },
        { detail: { errorCode: [{ exists: true }] } },
      ],
    },
    authorize,
    false,
  ],
  [
    '$or: a sibling key still has to match',
    {
      source: ['aws.iam'],
      $or: [{ detail: { eventName: ['AuthorizeSecurityGroupIngress'] } }, { account: ['123456789012'] }],
    },
    authorize,
    false,
  ],
  [
    '$or: nested inside detail',
    { detail: { $or: [{ errorCode: [{ exists: true }] }, { responseElements: { _return: [true] } }] } },
    authorize,
    true,
  ],

  // Empty pattern and odd events.
  ['empty pattern matches everything', {}, authorize, true],
  ['a non-object event has no fields', { source: [{ exists: false }] }, 'not an event', true],
];

describe('matchesPattern', () => {
  it.each(cases)('%s', (_name, pattern, event, expected) => {
    expect(matchesPattern(pattern, event)).toBe(expected);
  });

  it('throws on a pattern EventBridge would reject instead of returning false', () => {
    expect(() => matchesPattern({ source: 'aws.ec2' }, authorize)).toThrow(
      /source: must be an object or an array/,
    );
  });

  it('a pattern built from an event field value always matches that event', () => {
    const leaf = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(
        fc.string().filter((key) => key !== '$or'),
        leaf,
        fc.array(leaf),
        (key, value, others) => {
          const event = { detail: { [key]: [...others, value] } };
          expect(matchesPattern({ detail: { [key]: [value] } }, event)).toBe(true);
          expect(
            matchesPattern(
              { detail: { [key]: [{ 'anything-but': 'never-present-value' }] } },
              { detail: { [key]: value } },
            ),
          ).toBe(value !== 'never-present-value');
        },
      ),
    );
  });

  it('numeric ranges agree with plain comparisons', () => {
    const n = fc.integer({ min: -1_000_000, max: 1_000_000 });
    fc.assert(
      fc.property(n, n, n, (low, high, value) => {
        const pattern = { detail: { count: [{ numeric: ['>=', low, '<', high] }] } };
        expect(matchesPattern(pattern, { detail: { count: value } })).toBe(value >= low && value < high);
      }),
    );
  });

  it('a wildcard with no * behaves as exact string matching', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (literal, value) => {
        const wildcard = literal.replace(/[\\*]/g, '\\$&'); // escape every star and backslash
        const pattern = { detail: { name: [{ wildcard }] } };
        expect(matchesPattern(pattern, { detail: { name: value } })).toBe(value === literal);
        expect(matchesPattern(pattern, { detail: { name: literal } })).toBe(true);
      }),
    );
  });
});

const problemCases: [name: string, pattern: unknown, expected: RegExp | null][] = [
  [
    'a pattern using every operator is valid',
    {
      source: ['aws.ec2'],
      detail: {
        eventName: [
          { prefix: 'Authorize' },
          { suffix: { 'equals-ignore-case': 'ingress' } },
          { wildcard: 'Modify*Rules' },
        ],
        errorCode: [{ exists: false }],
        sourceIPAddress: [{ cidr: '2001:db8::/32' }, { cidr: '10.0.0.0/8' }],
        eventSource: [{ 'equals-ignore-case': 'EC2.amazonaws.com' }],
        requestParameters: {
          ipPermissions: {
            items: { fromPort: [{ numeric: ['>=', 0, '<=', 22] }, { numeric: ['=', 3389] }] },
          },
        },
        userAgent: [{ 'anything-but': { wildcard: ['*Terraform*', '*Pulumi*'] } }],
        $or: [{ readOnly: [false] }, { responseElements: [null] }],
      },
    },
    null,
  ],
  ['the empty pattern is valid', {}, null],
  ['a pattern must be an object', ['aws.ec2'], /must be a JSON object/],
  ['null is not a pattern', null, /must be a JSON object/],
  ['a leaf value must be an array', { source: 'aws.ec2' }, /^source: must be an object or an array/],
  ['a leaf array must not be empty', { detail: { eventName: [] } }, /^detail\.eventName: empty arrays/],
  ['a nested object must not be empty', { detail: {} }, /^detail: empty objects/],
  ['a leaf array must not hold arrays', { source: [['aws.ec2']] }, /^source\[0\]: a match value must be/],
  [
    'unknown operators are rejected',
    { detail: { eventName: [{ contains: 'Ingress' }] } },
    /unknown operator "contains"/,
  ],
  [
    'an operator object has exactly one key',
    { detail: { eventName: [{ prefix: 'A', suffix: 'B' }] } },
    /exactly one key/,
  ],
  ['prefix takes a string', { detail: { fromPort: [{ prefix: 2 }] } }, /prefix takes a string/],
  [
    'suffix + equals-ignore-case takes a string',
    { detail: { x: [{ suffix: { 'equals-ignore-case': 1 } }] } },
    /suffix takes/,
  ],
  ['exists takes a boolean', { detail: { errorCode: [{ exists: 'true' }] } }, /exists takes true or false/],
  ['numeric has no != operator', { detail: { fromPort: [{ numeric: ['!=', 22] }] } }, /no "!=" operator/],
  [
    'numeric needs the lower bound first',
    { detail: { fromPort: [{ numeric: ['<', 5, '>', 0] }] } },
    /numeric takes/,
  ],
  ['numeric takes numbers', { detail: { fromPort: [{ numeric: ['>', '0'] }] } }, /numeric takes/],
  [
    'numeric takes at most two comparisons',
    { detail: { fromPort: [{ numeric: ['>', 0, '<', 5, '<', 6] }] } },
    /numeric takes/,
  ],
  [
    'anything-but lists are not mixed',
    { detail: { x: [{ 'anything-but': ['a', 1] }] } },
    /only strings or only numbers/,
  ],
  ['anything-but takes no booleans', { detail: { x: [{ 'anything-but': true }] } }, /anything-but takes/],
  [
    'anything-but prefix is not empty',
    { detail: { x: [{ 'anything-but': { prefix: '' } }] } },
    /non-empty string/,
  ],
  [
    'anything-but takes no numeric',
    { detail: { x: [{ 'anything-but': { numeric: ['>', 1] } }] } },
    /unsupported anything-but operator/,
  ],
  ['cidr needs a prefix length', { detail: { sourceIPAddress: [{ cidr: '10.0.0.1' }] } }, /cidr takes/],
  ['cidr prefix fits the family', { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/33' }] } }, /cidr takes/],
  ['cidr address is valid', { detail: { sourceIPAddress: [{ cidr: '10.0.0.256/24' }] } }, /cidr takes/],
  ['wildcard forbids **', { detail: { x: [{ wildcard: 'a**b' }] } }, /consecutive \*/],
  [
    'wildcard escapes only * and \\',
    { detail: { x: [{ wildcard: 'a\\db' }] } },
    /only \\\* and \\\\ may be escaped/,
  ],
  ['$or needs two branches', { $or: [{ source: ['aws.ec2'] }] }, /^\$or: needs at least 2 objects/],
  [
    '$or branches are objects',
    { $or: [{ source: ['aws.ec2'] }, 'aws.iam'] },
    /^\$or\[1\]: must be a non-empty object/,
  ],
  [
    'problems inside $or carry their path',
    { $or: [{ source: 'aws.ec2' }, { account: ['1'] }] },
    /^\$or\[0\]\.source: must be/,
  ],
];

describe('validatePattern', () => {
  it.each(problemCases)('%s', (_name, pattern, expected) => {
    const problems = validatePattern(pattern);
    if (expected === null) expect(problems).toEqual([]);
    else expect(problems).toEqual([expect.stringMatching(expected)]);
  });

  it('reports every problem, not just the first', () => {
    expect(
      validatePattern({ source: 'aws.ec2', detail: { eventName: [], fromPort: [{ numeric: ['!=', 1] }] } }),
    ).toHaveLength(3);
  });
});
