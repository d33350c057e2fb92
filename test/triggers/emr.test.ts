import { describe, expect, it } from 'vitest';
import { type EmrRequest, toEmrRequest } from '../../functions/triggers/emr.js';
import {
  DESCRIBE_BACKOFF_MS,
  resolveEmrCluster,
  toEmrGuardInput,
} from '../../functions/triggers/emr-cluster.js';
import { routeEvent } from '../../functions/triggers/route-event.js';
import { loadEvent, loadManifest } from '../support/events.js';
import { InMemoryEmr } from '../support/in-memory-aws.js';

const routeEmrEvent = (event: unknown) => routeEvent(event, 'emrGuard');

const requestOf = (file: string): EmrRequest => {
  const route = routeEmrEvent(loadEvent(file));
  if (route.kind !== 'work') throw new Error(`${file} routed to ${route.kind}`);
  return toEmrRequest(route.trigger, route.work);
};

const GROUPS = { master: 'sg-01', slave: 'sg-02', additionalMaster: [], additionalSlave: [] };

describe('routing EMR events', () => {
  const emrSamples = loadManifest().filter((m) => m.file.startsWith('emr-'));

  it.each(emrSamples.map((m) => [m.file, m.expect]))('%s is routed (expect %s)', (file, expectation) => {
    const route = routeEmrEvent(loadEvent(file));
    expect(route.kind).toBe(expectation === 'ignored' ? 'ignored' : 'work');
  });

  it('waits for groups on RunJobFlow only, where the cluster has just been requested', () => {
    expect(requestOf('emr-runjobflow-default-groups.json')).toMatchObject({
      clusterId: 'j-2AXXXXXXGAPLF',
      waitForGroups: true,
      trigger: { kind: 'cloudtrail', eventName: 'RunJobFlow', actor: { principalType: 'AssumedRole' } },
    });
    expect(requestOf('emr-state-starting.json')).toMatchObject({
      clusterId: 'j-2AXXXXXXGAPLF',
      waitForGroups: false,
      trigger: { kind: 'emr-state', eventName: 'EMR Cluster State Change', region: 'eu-west-1' },
    });
  });

  it('ignores a TERMINATED state change even when it gets past the pattern', () => {
    expect(routeEmrEvent(loadEvent('emr-state-terminated.json'))).toEqual({
      kind: 'ignored',
      reason: 'cluster state TERMINATED',
      eventId: '64ffc2b2-6ae0-45e1-89b8-940ce18f5540',
    });
  });
});

describe('resolving a cluster to its groups', () => {
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
  };

  it('uses the groups named in the request without asking EMR', async () => {
    const emr = new InMemoryEmr();
    const resolved = await resolveEmrCluster(requestOf('emr-runjobflow-named-groups.json'), emr, sleep);
    expect(resolved).toMatchObject({ kind: 'groups', source: 'request', cluster: { id: 'j-3KQ7ZV0N1WX8P' } });
    expect(emr.callCount()).toBe(0);
  });

  it.each([
    [0, 1, []],
    [1, 2, [1000]],
    [4, 5, [1000, 2000, 4000, 8000]],
  ])(
    'finds the groups after %i empty answer(s): %i DescribeCluster call(s), waits %j',
    async (empty, calls, waits) => {
      sleeps.length = 0;
      const emr = new InMemoryEmr().addCluster({
        id: 'j-2AXXXXXXGAPLF',
        state: 'STARTING',
        groups: GROUPS,
        emptyDescribes: empty,
      });
      const resolved = await resolveEmrCluster(requestOf('emr-runjobflow-default-groups.json'), emr, sleep);
      expect(resolved).toMatchObject({ kind: 'groups', source: 'describe', cluster: { groups: GROUPS } });
      expect(emr.callCount('describeCluster')).toBe(calls);
      expect(sleeps).toEqual(waits);
    },
  );

  it('gives up after the backoff schedule, whose total stays well inside the 60 s timeout', async () => {
    sleeps.length = 0;
    const emr = new InMemoryEmr().addCluster({
      id: 'j-2AXXXXXXGAPLF',
      state: 'STARTING',
      groups: GROUPS,
      emptyDescribes: 99,
    });
    const resolved = await resolveEmrCluster(requestOf('emr-runjobflow-default-groups.json'), emr, sleep);
    expect(resolved).toMatchObject({
      kind: 'pending',
      cluster: { id: 'j-2AXXXXXXGAPLF', state: 'STARTING' },
    });
    expect(sleeps).toEqual([...DESCRIBE_BACKOFF_MS]);
    expect(DESCRIBE_BACKOFF_MS.reduce((a, b) => a + b)).toBe(15_000);
  });

  it.each([
    [
      'terminated',
      { id: 'j-2AXXXXXXGAPLF', name: 'nightly-etl', state: 'TERMINATED', groups: GROUPS },
      'state TERMINATED',
    ],
    ['unknown', undefined, "Cluster id 'j-2AXXXXXXGAPLF' is not valid."],
  ])('reports a %s cluster as gone', async (_name, cluster, reason) => {
    const emr = new InMemoryEmr();
    if (cluster) emr.addCluster(cluster);
    const resolved = await resolveEmrCluster(requestOf('emr-state-running.json'), emr, sleep);
    expect(resolved).toEqual({
      kind: 'gone',
      reason,
      cluster: { id: 'j-2AXXXXXXGAPLF', name: 'nightly-etl', ...(cluster ? { state: 'TERMINATED' } : {}) },
    });
  });
});

describe('the pipeline input for an EMR cluster', () => {
  it('selects every rule of the groups and labels each group with its role and the cluster', () => {
    const request = requestOf('emr-runjobflow-named-groups.json');
    const cluster = {
      id: 'j-3KQ7ZV0N1WX8P',
      name: 'airflow-spark-daily',
      groups: { ...GROUPS, additionalSlave: ['sg-03'] },
    };
    const input = toEmrGuardInput(request, { kind: 'groups', cluster, source: 'request' }, 'off', []);
    expect(input.selection).toEqual({ kind: 'groups', groupIds: ['sg-01', 'sg-02', 'sg-03'] });
    expect(input.emr?.get('sg-03')).toEqual({
      clusterId: 'j-3KQ7ZV0N1WX8P',
      clusterName: 'airflow-spark-daily',
      role: 'additional (core/task)',
      blockPublicAccess: 'off',
    });
  });

  it('selects no rule at all for a cluster that is gone or not ready', () => {
    const request = requestOf('emr-state-running.json');
    const input = toEmrGuardInput(
      request,
      { kind: 'pending', cluster: { id: 'j-2AXXXXXXGAPLF' } },
      'off',
      [],
    );
    expect(input.selection).toEqual({ kind: 'rules', rules: [] });
  });
});
