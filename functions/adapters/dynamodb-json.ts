import { type SigningCredentials, signPost } from './sigv4.js';

/**
 * One DynamoDB JSON-protocol call, signed with SigV4 over fetch. The guard makes a single kind of
 * DynamoDB call (UpdateItem for the repeat count); the SDK's DynamoDB client would add about 47 KB
 * to every bundle and push them past their 1 MB bound, so this small signed request does it
 * instead. Credentials come from the Lambda runtime's environment (the execution role), the
 * endpoint from AWS_ENDPOINT_URL_DYNAMODB or AWS_ENDPOINT_URL when set, as the SDK would.
 */

export type AwsCredentials = SigningCredentials;

export interface DynamoTarget {
  readonly region: string;
  readonly endpoint: string;
  readonly credentials: () => AwsCredentials;
}

/** An error DynamoDB answered with: its `__type` name, message and, for failed conditions, the item. */
export class DynamoError extends Error {
  constructor(
    override readonly name: string,
    message: string,
    readonly status: number,
    readonly item?: Record<string, unknown>,
  ) {
    super(message);
  }
}

const RETRYABLE = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
]);
const ATTEMPTS = 3;
const TIMEOUT_MS = 3_000;

export function dynamoTargetFromEnv(env: NodeJS.ProcessEnv): DynamoTarget {
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
  return {
    region,
    endpoint:
      env.AWS_ENDPOINT_URL_DYNAMODB ?? env.AWS_ENDPOINT_URL ?? `https://dynamodb.${region}.amazonaws.com`,
    credentials: () => {
      const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN } = env;
      if (!AWS_ACCESS_KEY_ID || !AWS_SECRET_ACCESS_KEY)
        throw new Error('no AWS credentials in the environment');
      return {
        accessKeyId: AWS_ACCESS_KEY_ID,
        secretAccessKey: AWS_SECRET_ACCESS_KEY,
        ...(AWS_SESSION_TOKEN ? { sessionToken: AWS_SESSION_TOKEN } : {}),
      };
    },
  };
}

/** Calls `DynamoDB_20120810.<operation>`; retries throttling and server errors, then throws. */
export async function callDynamo(
  target: DynamoTarget,
  operation: string,
  input: unknown,
  now = () => new Date(),
) {
  const body = JSON.stringify(input);
  for (let attempt = 1; ; attempt++) {
    try {
      const headers = signRequest(target, operation, body, now());
      const response = await fetch(target.endpoint, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const text = await response.text();
      const json = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
      if (response.ok) return json;
      const type = String(json.__type ?? json.code ?? `Http${response.status}`);
      const name = type.slice(type.lastIndexOf('#') + 1);
      throw new DynamoError(
        name,
        String(json.message ?? json.Message ?? ''),
        response.status,
        json.Item as never,
      );
    } catch (error) {
      const retryable = !(error instanceof DynamoError) || RETRYABLE.has(error.name) || error.status >= 500;
      if (!retryable || attempt >= ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    }
  }
}

/** SigV4 headers for a POST of `body` to the target (service `dynamodb`, JSON 1.0). */
export function signRequest(
  target: DynamoTarget,
  operation: string,
  body: string,
  at: Date,
): Record<string, string> {
  return signPost(
    {
      url: new URL(target.endpoint),
      body,
      service: 'dynamodb',
      region: target.region,
      contentType: 'application/x-amz-json-1.0',
      target: `DynamoDB_20120810.${operation}`,
      payloadHashHeader: false,
    },
    target.credentials(),
    at,
  );
}
