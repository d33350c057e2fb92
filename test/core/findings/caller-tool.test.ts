import { describe, expect, it } from 'vitest';
import {
  type CallerTool,
  describeTool,
  identifyCallerTool,
} from '../../../functions/core/findings/caller-tool.js';
import type { Actor } from '../../../functions/core/model/trigger.js';

// Real user agents: most from the samples in events/ (CloudTrail records), the rest as the tools send them.
const TERRAFORM_1_7 =
  'APN/1.0 HashiCorp/1.0 Terraform/1.7.4 (+https://www.terraform.io) terraform-provider-aws/5.40.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.25.3 os/linux lang/go#1.21.8 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.149.3';
const TERRAFORM_0_11 = 'aws-sdk-go/1.17.11 (go1.10.8; linux; amd64) APN/1.0 HashiCorp/1.0 Terraform/0.11.10';
const OPENTOFU =
  'APN/1.0 HashiCorp/1.0 OpenTofu/1.6.2 (+https://opentofu.org) terraform-provider-aws/5.40.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.25.3 os/linux lang/go#1.21.8';
const PULUMI_NATIVE =
  'aws-sdk-go-v2/1.24.0 os/linux lang/go#1.21.5 md/GOOS#linux md/GOARCH#amd64 api/cloudcontrol#1.15.6 APN/1.0 Pulumi/1.0 PulumiAwsNative/0.90.0';
const ANSIBLE =
  'Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#6.5.0 md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.69 APN/1.0 Ansible/2.16.4 amazon.aws/7.4.0';
const CLI_2 =
  'aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux#6.5.0-1016-aws md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.22 md/prompt#off md/command#ec2.authorize-security-group-ingress';
const CLI_1 = 'aws-cli/1.18.185 Python/3.8.5 Linux/5.4.0-1029-aws botocore/1.19.25';
const BOTO3 =
  'Boto3/1.35.60 md/Botocore#1.35.60 ua/2.0 os/linux#6.8.0 md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.35.60';
const BOTO2 = 'Boto/2.48.0 Python/2.7.12 Linux/4.9.38-16.35.amzn1.x86_64';
const JAVA =
  '[aws-sdk-java/2.25.16 Linux/5.10.210-201.852.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS Java/17.0.10 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy]';
const JS_V3 = 'aws-sdk-js/3.535.0 ua/2.0 os/linux#5.10.213 lang/js md/nodejs#20.11.1 api/ec2#3.535.0';
const CHROME =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const CFN = 'cloudformation.amazonaws.com';
const CDK_ROLE =
  'arn:aws:sts::123456789012:assumed-role/cdk-hnb659fds-cfn-exec-role-123456789012-eu-west-1/AWSCloudFormation';
const CDK_ISSUER = 'arn:aws:iam::123456789012:role/cdk-hnb659fds-cfn-exec-role-123456789012-eu-west-1';
const CFN_SERVICE_ROLE = 'arn:aws:sts::123456789012:assumed-role/cfn-deployer/AWSCloudFormation';

type Caller = { userAgent?: string; sourceIp?: string; actor?: Actor };

