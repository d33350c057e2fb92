import type { Trigger } from '../model/trigger.js';

/**
 * Which tool made an API call, read from the CloudTrail record alone (user agent, invokedBy,
 * source address, the caller's role). Infrastructure as code matters most: Terraform,
 * CloudFormation and the rest re-apply what their code says, so a rule the guard revokes comes
 * back on the next apply unless the code changes.
 */
export type ToolKind = 'infrastructure-as-code' | 'console' | 'cli' | 'sdk' | 'aws-service' | 'unknown';

export interface CallerTool {
  readonly name: string;
  readonly kind: ToolKind;
  readonly version?: string;
  /** The record field that named the tool. */
  readonly evidence: 'userAgent' | 'invokedBy' | 'sourceIPAddress' | 'role';
}

type Caller = Pick<Trigger, 'userAgent' | 'sourceIp' | 'actor'>;

const CLOUDFORMATION = 'cloudformation.amazonaws.com';

/**
 * CDK deploys through CloudFormation with the execution role its bootstrap stack creates:
 * `cdk-<qualifier>-cfn-exec-role-<account>-<region>` (qualifier `hnb659fds` unless customised).
 */
const CDK_EXEC_ROLE = /(?:^|[/:])cdk-[a-z0-9]+-cfn-exec-role-\d{12}-[a-z0-9-]+(?:\/|$)/;

/**
 * User-agent products, first match wins. Pulumi and OpenTofu come before Terraform: Pulumi's
 * bridged providers and OpenTofu also carry the `HashiCorp/1.0` product. A bridged Pulumi
 * provider that sends no Pulumi product is named Terraform; either way the next apply re-opens it.
 */
const USER_AGENTS: readonly { readonly pattern: RegExp; readonly name: string; readonly kind: ToolKind }[] = [
  // `APN/1.0 Pulumi/1.0 PulumiAwsNative/1.12`: Pulumi's own product carries no useful version.
  { pattern: /\bPulumi\/[\w.+-]+/, name: 'Pulumi', kind: 'infrastructure-as-code' },
  { pattern: /\bOpenTofu\/([\w.+-]+)/, name: 'OpenTofu', kind: 'infrastructure-as-code' },
  { pattern: /\bTerraform\/([\w.+-]+)/, name: 'Terraform', kind: 'infrastructure-as-code' },
  { pattern: /\bAnsible\/([\w.+-]+)/, name: 'Ansible', kind: 'infrastructure-as-code' },
  { pattern: /\bcrossplane-provider-aws\/?([\w.+-]*)/, name: 'Crossplane', kind: 'infrastructure-as-code' },
  { pattern: /^aws-cli\/([\w.+-]+)/, name: 'AWS CLI', kind: 'cli' },
  { pattern: /\bBoto3\/([\w.+-]+)/, name: 'AWS SDK for Python (Boto3)', kind: 'sdk' },
  { pattern: /\bBotocore\/([\w.+-]+)/, name: 'AWS SDK for Python (Botocore)', kind: 'sdk' },
  { pattern: /^Boto\/([\w.+-]+)/, name: 'Boto 2', kind: 'sdk' },
  {
    pattern: /\baws-sdk-(?:java|go|go-v2|js|nodejs|dotnet[\w-]*|ruby\d?|php|rust)\/([\w.+-]+)/,
    name: 'AWS SDK',
    kind: 'sdk',
  },
];

const SDK_LANGUAGES: Readonly<Record<string, string>> = {
  java: 'Java',
  go: 'Go',
  js: 'JavaScript',
  nodejs: 'JavaScript',
  dotnet: '.NET',
  ruby: 'Ruby',
  php: 'PHP',
  rust: 'Rust',
};

/** What the console sends: its own service name, `AWS Internal`, or the browser's user agent. */
const CONSOLE = /^(?:console\.[\w.-]*amazonaws\.com|signin\.amazonaws\.com|AWS Internal|Mozilla\/)/;

export function identifyCallerTool(caller: Caller): CallerTool {
  const ua = caller.userAgent?.trim() ?? '';
  const invokedBy = caller.actor?.invokedBy;
  if (invokedBy === CLOUDFORMATION || caller.sourceIp === CLOUDFORMATION || ua === CLOUDFORMATION) {
    const role = [caller.actor?.arn, caller.actor?.sessionIssuerArn].find(
      (arn) => arn && CDK_EXEC_ROLE.test(arn),
    );
    if (role) return { name: 'AWS CDK', kind: 'infrastructure-as-code', evidence: 'role' };
    const evidence =
      invokedBy === CLOUDFORMATION ? 'invokedBy' : ua === CLOUDFORMATION ? 'userAgent' : 'sourceIPAddress';
    return { name: 'CloudFormation', kind: 'infrastructure-as-code', evidence };
  }
  for (const { pattern, name, kind } of USER_AGENTS) {
    const match = pattern.exec(ua);
    if (!match) continue;
    // The SDKs share one pattern; the language is the product name's last part (`aws-sdk-java`).
    const sdk =
      kind === 'sdk' && name === 'AWS SDK'
        ? ` for ${SDK_LANGUAGES[/aws-sdk-([a-z]+)/.exec(match[0])?.[1] ?? ''] ?? 'an unknown language'}`
        : '';
    return { name: `${name}${sdk}`, kind, ...(match[1] ? { version: match[1] } : {}), evidence: 'userAgent' };
  }
  if (CONSOLE.test(ua)) return { name: 'AWS console', kind: 'console', evidence: 'userAgent' };
  const service = [invokedBy, caller.sourceIp].find((v) => v?.endsWith('.amazonaws.com'));
  if (service) {
    return {
      name: service,
      kind: 'aws-service',
      evidence: service === invokedBy ? 'invokedBy' : 'sourceIPAddress',
    };
  }
  return { name: 'unknown', kind: 'unknown', evidence: 'userAgent' };
}

/** `Terraform 1.7.4`, `AWS CDK`: how a finding names the tool. */
export function describeTool(tool: CallerTool): string {
  return tool.version ? `${tool.name} ${tool.version}` : tool.name;
}
