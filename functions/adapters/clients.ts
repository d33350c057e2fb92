import { EC2Client } from '@aws-sdk/client-ec2';
import { SNSClient } from '@aws-sdk/client-sns';

/**
 * SDK clients, built once per cold start and per region. Adaptive retry absorbs throttling; the
 * timeouts keep a hung call well inside the function timeout. AWS_ENDPOINT_URL, when set,
 * is honoured by the SDK itself, which is how the built bundle is driven against a local endpoint.
 */
export const CLIENT_OPTIONS = {
  retryMode: 'adaptive',
  maxAttempts: 5,
  // throwOnRequestTimeout: without it the SDK only logs a warning when requestTimeout passes and waits on.
  requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000, throwOnRequestTimeout: true },
} as const;

export function perRegion<T>(make: (region: string) => T): (region: string) => T {
  const cache = new Map<string, T>();
  return (region) => {
    let client = cache.get(region);
    if (!client) {
      client = make(region);
      cache.set(region, client);
    }
    return client;
  };
}

export const makeEc2Client = (region: string) => new EC2Client({ region, ...CLIENT_OPTIONS });

/** The topic lives in the home region, whatever region the event came from. */
export function makeSnsClient(topicArn: string): SNSClient {
  const region = topicArn.split(':')[3];
  return new SNSClient({ ...(region ? { region } : {}), ...CLIENT_OPTIONS });
}
