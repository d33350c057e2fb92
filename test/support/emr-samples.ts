import { createHash } from 'node:crypto';
import type { CurrentRule } from '../../functions/core/model/rule.js';
import { AWS_DEFAULT_BLOCK_PUBLIC_ACCESS, type InMemoryEc2, type InMemoryEmr } from './in-memory-aws.js';

/**
 * Seeding is idempotent (rule ids derive from content): call it again before each sample file to
 * restore what the previous one revoked or fixed.
 *
 * The clusters and groups the EMR samples in events/ refer to, with rules that make the manifest's
 * expectations true: the default-groups cluster's ElasticMapReduce-master still carries the
 * pre-December-2020 tcp/22 from 0.0.0.0/0; the other two clusters hold only EMR's own rules
 * (group references, 8443 from the service access group) and private SSH sources.
 */
export const EMR_SAMPLE_GROUPS = {
  /** nightly-etl, eu-west-1, public subnet, EMR-created default groups. */
  defaultMaster: 'sg-0a1b2c3d4e5f60011',
  defaultSlave: 'sg-0a1b2c3d4e5f60012',
  /** airflow-spark-daily, eu-west-1: groups named in the request. */
  namedMaster: 'sg-0a1b2c3d4e5f60021',
  namedSlave: 'sg-0a1b2c3d4e5f60022',
  namedAdditionalMaster: 'sg-0a1b2c3d4e5f60027',
  namedAdditionalSlave: 'sg-0a1b2c3d4e5f60028',
  /** risk-models-private, ap-southeast-2, private subnets. */
  privateMaster: 'sg-0a1b2c3d4e5f60029',
  privateSlave: 'sg-0a1b2c3d4e5f60030',
  privateServiceAccess: 'sg-0a1b2c3d4e5f60031',
} as const;

/** The rule id of the legacy world tcp/22 on ElasticMapReduce-master: the one rule the guard revokes. */
export const LEGACY_WORLD_SSH_RULE = 'sgr-0e00000000000f022';

const G = EMR_SAMPLE_GROUPS;

function ingress(
  groupId: string,
  protocol: CurrentRule['protocol'],
  from: number,
  to: number,
  source: string,
): CurrentRule {
  // Ids derive from the content, so seeding twice restores the same rules instead of adding copies.
  const digest = createHash('sha256').update([groupId, protocol, from, to, source].join('|')).digest('hex');
  return {
    groupId,
    ruleId: `sgr-0e${digest.slice(0, 15)}`,
    direction: 'ingress',
    protocol,
    ports: { from, to },
    source: source.startsWith('sg-')
      ? { kind: 'group', groupId: source }
      : source.includes(':')
        ? { kind: 'cidr6', cidr: source }
        : { kind: 'cidr4', cidr: source },
  };
}

/** What EMR itself puts on its managed groups: everything between master and slave (and ICMP). */
export function emrOwnRules(groupId: string, peers: readonly string[]): CurrentRule[] {
  return peers.flatMap((peer) => [
    ingress(groupId, 'tcp', 0, 65535, peer),
    ingress(groupId, 'udp', 0, 65535, peer),
    ingress(groupId, 'icmp', -1, -1, peer),
  ]);
}

export function seedEmrSamples(target: {
  ec2For: (region: string) => InMemoryEc2;
  emrFor: (region: string) => InMemoryEmr;
}): void {
  const eu = target.ec2For('eu-west-1');
  eu.addRules(
    ...emrOwnRules(G.defaultMaster, [G.defaultMaster, G.defaultSlave]),
    ingress(G.defaultMaster, 'tcp', 8443, 8443, '52.95.0.0/16'),
    { ...ingress(G.defaultMaster, 'tcp', 22, 22, '0.0.0.0/0'), ruleId: LEGACY_WORLD_SSH_RULE },
    ...emrOwnRules(G.defaultSlave, [G.defaultMaster, G.defaultSlave]),
    ...emrOwnRules(G.namedMaster, [G.namedMaster, G.namedSlave]),
    ...emrOwnRules(G.namedSlave, [G.namedMaster, G.namedSlave]),
    ingress(G.namedAdditionalMaster, 'tcp', 22, 22, '10.0.0.0/8'),
    ingress(G.namedAdditionalSlave, 'tcp', 22, 22, '172.16.0.0/12'),
  );
  target.emrFor('eu-west-1').addCluster(
    {
      id: 'j-2AXXXXXXGAPLF',
      name: 'nightly-etl',
      state: 'RUNNING',
      groups: { master: G.defaultMaster, slave: G.defaultSlave, additionalMaster: [], additionalSlave: [] },
    },
    {
      id: 'j-3KQ7ZV0N1WX8P',
      name: 'airflow-spark-daily',
      state: 'BOOTSTRAPPING',
      groups: {
        master: G.namedMaster,
        slave: G.namedSlave,
        additionalMaster: [G.namedAdditionalMaster],
        additionalSlave: [G.namedAdditionalSlave],
      },
    },
  );
  const ap = target.ec2For('ap-southeast-2');
  ap.addRules(
    ...emrOwnRules(G.privateMaster, [G.privateMaster, G.privateSlave]),
    ingress(G.privateMaster, 'tcp', 8443, 8443, G.privateServiceAccess),
    ...emrOwnRules(G.privateSlave, [G.privateMaster, G.privateSlave]),
    ingress(G.privateSlave, 'tcp', 8443, 8443, G.privateServiceAccess),
    ingress(G.privateServiceAccess, 'tcp', 9443, 9443, G.privateMaster),
  );
  const apEmr = target.emrFor('ap-southeast-2');
  apEmr.addCluster({
    id: 'j-1OL9M4RT6EHC2',
    name: 'risk-models-private',
    state: 'WAITING',
    groups: {
      master: G.privateMaster,
      slave: G.privateSlave,
      serviceAccess: G.privateServiceAccess,
      additionalMaster: [],
      additionalSlave: [],
    },
  });
  // eu-west-1 keeps the AWS default (port 22 permitted: a finding); ap-southeast-2 permits nothing.
  // Set on every call, so seeding again restores what a previous run (or the opt-in fix) changed.
  target.emrFor('eu-west-1').blockPublicAccess = AWS_DEFAULT_BLOCK_PUBLIC_ACCESS;
  apEmr.blockPublicAccess = { blockPublicSecurityGroupRules: true, permittedRanges: [] };
}
