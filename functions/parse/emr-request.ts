import type { EmrGroups } from '../core/model/emr-cluster.js';
import { describeValue, fail, isObject, type Json, obj, ok, type Parsed, str } from './json.js';

/** What a RunJobFlow record says about the new cluster: its id, name and any groups it names. */
export interface RunJobFlowRequest {
  readonly clusterId: string;
  readonly clusterName?: string;
  /** Present when the request names EMR's managed master and slave groups: the cluster's full set. */
  readonly named?: EmrGroups;
}

const GROUP_ID = /^sg-[0-9a-f]+$/;

/** RunJobFlow: `responseElements.jobFlowId` is the cluster; groups live in `instances`. */
export function parseRunJobFlow(record: Json): Parsed<RunJobFlowRequest> {
  const clusterId = str(obj(record.responseElements)?.jobFlowId);
  if (!clusterId) return fail('responseElements.jobFlowId missing');
  const request = obj(record.requestParameters);
  const clusterName = str(request?.name);
  const instances = obj(request?.instances) ?? {};
  const groups = readNamedGroups(instances);
  if (!groups.ok) return groups;
  const named = groups.value.master && groups.value.slave ? groups.value : undefined;
  return ok({ clusterId, ...(clusterName ? { clusterName } : {}), ...(named ? { named } : {}) });
}

function readNamedGroups(instances: Json): Parsed<EmrGroups> {
  const one = (key: string): Parsed<string | undefined> => {
    const value = instances[key];
    if (value === undefined || value === null || value === '') return ok(undefined);
    return typeof value === 'string' && GROUP_ID.test(value)
      ? ok(value)
      : fail(`instances.${key} is not a security group id: ${describeValue(value)}`);
  };
  const many = (key: string): Parsed<string[]> => {
    const raw = instances[key];
    const list = isObject(raw) && 'items' in raw ? raw.items : raw;
    if (list === undefined || list === null) return ok([]);
    if (!Array.isArray(list) || !list.every((v) => typeof v === 'string' && GROUP_ID.test(v)))
      return fail(`instances.${key} is not a list of security group ids: ${describeValue(raw)}`);
    return ok(list as string[]);
  };
  const master = one('emrManagedMasterSecurityGroup');
  const slave = one('emrManagedSlaveSecurityGroup');
  const serviceAccess = one('serviceAccessSecurityGroup');
  const additionalMaster = many('additionalMasterSecurityGroups');
  const additionalSlave = many('additionalSlaveSecurityGroups');
  for (const part of [master, slave, serviceAccess, additionalMaster, additionalSlave])
    if (!part.ok) return part;
  return ok({
    ...(master.ok && master.value ? { master: master.value } : {}),
    ...(slave.ok && slave.value ? { slave: slave.value } : {}),
    ...(serviceAccess.ok && serviceAccess.value ? { serviceAccess: serviceAccess.value } : {}),
    additionalMaster: additionalMaster.ok ? additionalMaster.value : [],
    additionalSlave: additionalSlave.ok ? additionalSlave.value : [],
  });
}

export interface ClusterStateChange {
  readonly clusterId: string;
  readonly clusterName?: string;
  readonly state: string;
}

/** The `detail` of an `aws.emr` "EMR Cluster State Change" event. */
export function parseClusterStateChange(detail: Json): Parsed<ClusterStateChange> {
  const clusterId = str(detail.clusterId);
  const state = str(detail.state);
  if (!clusterId || !state) return fail('EMR state change without clusterId or state');
  const clusterName = str(detail.name);
  return ok({ clusterId, state, ...(clusterName ? { clusterName } : {}) });
}
