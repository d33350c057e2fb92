import { type SigningCredentials, signPost } from './sigv4.js';

/**
 * One signed JSON POST to an AWS service: what the EventBridge and Security Hub outputs and the
 * Systems Manager compliance reads need, and no more. Their SDK clients would add about 280 KB to
 * every function (Security Hub's is mostly the Security Finding Format's model, SSM's is 78 KB for two
 * list calls), taking each bundle past 1 MB and its cold start with it; the
 * request itself is a JSON body signed with Signature Version 4 under the function's own
 * credentials (taken from an SDK client's provider), retried like the SDK's standard mode.
 */

export type Credentials = SigningCredentials;

export interface JsonRequest {
  readonly service: 'events' | 'securityhub' | 'ssm';
  readonly region: string;
  readonly path: string;
  /** `X-Amz-Target` of JSON 1.1 services (EventBridge, SSM); absent for REST JSON (Security Hub). */
  readonly target?: string;
  readonly body: unknown;
}

export type JsonCaller = (request: JsonRequest) => Promise<unknown>;

/**
 * An AWS error reply: its code (`__type` without the namespace) and message; retryable or not. Its
 * name is the code, as the SDK's errors are named, so adapters/aws-error.ts reads both alike.
 */
export class AwsJsonError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(`${code}: ${message}`);
    this.name = code;
  }
  get retryable(): boolean {
    return (
      this.status === 429 || this.status >= 500 || /Throttl|TooManyRequests|LimitExceeded/.test(this.code)
    );
  }
}

export interface SignedJsonOptions {
  readonly credentials: () => Promise<Credentials>;
  /** AWS_ENDPOINT_URL when set (tests, local endpoints), else the service's regional endpoint. */
  readonly endpointUrl?: string;
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly attempts?: number;
  readonly timeoutMs?: number;
}

/** A region name: one DNS host label (eu-west-1, us-gov-west-1, cn-north-1). */
const REGION = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function createJsonCaller(options: SignedJsonOptions): JsonCaller {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const attempts = options.attempts ?? 5;
  return async (request) => {
    // The region becomes part of the host name the signed request goes to: like the SDK, refuse any
    // region that is not one host label, so a crafted one can never send credentials elsewhere.
    if (!REGION.test(request.region))
      throw new AwsJsonError('InvalidRegion', `not a region: ${request.region.slice(0, 64)}`, 400);
    const base = options.endpointUrl ?? `https://${request.service}.${request.region}.amazonaws.com`;
    const url = new URL(request.path, base);
    const body = JSON.stringify(request.body);
    for (let attempt = 1; ; attempt += 1) {
      try {
        const headers = signRequest(url, body, request, await options.credentials(), now());
        const response = await fetch(url, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
        const text = await response.text();
        if (response.ok) return text ? JSON.parse(text) : {};
        throw errorOf(response.status, text, response.headers.get('x-amzn-errortype'));
      } catch (cause) {
        const retryable = !(cause instanceof AwsJsonError) || cause.retryable;
        if (!retryable || attempt >= attempts) throw cause;
        // Exponential back-off with full jitter, as the SDK's standard retry mode.
        await sleep(Math.random() * Math.min(20_000, 100 * 2 ** attempt));
      }
    }
  };
}

function errorOf(status: number, text: string, errorType: string | null): AwsJsonError {
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {}
  const raw = String(errorType ?? parsed.__type ?? parsed.code ?? parsed.Code ?? `HTTP${status}`);
  const code = raw.split(':')[0]?.split('#').pop() ?? raw;
  return new AwsJsonError(code, String(parsed.message ?? parsed.Message ?? text.slice(0, 200)), status);
}

/** Signature Version 4 headers for a POST of `body` to `url`, in the service's JSON protocol. */
export function signRequest(
  url: URL,
  body: string,
  request: Pick<JsonRequest, 'service' | 'region' | 'target'>,
  credentials: Credentials,
  at: Date,
): Record<string, string> {
  const contentType = request.target ? 'application/x-amz-json-1.1' : 'application/json';
  const { service, region, target } = request;
  return signPost(
    { url, body, contentType, service, region, ...(target ? { target } : {}), payloadHashHeader: true },
    credentials,
    at,
  );
}