describe('flip-flop with infrastructure as code: naming the tool that made the call', () => {
  it.each<[string, Caller, Partial<CallerTool>, string]>([
    [
      'Terraform 1.x (aws-sdk-go-v2 provider)',
      { userAgent: TERRAFORM_1_7 },
      { kind: 'infrastructure-as-code', evidence: 'userAgent' },
      'Terraform 1.7.4',
    ],
    [
      'Terraform 0.11 (aws-sdk-go provider)',
      { userAgent: TERRAFORM_0_11 },
      { kind: 'infrastructure-as-code' },
      'Terraform 0.11.10',
    ],
    [
      'OpenTofu, which also says HashiCorp/1.0',
      { userAgent: OPENTOFU },
      { kind: 'infrastructure-as-code' },
      'OpenTofu 1.6.2',
    ],
    [
      'Pulumi (AWS Native provider)',
      { userAgent: PULUMI_NATIVE },
      { kind: 'infrastructure-as-code' },
      'Pulumi',
    ],
    [
      'Ansible (amazon.aws over Boto3)',
      { userAgent: ANSIBLE },
      { kind: 'infrastructure-as-code' },
      'Ansible 2.16.4',
    ],
    [
      'CloudFormation with the caller credentials',
      {
        userAgent: CFN,
        sourceIp: CFN,
        actor: { arn: 'arn:aws:iam::123456789012:user/alice', invokedBy: CFN },
      },
      { kind: 'infrastructure-as-code', evidence: 'invokedBy' },
      'CloudFormation',
    ],
    [
      'CloudFormation with a service role',
      { userAgent: CFN, sourceIp: CFN, actor: { arn: CFN_SERVICE_ROLE, invokedBy: CFN } },
      { kind: 'infrastructure-as-code' },
      'CloudFormation',
    ],
    [
      'CloudFormation named only by the source address',
      { sourceIp: CFN },
      { evidence: 'sourceIPAddress' },
      'CloudFormation',
    ],
    [
      'CDK, through its bootstrap execution role',
      {
        userAgent: CFN,
        sourceIp: CFN,
        actor: { arn: CDK_ROLE, sessionIssuerArn: CDK_ISSUER, invokedBy: CFN },
      },
      { kind: 'infrastructure-as-code', evidence: 'role' },
      'AWS CDK',
    ],
    [
      'CDK with a custom qualifier',
      {
        sourceIp: CFN,
        actor: {
          sessionIssuerArn: 'arn:aws:iam::123456789012:role/cdk-team42-cfn-exec-role-123456789012-us-east-1',
          invokedBy: CFN,
        },
      },
      { evidence: 'role' },
      'AWS CDK',
    ],
    [
      'a CDK-named role outside CloudFormation is not CDK',
      { userAgent: CLI_2, actor: { arn: CDK_ROLE } },
      { kind: 'cli' },
      'AWS CLI 2.15.30',
    ],
    [
      'the console (browser user agent)',
      { userAgent: CHROME, sourceIp: '198.51.100.23' },
      { kind: 'console' },
      'AWS console',
    ],
    [
      'the console (service user agent)',
      { userAgent: 'console.ec2.amazonaws.com' },
      { kind: 'console' },
      'AWS console',
    ],
    ['the console (AWS Internal)', { userAgent: 'AWS Internal' }, { kind: 'console' }, 'AWS console'],
    ['AWS CLI v2', { userAgent: CLI_2 }, { kind: 'cli' }, 'AWS CLI 2.15.30'],
    ['AWS CLI v1', { userAgent: CLI_1 }, { kind: 'cli' }, 'AWS CLI 1.18.185'],
    ['Boto3', { userAgent: BOTO3 }, { kind: 'sdk' }, 'AWS SDK for Python (Boto3) 1.35.60'],
    ['Boto 2', { userAgent: BOTO2 }, { kind: 'sdk' }, 'Boto 2 2.48.0'],
    ['the Java SDK', { userAgent: JAVA }, { kind: 'sdk' }, 'AWS SDK for Java 2.25.16'],
    ['the JavaScript SDK v3', { userAgent: JS_V3 }, { kind: 'sdk' }, 'AWS SDK for JavaScript 3.535.0'],
    [
      'another AWS service (EMR)',
      {
        userAgent: 'elasticmapreduce.amazonaws.com',
        sourceIp: 'elasticmapreduce.amazonaws.com',
        actor: { invokedBy: 'elasticmapreduce.amazonaws.com' },
      },
      { kind: 'aws-service', evidence: 'invokedBy' },
      'elasticmapreduce.amazonaws.com',
    ],
    ['nothing to go by', {}, { kind: 'unknown' }, 'unknown'],
    ['a made-up agent', { userAgent: 'curl/8.5.0' }, { kind: 'unknown' }, 'unknown'],
  ])('%s', (_name, caller, expected, described) => {
    const tool = identifyCallerTool(caller);
    expect(tool).toMatchObject(expected);
    expect(describeTool(tool)).toBe(described);
  });
});
