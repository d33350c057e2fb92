import { describe, expect, it } from 'vitest';
import { parseClusterStateChange, parseRunJobFlow } from '../../functions/parse/emr-request.js';
import { loadEvent } from '../support/events.js';

const record = (file: string) => loadEvent(file).detail;

describe('RunJobFlow records', () => {
  it('reads a request that names no groups: only the cluster id and name, groups come from DescribeCluster', () => {
    expect(parseRunJobFlow(record('emr-runjobflow-default-groups.json'))).toEqual({
      ok: true,
      value: { clusterId: 'j-2AXXXXXXGAPLF', clusterName: 'nightly-etl' },
    });
  });

  it('reads the managed and additional groups a request names', () => {
    expect(parseRunJobFlow(record('emr-runjobflow-named-groups.json'))).toEqual({
      ok: true,
      value: {
        clusterId: 'j-3KQ7ZV0N1WX8P',
        clusterName: 'airflow-spark-daily',
        named: {
          master: 'sg-0a1b2c3d4e5f60021',
          slave: 'sg-0a1b2c3d4e5f60022',
          additionalMaster: ['sg-0a1b2c3d4e5f60027'],
          additionalSlave: ['sg-0a1b2c3d4e5f60028'],
        },
      },
    });
  });

  it('reads the service access group of a private-subnet cluster', () => {
    expect(parseRunJobFlow(record('emr-runjobflow-private-subnet.json'))).toMatchObject({
      ok: true,
      value: {
        clusterId: 'j-1OL9M4RT6EHC2',
        named: {
          master: 'sg-0a1b2c3d4e5f60029',
          slave: 'sg-0a1b2c3d4e5f60030',
          serviceAccess: 'sg-0a1b2c3d4e5f60031',
          additionalMaster: [],
          additionalSlave: [],
        },
      },
    });
  });

  const withInstances = (instances: Record<string, unknown>) => {
    const detail = record('emr-runjobflow-default-groups.json');
    return { ...detail, requestParameters: { name: 'x', instances } };
  };

  it('does not take additional groups alone as the cluster set: EMR still picks the managed pair', () => {
    const parsed = parseRunJobFlow(
      withInstances({ additionalMasterSecurityGroups: ['sg-0a1b2c3d4e5f60027'] }),
    );
    expect(parsed).toEqual({ ok: true, value: { clusterId: 'j-2AXXXXXXGAPLF', clusterName: 'x' } });
  });

  it('reads additional groups in the CloudTrail items form', () => {
    const parsed = parseRunJobFlow(
      withInstances({
        emrManagedMasterSecurityGroup: 'sg-01',
        emrManagedSlaveSecurityGroup: 'sg-02',
        additionalSlaveSecurityGroups: { items: ['sg-03'] },
      }),
    );
    expect(parsed).toMatchObject({ ok: true, value: { named: { additionalSlave: ['sg-03'] } } });
  });

  it.each([
    [
      'a cluster id',
      { ...record('emr-runjobflow-default-groups.json'), responseElements: null },
      'responseElements.jobFlowId missing',
    ],
    [
      'a group id',
      withInstances({ emrManagedMasterSecurityGroup: 'ElasticMapReduce-master' }),
      'instances.emrManagedMasterSecurityGroup is not a security group id: "ElasticMapReduce-master"',
    ],
    [
      'a list of group ids',
      withInstances({ additionalSlaveSecurityGroups: 'sg-01' }),
      'instances.additionalSlaveSecurityGroups is not a list of security group ids: "sg-01"',
    ],
  ])('fails, never guesses, on a record without %s', (_name, input, error) => {
    expect(parseRunJobFlow(input)).toEqual({ ok: false, error });
  });
});

describe('EMR Cluster State Change events', () => {
  it.each([
    ['emr-state-starting.json', 'j-2AXXXXXXGAPLF', 'nightly-etl', 'STARTING'],
    ['emr-state-bootstrapping.json', 'j-3KQ7ZV0N1WX8P', 'airflow-spark-daily', 'BOOTSTRAPPING'],
    ['emr-state-running.json', 'j-2AXXXXXXGAPLF', 'nightly-etl', 'RUNNING'],
    ['emr-state-waiting.json', 'j-1OL9M4RT6EHC2', 'risk-models-private', 'WAITING'],
    ['emr-state-terminated.json', 'j-2AXXXXXXGAPLF', 'nightly-etl', 'TERMINATED'],
  ])('%s names cluster %s (%s) in state %s', (file, clusterId, clusterName, state) => {
    expect(parseClusterStateChange(record(file))).toEqual({
      ok: true,
      value: { clusterId, clusterName, state },
    });
  });

  it('fails on a detail without a cluster id', () => {
    expect(parseClusterStateChange({ state: 'RUNNING' })).toMatchObject({ ok: false });
  });
});
