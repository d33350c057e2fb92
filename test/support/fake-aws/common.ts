import type { FakeOrganization } from './org.js';
import type { FakeAwsState, RegionState } from './state.js';

export type Service =
  | 'ec2'
  | 'sns'
  | 'emr'
  | 'ssm'
  | 'events'
  | 'securityhub'
  | 'organizations'
  | 'sts'
  | 'dynamodb';

/** An AWS error reply; the server renders it in the protocol of the service that was called. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export interface HandlerContext {
  state: FakeAwsState;
  region: RegionState;
  requestId: string;
  /** The organisation (Organizations and STS handlers). */
  org?: FakeOrganization;
  /** Page size for list calls without MaxResults (real AWS: everything). */
  defaultPageSize: number;
}

export interface PageOptions {
  /** Page size when the caller sends no MaxResults. */
  defaultSize: number;
  min: number;
  max: number;
}

/**
 * Real paging: NextToken is an opaque token naming the action and the offset of the next item.
 * A token from another action, or a malformed one, is rejected like EC2 does.
 */
export function paginate<T>(
  items: readonly T[],
  action: string,
  maxResults: string | undefined,
  nextToken: string | undefined,
  opts: PageOptions,
): { page: T[]; nextToken?: string } {
  const size = maxResults === undefined ? opts.defaultSize : Number(maxResults);
  if (maxResults !== undefined && (!Number.isInteger(size) || size < opts.min || size > opts.max)) {
    throw new AwsError(
      'InvalidParameterValue',
      `Value ( ${maxResults} ) for parameter maxResults is invalid. Expecting a value between ${opts.min} and ${opts.max}.`,
    );
  }
  let start = 0;
  if (nextToken !== undefined && nextToken !== '') {
    const [tokenAction, offset] = Buffer.from(nextToken, 'base64url').toString('utf8').split(':');
    start = Number(offset);
    if (tokenAction !== action || !Number.isInteger(start) || start < 0) {
      throw new AwsError('InvalidPaginationToken', `The pagination token '${nextToken}' is invalid.`);
    }
  }
  const page = items.slice(start, start + size);
  const end = start + page.length;
  return end < items.length
    ? { page, nextToken: Buffer.from(`${action}:${end}`).toString('base64url') }
    : { page };
}
