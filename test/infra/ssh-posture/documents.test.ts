// The SSM documents are generated from the scripts the other tests run: the committed YAML, and the
// copy the packaged stack carries, hold each script verbatim. Both documents pass the offline
// schemaVersion 2.2 check, and a broken copy of each fails it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DOCUMENTS, POSTURE_DIR, renderDocument, SCRIPT_MARKER } from '../../../scripts/gen-ssh-posture';
import { checkCommandDocument } from '../../../scripts/ssm-document-check';
import { loadPackagedStack, type Template } from '../../support/packaged-stack';

// biome-ignore lint/suspicious/noExplicitAny: a document being broken on purpose is free-form
type Free = Record<string, any>;
type Doc = {
  parameters: Record<string, Record<string, unknown>>;
  mainSteps: { inputs: { runCommand: string[] } }[];
};
const committed = (output: string): Doc =>
  parse(readFileSync(join(POSTURE_DIR, output), 'utf8'), { version: '1.1' });

/** The script part of a document's runCommand, as file text. */
function embeddedScript(document: Doc, script: string): string {
  const lines = document.mainSteps[0]?.inputs.runCommand ?? [];
  const start = lines.indexOf(SCRIPT_MARKER.replace('SCRIPT', script));
  expect(start, 'the marker line is present').toBeGreaterThan(0);
  return `${lines.slice(start + 1).join('\n')}\n`;
}

let template: Template;
beforeAll(async () => {
  ({ template } = await loadPackagedStack());
}, 60_000);

const STACK_RESOURCE: Record<string, string> = {
  'assess.sh': 'SshPostureDocument',
  'remediate.sh': 'SshRemediationDocument',
};

describe.each(DOCUMENTS)('the $output document', (source) => {
  const fileText = readFileSync(join(POSTURE_DIR, source.script), 'utf8');

  it('is what the generator writes now (not stale, not edited by hand)', () => {
    expect(readFileSync(join(POSTURE_DIR, source.output), 'utf8')).toBe(renderDocument(source));
  });

  it(`carries ${source.script} verbatim`, () => {
    expect(embeddedScript(committed(source.output), source.script)).toBe(fileText);
  });

  it('is deployed by the stack with the same script', () => {
    const resource = template.Resources[STACK_RESOURCE[source.script] as string];
    expect(resource).toMatchObject({ Type: 'AWS::SSM::Document', Condition: 'HostPostureOn' });
    expect(embeddedScript(resource.Properties.Content, source.script)).toBe(fileText);
    expect(resource.Properties.Content).toEqual(committed(source.output));
  });

  it('passes the offline SSM document check', () => {
    expect(checkCommandDocument(committed(source.output))).toEqual([]);
  });

  it('holds every parameter to an allowed list or a pattern without quotes (values are pasted into the script)', () => {
    for (const spec of Object.values(committed(source.output).parameters)) {
      const pattern = spec.allowedPattern as string | undefined;
      const values = spec.allowedValues as string[] | undefined;
      expect(values ?? pattern).toBeDefined();
      for (const v of values ?? []) expect(v).toMatch(/^[a-z0-9.-]+$/);
      for (const attempt of ["x'; reboot; '", '$(reboot)', '`reboot`', 'a\nb', "root'"])
        if (pattern) expect(new RegExp(pattern).test(attempt), attempt).toBe(false);
    }
  });

  it('has no text the stack template would read as a variable', () => {
    expect(fileText).not.toMatch(/\$\{|\{\{/);
  });
});

describe('a broken document fails the check', () => {
  const base = () => structuredClone(committed('assess.ssm.yml')) as unknown as Free;
  it.each([
    [
      'schemaVersion 2.0',
      (d: Free) => {
        d.schemaVersion = '2.0';
      },
      /schemaVersion/,
    ],
    [
      'no mainSteps',
      (d: Free) => {
        d.mainSteps = [];
      },
      /mainSteps: must be a non-empty list/,
    ],
    [
      'an unknown action',
      (d: Free) => {
        d.mainSteps[0].action = 'aws:runShell';
      },
      /unknown action/,
    ],
    [
      'runCommand not a list',
      (d: Free) => {
        d.mainSteps[0].inputs.runCommand = 'echo';
      },
      /runCommand/,
    ],
    [
      'an undeclared parameter',
      (d: Free) => {
        d.mainSteps[0].inputs.runCommand.push("X='{{ Nope }}'");
      },
      /Nope/,
    ],
    [
      'an unused parameter',
      (d: Free) => {
        d.parameters.Extra = { type: 'String', default: 'x', allowedValues: ['x'] };
      },
      /Extra: declared but never used/,
    ],
    [
      'a default outside allowedValues',
      (d: Free) => {
        d.parameters.PermitRootLoginAllowance.default = 'yes';
      },
      /not one of allowedValues/,
    ],
    [
      'a boolean default (YAML 1.1 no)',
      (d: Free) => {
        d.parameters.PermitRootLoginAllowance.default = false;
      },
      /must be a string/,
    ],
    [
      'a default failing its pattern',
      (d: Free) => {
        d.parameters.MinimumOpenSshVersion.default = '8';
      },
      /allowedPattern/,
    ],
    [
      'an unknown parameter type',
      (d: Free) => {
        d.parameters.ProbeUsers.type = 'Text';
      },
      /type: must be one of/,
    ],
    [
      'duplicate step names',
      (d: Free) => {
        d.mainSteps.push(structuredClone(d.mainSteps[0]));
      },
      /unique/,
    ],
  ])('%s', (_name, breakIt, message) => {
    const document = base();
    breakIt(document);
    const problems = checkCommandDocument(document).map((p) => `${p.path}: ${p.message}`);
    expect(
      problems.some((p) => message.test(p)),
      problems.join('\n'),
    ).toBe(true);
  });
});

describe('the stack deploys host posture only when asked', () => {
  it('puts every host posture resource behind a condition', () => {
    const conditions: Record<string, string> = {
      SshPostureDocument: 'HostPostureOn',
      SshPostureAssociation: 'HostPostureOn',
      SshRemediationDocument: 'HostPostureOn',
      SshRemediationAssociation: 'HostPostureRemediates',
    };
    for (const [id, condition] of Object.entries(conditions))
      expect(template.Resources[id]?.Condition).toBe(condition);
    expect(template.Conditions.HostPostureOn).toEqual({ 'Fn::Equals': ['false', 'true'] });
  });

  it('runs the assessment on a schedule over tagged or all managed instances', () => {
    const association = template.Resources.SshPostureAssociation.Properties;
    expect(association).toMatchObject({
      Name: { Ref: 'SshPostureDocument' },
      ScheduleExpression: 'rate(1 day)',
      MaxErrors: '100%',
    });
    expect(association.Targets['Fn::If'][0]).toBe('HostPostureByTag');
    expect(association.Targets['Fn::If'][2]).toEqual([{ Key: 'InstanceIds', Values: ['*'] }]);
  });

  it('remediates in apply mode only through its own opt-in association', () => {
    const association = template.Resources.SshRemediationAssociation.Properties;
    expect(association.Parameters.Mode).toEqual(['apply']);
    expect(committed('remediate.ssm.yml').parameters.Mode?.default).toBe('report');
  });
});
