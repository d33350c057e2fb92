import type { SecurityGroupRule } from '@aws-sdk/client-ec2';
import type { CurrentRule } from '../core/model/rule.js';
import { fromDescribedRule } from '../parse/describe-rule.js';
import { fail, isObject, ok, type Parsed } from '../parse/json.js';

/** Rules of a saved describe output, by region (from each rule's ARN when it has one). */
export interface SavedRules {
  readonly byRegion: ReadonlyMap<string, readonly CurrentRule[]>;
  readonly account?: string;
  /** Entries that are not security group rules this tool understands (left out, and said so). */
  readonly skipped: number;
  /** Entries read before (same region, rule id and content): counted once, and said so. */
  readonly repeated: number;
}

const NOT_DESCRIBE_OUTPUT =
  "expected the output of 'aws ec2 describe-security-group-rules' (an object with SecurityGroupRules)";

/**
 * `aws ec2 describe-security-group-rules` prints one JSON document (PascalCase, as the SDK types);
 * with --no-paginate or page by page, several documents may be saved one after another, and pages
 * saved twice repeat rules. A rule is one rule however often it was saved; two different versions of
 * one rule id are both judged (neither is dropped on a guess). Rules with no ARN go to `fallbackRegion`.
 */
export function readSavedRules(text: string, fallbackRegion: string): Parsed<SavedRules> {
  const documents = splitDocuments(text);
  if (!documents.ok) return documents;
  const byRegion = new Map<string, CurrentRule[]>();
  const seen = new Set<string>();
  let account: string | undefined;
  let skipped = 0;
  let repeated = 0;
  for (const document of documents.value) {
    if (!isObject(document) || !Array.isArray(document.SecurityGroupRules)) return fail(NOT_DESCRIBE_OUTPUT);
    for (const raw of document.SecurityGroupRules as unknown[]) {
      const rule = isObject(raw) ? fromDescribedRule(raw as SecurityGroupRule) : undefined;
      if (!rule || !isObject(raw)) {
        skipped += 1;
        continue;
      }
      const arn = /^arn:[\w-]+:ec2:([\w-]+):(\d{12}):/.exec(String(raw.SecurityGroupRuleArn ?? ''));
      account ??= arn?.[2] ?? (typeof raw.GroupOwnerId === 'string' ? raw.GroupOwnerId : undefined);
      const region = arn?.[1] ?? fallbackRegion;
      const key = `${region} ${JSON.stringify(rule)}`;
      if (seen.has(key)) {
        repeated += 1;
        continue;
      }
      seen.add(key);
      byRegion.set(region, [...(byRegion.get(region) ?? []), rule]);
    }
  }
  return ok({ byRegion, ...(account ? { account } : {}), skipped, repeated });
}

/** One JSON document, or several written one after another (top-level `{...}{...}`). */
function splitDocuments(text: string): Parsed<unknown[]> {
  try {
    return ok([JSON.parse(text)]);
  } catch (error) {
    const documents: unknown[] = [];
    let depth = 0;
    let start = -1;
    let inString = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        if (c === '\\') i += 1;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{' && depth++ === 0) start = i;
      else if (c === '}' && --depth === 0) {
        try {
          documents.push(JSON.parse(text.slice(start, i + 1)));
        } catch {
          break;
        }
      }
    }
    if (documents.length > 1 && depth === 0) return ok(documents);
    return fail(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
