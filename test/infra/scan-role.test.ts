// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here are CloudFormation Fn::Sub variables
// The role the organisation scan assumes in every account: exactly the scan's reads, trusted only by
// the scanner account inside the organization (and the ExternalId when one is set).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCAN_ROLE } from '../../functions/cli/org/org-args.js';
import { scanOrganisation } from '../../functions/cli/org/scan-organisation.js';
import { SCAN_ROLE_ACTIONS } from '../../functions/cli/org/scan-role.js';
import { loadPolicySettings } from '../../functions/config/config.js';
import { checkTemplate, loadTemplateFile, parseTemplate } from '../../scripts/cfn-check';
import { demoOrganisation } from '../support/demo-org.js';
import { roleStatements, sortedUnique } from '../support/iam';
import { ROOT, type Template } from '../support/packaged-stack';

const template = loadTemplateFile(join(ROOT, 'infra/scan-role.yml')) as Template;
const role = template.Resources.ScanRole;
const stackSet = template.Resources.ScanRoleStackSet;
/** The template the StackSet deploys to every member account. */
const member = parseTemplate(stackSet.Properties.TemplateBody, 'ScanRoleStackSet.TemplateBody') as Template;

describe('the scan role (infra/scan-role.yml)', () => {
  it('allows exactly the reads the scan makes, and nothing that writes', () => {
    const statements = roleStatements(template, 'ScanRole');
    expect(statements.every((s) => s.effect === 'Allow' && !s.notAction)).toBe(true);
    expect(sortedUnique(statements.flatMap((s) => s.actions))).toEqual(sortedUnique(SCAN_ROLE_ACTIONS));
    for (const action of SCAN_ROLE_ACTIONS) expect(action).toMatch(/^ec2:(Describe|Get)[A-Za-z]+$/);
  });

  it('is what the scan assumes by default', () => {
    expect(template.Parameters.RoleName.Default).toBe(DEFAULT_SCAN_ROLE);
  });

  it('is deployed to every account of the OUs by a service-managed StackSet, the same role in each', async () => {
    expect(stackSet.Properties).toMatchObject({
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      StackInstancesGroup: [
        { DeploymentTargets: { OrganizationalUnitIds: { Ref: 'OrganizationalUnitIds' } } },
      ],
    });
    const { Condition: _, ...here } = role;
    expect(member.Resources).toEqual({ ScanRole: here });
    expect(member.Conditions).toEqual({ HasExternalId: template.Conditions.HasExternalId });
    for (const name of Object.keys(member.Parameters))
      expect(member.Parameters[name], name).toEqual(template.Parameters[name]);
    expect(
      stackSet.Properties.Parameters.map((p: { ParameterKey: string }) => p.ParameterKey).sort(),
    ).toEqual(Object.keys(member.Parameters).sort());
    expect(await checkTemplate(member)).toEqual([]);
  });

  it('is created in the deploying account too, unless told otherwise (StackSets skip the management account)', () => {
    expect(role.Condition).toBe('CreateRoleHere');
    expect(template.Parameters.RoleInThisAccount.Default).toBe('true');
  });

  it('trusts only the scanner account, inside the organization, with the ExternalId when one is set', () => {
    const [trust, ...others] = role.Properties.AssumeRolePolicyDocument.Statement;
    expect(others).toEqual([]);
    expect(trust.Principal).toEqual({
      AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${ScannerAccountId}:root' },
    });
    expect(trust.Action).toBe('sts:AssumeRole');
    const [condition, withExternalId, without] = trust.Condition['Fn::If'];
    expect(condition).toBe('HasExternalId');
    expect(withExternalId).toEqual({
      StringEquals: {
        'aws:PrincipalOrgID': { Ref: 'OrganizationId' },
        'sts:ExternalId': { Ref: 'ExternalId' },
      },
    });
    expect(without).toEqual({ StringEquals: { 'aws:PrincipalOrgID': { Ref: 'OrganizationId' } } });
    expect(template.Parameters.ExternalId.NoEcho).toBe(true);
  });

  it('covers every call the scan makes inside an account', async () => {
    const org = demoOrganisation();
    await scanOrganisation(
      {
        role: { name: DEFAULT_SCAN_ROLE, sessionName: 'scan' },
        accounts: { exclude: [] },
        homeRegion: 'eu-west-1',
        accountConcurrency: 2,
        scanId: 'scan',
      },
      loadPolicySettings({}),
      org.deps,
    );
    const made = sortedUnique(
      org.calls.filter((c) => c.service === 'ec2').map((c) => `ec2:${c.action.replace(/Command$/, '')}`),
    );
    expect(made.length).toBeGreaterThan(0);
    expect(SCAN_ROLE_ACTIONS).toEqual(expect.arrayContaining(made));
  });
});
