import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Template = { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> };

/** The CloudFormation template osls packaged in test/global-setup.ts. */
export function packagedTemplate(): Template {
  const dir = process.env.SIG_PACKAGE_DIR;
  if (!dir)
    throw new Error(
      'SIG_PACKAGE_DIR not set: run through vitest (test/global-setup.ts packages the service)',
    );
  return JSON.parse(readFileSync(join(dir, 'cloudformation-template-update-stack.json'), 'utf8'));
}

export function packageDir(): string {
  return process.env.SIG_PACKAGE_DIR as string;
}

/** Every EventBridge rule's pattern in the template, keyed by the function it targets. */
export function eventRulePatterns(
  template: Template,
): { logicalId: string; target: string; pattern: unknown }[] {
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Type === 'AWS::Events::Rule' && r.Properties?.EventPattern)
    .map(([logicalId, r]) => {
      const targets = (r.Properties?.Targets ?? []) as { Arn?: unknown }[];
      const arn = JSON.stringify(targets[0]?.Arn ?? '');
      const target = /"(\w+?)LambdaFunction"/.exec(arn)?.[1] ?? arn;
      return { logicalId, target, pattern: r.Properties?.EventPattern };
    });
}
