import type { EC2Client } from '@aws-sdk/client-ec2';

/** What the EC2 adapter needs of a client: `send`. */
export type Ec2Sender = Pick<EC2Client, 'send'>;

/**
 * Counts every call sent through a client: the wrapper the sweep's figures come from, kept out of
 * the ports. Counting here rather than in SDK middleware means the figure is one per API call
 * (retries are the SDK's business) and holds with mocked clients too.
 */
export function countCalls(client: Ec2Sender): { client: Ec2Sender; count: () => number } {
  let calls = 0;
  const send = ((...args: Parameters<EC2Client['send']>) => {
    calls += 1;
    return (client.send as (...a: unknown[]) => unknown)(...args);
  }) as EC2Client['send'];
  return { client: { send }, count: () => calls };
}
