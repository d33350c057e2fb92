import * as v from 'valibot';
import type { Setting } from './env.js';

/** The accepted forms of the plain variables, each a schema from the variable's text to its value. */

export const topicArn: Setting<string> = {
  schema: v.pipe(v.string(), v.regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/)),
  accepted: 'an SNS topic ARN',
};

export function oneOf<const T extends string>(allowed: readonly T[]): Setting<T> {
  return { schema: v.picklist(allowed), accepted: `one of ${allowed.join(', ')}` };
}

export function wholeNumber(min: number, max: number): Setting<number> {
  return {
    schema: v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number), v.minValue(min), v.maxValue(max)),
    accepted: `a whole number from ${min} to ${max}`,
  };
}

export const trueOrFalse: Setting<boolean> = {
  schema: v.pipe(
    v.picklist(['true', 'false']),
    v.transform((text) => text === 'true'),
  ),
  accepted: 'true or false',
};

const port = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^\d+$/),
  v.transform(Number),
  v.minValue(1),
  v.maxValue(65535),
);

export const tcpPorts: Setting<number[]> = {
  schema: v.pipe(
    v.string(),
    v.transform((text) => text.split(',')),
    v.array(port),
    v.transform((ports) => [...new Set(ports)].sort((a, b) => a - b)),
  ),
  accepted: 'comma-separated TCP ports from 1 to 65535, e.g. "22,2222"',
};

/** EC2 tag keys: 1-128 letters, digits, spaces and `_.:/=+-@`; `aws:` is reserved for AWS. */
export const tagKey: Setting<string> = {
  schema: v.pipe(
    v.string(),
    v.regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u),
    v.check((key) => !/^aws:/i.test(key)),
  ),
  accepted: 'a tag key of 1-128 letters, digits, spaces or _.:/=+-@, not starting with aws:',
};

/** A DynamoDB table name: 3-255 letters, digits, `_`, `-` or `.`. */
export const dynamoTableName: Setting<string> = {
  schema: v.pipe(v.string(), v.regex(/^[a-zA-Z0-9_.-]{3,255}$/)),
  accepted: 'a DynamoDB table name (3-255 letters, digits, _ . -)',
};
