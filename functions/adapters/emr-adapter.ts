import {
  type Cluster,
  DescribeClusterCommand,
  type EMRClient,
  GetBlockPublicAccessConfigurationCommand,
  PutBlockPublicAccessConfigurationCommand,
} from '@aws-sdk/client-emr';
import { type EmrGroups, ENDED_STATES } from '../core/model/emr-cluster.js';
import type { EmrPort } from '../emr-deps.js';
import { errorCode, errorInfo, errorMessage, isError } from './aws-error.js';

/** IAM actions this adapter calls (the IAM prefix is `elasticmapreduce:`, not `emr:`). */
export const EMR_ACTIONS = [
  'elasticmapreduce:DescribeCluster',
  'elasticmapreduce:GetBlockPublicAccessConfiguration',
  'elasticmapreduce:PutBlockPublicAccessConfiguration',
] as const;

/**
 * EMR answers an unknown cluster id, and a cluster hidden from the caller (VisibleToAllUsers false),
 * with InvalidRequestException "Cluster id 'j-...' is not valid." Other invalid requests still throw.
 */
function isClusterNotFound(error: unknown): boolean {
  return (
    isError(error, 'invalid-request') && /is not valid|not found|does not exist/i.test(errorMessage(error))
  );
}

export function createEmrPort(client: EMRClient): EmrPort {
  return {
    async describeCluster(clusterId) {
      let cluster: Cluster | undefined;
      try {
        cluster = (await client.send(new DescribeClusterCommand({ ClusterId: clusterId }))).Cluster;
      } catch (error) {
        if (!isClusterNotFound(error)) throw error;
        return {
          gone: true,
          reason: `not found or not visible: ${errorCode(error)}: ${errorMessage(error)}`,
        };
      }
      if (!cluster) return { gone: true, reason: 'DescribeCluster returned no cluster' };
      const state = cluster.Status?.State;
      const name = cluster.Name;
      if (state && ENDED_STATES.includes(state)) {
        const why = cluster.Status?.StateChangeReason?.Code;
        return {
          gone: true,
          reason: `state ${state}${why ? ` (${why})` : ''}`,
          state,
          ...(name ? { name } : {}),
        };
      }
      return {
        gone: false,
        id: cluster.Id ?? clusterId,
        ...(name ? { name } : {}),
        ...(state ? { state } : {}),
        groups: toGroups(cluster),
      };
    },

    async readBlockPublicAccess() {
      try {
        const out = await client.send(new GetBlockPublicAccessConfigurationCommand({}));
        const { BlockPublicSecurityGroupRules, PermittedPublicSecurityGroupRuleRanges, ...passthrough } =
          out.BlockPublicAccessConfiguration ?? { BlockPublicSecurityGroupRules: undefined };
        return {
          ok: true,
          value: {
            // Anything but an explicit true is read as off: a setting the guard cannot confirm protects nothing.
            blockPublicSecurityGroupRules: BlockPublicSecurityGroupRules === true,
            permittedRanges: (PermittedPublicSecurityGroupRuleRanges ?? []).flatMap((r) =>
              r.MinRange === undefined ? [] : [{ from: r.MinRange, to: r.MaxRange ?? r.MinRange }],
            ),
            ...(Object.keys(passthrough).length > 0 ? { passthrough } : {}),
          },
        };
      } catch (error) {
        // Denied is reported as a finding; throttling and outages throw so Lambda retries.
        if (!isError(error, 'denied')) throw error;
        return { ok: false, error: errorInfo(error) };
      }
    },

    async writePermittedRanges(current, ranges) {
      try {
        await client.send(
          new PutBlockPublicAccessConfigurationCommand({
            BlockPublicAccessConfiguration: {
              ...current.passthrough,
              BlockPublicSecurityGroupRules: current.blockPublicSecurityGroupRules,
              PermittedPublicSecurityGroupRuleRanges: ranges.map((r) => ({
                MinRange: r.from,
                MaxRange: r.to,
              })),
            },
          }),
        );
        return { status: 'written' };
      } catch (error) {
        return { status: 'failed', code: errorCode(error), message: errorMessage(error) };
      }
    },
  };
}

function toGroups(cluster: Cluster): EmrGroups {
  const a = cluster.Ec2InstanceAttributes;
  return {
    ...(a?.EmrManagedMasterSecurityGroup ? { master: a.EmrManagedMasterSecurityGroup } : {}),
    ...(a?.EmrManagedSlaveSecurityGroup ? { slave: a.EmrManagedSlaveSecurityGroup } : {}),
    ...(a?.ServiceAccessSecurityGroup ? { serviceAccess: a.ServiceAccessSecurityGroup } : {}),
    additionalMaster: a?.AdditionalMasterSecurityGroups ?? [],
    additionalSlave: a?.AdditionalSlaveSecurityGroups ?? [],
  };
}
