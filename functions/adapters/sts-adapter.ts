import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import type { StsPort } from '../org-deps.js';

/** IAM actions this adapter calls: the identity running `scan --org` needs them on the scan roles. */
export const STS_ACTIONS = ['sts:AssumeRole'] as const;

/** One hour: the default, and the most a role-chained session may last. */
const SESSION_SECONDS = 3600;

export function createStsPort(client: Pick<STSClient, 'send'>): StsPort {
  return {
    async assumeRole({ roleArn, sessionName, externalId }) {
      const out = await client.send(
        new AssumeRoleCommand({
          RoleArn: roleArn,
          RoleSessionName: sessionName,
          DurationSeconds: SESSION_SECONDS,
          ...(externalId ? { ExternalId: externalId } : {}),
        }),
      );
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken)
        throw new Error(`AssumeRole of ${roleArn} returned no credentials`);
      return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        ...(c.Expiration ? { expiration: c.Expiration } : {}),
      };
    },
  };
}
