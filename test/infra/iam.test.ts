import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EC2_ACTIONS } from '../../functions/adapters/ec2-adapter.js';
import { SNS_ACTIONS } from '../../functions/adapters/sns-adapter.js';

// CloudFormation short forms are kept as plain values: this test reads actions and scopes only.
const CFN_TAGS = ['Ref', 'Sub', 'GetAtt'].map((name) => ({
  tag: `!${name}`,
  resolve: (value: string) => ({ [name]: value }),
}));

interface Statement {
  Sid: string;
  Action: string[];
  Resource: unknown;
}

const serverless = parse(readFileSync(join(import.meta.dirname, '../../serverless.yml'), 'utf8'), {
  customTags: CFN_TAGS,
}) as { provider: { iam: { role: { statements: Statement[] } } } };
const statements = serverless.provider.iam.role.statements;

describe('IAM next to the code that needs it', () => {
  it('grants exactly the actions the adapters declare, no more, no less', () => {
    const granted = statements.flatMap((s) => s.Action).filter((a) => !a.startsWith('kms:'));
    expect(new Set(granted)).toEqual(new Set([...EC2_ACTIONS, ...SNS_ACTIONS]));
  });

  it.each(['ec2:RevokeSecurityGroupIngress', 'ec2:AuthorizeSecurityGroupIngress'])(
    'scopes %s to the account’s security groups, never *',
    (action) => {
      const statement = statements.find((s) => s.Action.includes(action));
      const resources = [statement?.Resource].flat();
      expect(resources.length).toBeGreaterThan(0);
      for (const resource of resources) {
        expect(resource).not.toBe('*');
        expect(JSON.stringify(resource)).toMatch(/:\$\{AWS::AccountId\}:security-group(-rule)?\/\*/);
      }
    },
  );
});
