import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';

const schema = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../functions/core/findings/finding.schema.json'), 'utf8'),
);
const ajv = new Ajv({
  allErrors: true,
  strict: true,
  formats: { 'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/ },
});
const validate = ajv.compile(schema);

/** Throws with every schema error when a published document does not match the finding schema. */
export function assertValidFindingMessage(document: unknown): void {
  if (!validate(document)) throw new Error(`finding document invalid: ${ajv.errorsText(validate.errors)}`);
}

/** Parses an SNS `MessageStructure: json` body and validates its `default` document. */
export function parsePublished(message: string): { default: Record<string, unknown>; email: string } {
  const outer = JSON.parse(message) as { default: string; email: string };
  const document = JSON.parse(outer.default);
  assertValidFindingMessage(document);
  return { default: document, email: outer.email };
}
