/**
 * Offline checker for SSM Command documents (schemaVersion 2.2), the part of the SSM document schema
 * this repository uses: parameters (type, default within allowedValues / allowedPattern), mainSteps
 * (known Linux actions, unique names, aws:runShellScript inputs), and every {{ parameter }} reference
 * declared, every declared parameter used. scripts/cfn-check.ts checks the stack that carries them.
 *
 *   npx tsx scripts/ssm-document-check.ts infra/ssh-posture/*.ssm.yml
 */
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export interface Problem {
  readonly path: string;
  readonly message: string;
}

const PARAMETER_TYPES = ['String', 'StringList', 'Boolean', 'Integer', 'MapList', 'StringMap'];
const STEP_ACTIONS = ['aws:runShellScript', 'aws:runDocument', 'aws:downloadContent', 'aws:configurePackage'];
const STEP_NAME = /^[a-zA-Z0-9_.-]{1,128}$/;
const PARAMETER_NAME = /^[a-zA-Z0-9_.-]+$/;
const REFERENCE = /\{\{\s*([^}\s]+)\s*\}\}/g;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function checkParameter(name: string, spec: unknown, problems: Problem[]): void {
  const path = `parameters.${name}`;
  if (!PARAMETER_NAME.test(name))
    problems.push({ path, message: 'parameter name has characters SSM rejects' });
  if (!isObject(spec)) return void problems.push({ path, message: 'must be an object' });
  if (!PARAMETER_TYPES.includes(String(spec.type)))
    problems.push({ path: `${path}.type`, message: `must be one of ${PARAMETER_TYPES.join(', ')}` });
  const known = [
    'type',
    'description',
    'default',
    'allowedValues',
    'allowedPattern',
    'displayType',
    'minItems',
    'maxItems',
    'minChars',
    'maxChars',
  ];
  for (const key of Object.keys(spec))
    if (!known.includes(key))
      problems.push({ path: `${path}.${key}`, message: 'unknown parameter property' });
  if (spec.type === 'String' && 'default' in spec && typeof spec.default !== 'string')
    problems.push({
      path: `${path}.default`,
      message: 'a String parameter default must be a string (YAML reads no/yes as booleans)',
    });
  const allowed = spec.allowedValues;
  if (allowed !== undefined) {
    if (!Array.isArray(allowed) || allowed.some((v) => typeof v !== 'string'))
      problems.push({ path: `${path}.allowedValues`, message: 'must be a list of strings' });
    else if ('default' in spec && !allowed.includes(spec.default as string))
      problems.push({ path: `${path}.default`, message: 'is not one of allowedValues' });
  }
  if (typeof spec.allowedPattern === 'string' && typeof spec.default === 'string') {
    if (!new RegExp(spec.allowedPattern).test(spec.default))
      problems.push({ path: `${path}.default`, message: 'does not match allowedPattern' });
  }
}

function checkStep(step: unknown, index: number, problems: Problem[]): void {
  const path = `mainSteps[${index}]`;
  if (!isObject(step)) return void problems.push({ path, message: 'must be an object' });
  if (!STEP_ACTIONS.includes(String(step.action)))
    problems.push({ path: `${path}.action`, message: `unknown action ${String(step.action)}` });
  if (typeof step.name !== 'string' || !STEP_NAME.test(step.name))
    problems.push({ path: `${path}.name`, message: 'must match [a-zA-Z0-9_.-]{1,128}' });
  if (!isObject(step.inputs)) return void problems.push({ path: `${path}.inputs`, message: 'required' });
  if (step.action !== 'aws:runShellScript') return;
  const { runCommand, timeoutSeconds } = step.inputs;
  if (!Array.isArray(runCommand) || runCommand.length === 0 || runCommand.some((l) => typeof l !== 'string'))
    problems.push({ path: `${path}.inputs.runCommand`, message: 'must be a non-empty list of strings' });
  if (timeoutSeconds !== undefined && !/^[0-9]+$/.test(String(timeoutSeconds)))
    problems.push({ path: `${path}.inputs.timeoutSeconds`, message: 'must be a whole number of seconds' });
}

/** Problems with one Command document (already parsed); none means SSM would accept its shape. */
export function checkCommandDocument(document: unknown): Problem[] {
  const problems: Problem[] = [];
  if (!isObject(document)) return [{ path: '', message: 'a document is an object' }];
  if (document.schemaVersion !== '2.2')
    problems.push({ path: 'schemaVersion', message: "must be the string '2.2'" });
  if (typeof document.description !== 'string') problems.push({ path: 'description', message: 'required' });
  const parameters = document.parameters ?? {};
  if (!isObject(parameters)) problems.push({ path: 'parameters', message: 'must be an object' });
  else for (const [name, spec] of Object.entries(parameters)) checkParameter(name, spec, problems);
  const steps = document.mainSteps;
  if (!Array.isArray(steps) || steps.length === 0)
    problems.push({ path: 'mainSteps', message: 'must be a non-empty list' });
  else {
    for (const [i, step] of steps.entries()) checkStep(step, i, problems);
    const names = steps.map((s) => (isObject(s) ? s.name : undefined));
    if (new Set(names).size !== names.length)
      problems.push({ path: 'mainSteps', message: 'step names must be unique' });
  }
  const text = JSON.stringify(steps ?? []);
  const used = new Set([...text.matchAll(REFERENCE)].map((m) => m[1]));
  const declared = new Set(isObject(parameters) ? Object.keys(parameters) : []);
  for (const name of used)
    if (!declared.has(name as string))
      problems.push({ path: 'mainSteps', message: `{{ ${name} }} is not a declared parameter` });
  for (const name of declared)
    if (!used.has(name)) problems.push({ path: `parameters.${name}`, message: 'declared but never used' });
  return problems;
}

function main(files: readonly string[]): number {
  let failed = 0;
  for (const file of files) {
    const problems = checkCommandDocument(parse(readFileSync(file, 'utf8'), { version: '1.1' }));
    for (const p of problems) console.error(`${file}: ${p.path}: ${p.message}`);
    if (problems.length === 0) console.log(`ok ${file}`);
    else failed += 1;
  }
  return failed === 0 ? 0 : 1;
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
