/**
 * An EMR cluster as the guard sees it: its id, name, state and the security groups it runs with.
 * EMR has five group slots; a group may fill several, so roles are joined per group.
 */
export interface EmrGroups {
  readonly master?: string;
  readonly slave?: string;
  readonly serviceAccess?: string;
  readonly additionalMaster: readonly string[];
  readonly additionalSlave: readonly string[];
}

export interface EmrClusterView {
  readonly id: string;
  readonly name?: string;
  readonly state?: string;
  readonly groups: EmrGroups;
}

export const NO_GROUPS: EmrGroups = Object.freeze({ additionalMaster: [], additionalSlave: [] });

/** The states the guard acts on; EMR creates and edits its managed groups while in them. */
export const GUARDED_STATES: readonly string[] = ['STARTING', 'BOOTSTRAPPING', 'RUNNING', 'WAITING'];

/** States after which the cluster no longer runs: its groups are left to the scheduled sweep. */
export const ENDED_STATES: readonly string[] = ['TERMINATED', 'TERMINATED_WITH_ERRORS'];

/** Role names as findings print them: what a reader of the EMR console recognises. */
export const ROLE_NAMES = {
  master: 'master',
  slave: 'core/task',
  serviceAccess: 'service access',
  additionalMaster: 'additional (master)',
  additionalSlave: 'additional (core/task)',
} as const;

/** Every group of the cluster with its role(s), in slot order. */
export function rolesOfGroups(groups: EmrGroups): ReadonlyMap<string, string> {
  const roles = new Map<string, string[]>();
  const add = (groupId: string | undefined, role: string) => {
    if (!groupId) return;
    const list = roles.get(groupId) ?? [];
    if (!list.includes(role)) list.push(role);
    roles.set(groupId, list);
  };
  add(groups.master, ROLE_NAMES.master);
  add(groups.slave, ROLE_NAMES.slave);
  add(groups.serviceAccess, ROLE_NAMES.serviceAccess);
  for (const id of groups.additionalMaster) add(id, ROLE_NAMES.additionalMaster);
  for (const id of groups.additionalSlave) add(id, ROLE_NAMES.additionalSlave);
  return new Map([...roles].map(([id, list]) => [id, list.join(', ')]));
}

export function groupIdsOf(groups: EmrGroups): string[] {
  return [...rolesOfGroups(groups).keys()];
}

/**
 * EMR names or creates its managed master and slave groups before the instances launch; until then
 * DescribeCluster returns empty attributes. Additional groups alone are not the cluster's full set.
 */
export function hasManagedGroups(groups: EmrGroups): boolean {
  return Boolean(groups.master && groups.slave);
}
