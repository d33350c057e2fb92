import { type Cidr, type Family, parseCidr } from '../../model/cidr.js';
import { prefixEquivalent, unionSize, worldSize } from '../address-union.js';
import { classifyCidr, type SourceContext } from '../classify-source.js';
import type { FlaggedEvaluation, RuleEvaluation } from '../evaluate.js';
import type { GroupCheck, GroupMember } from './check.js';
import { describeWatched } from './exposure.js';

/** A public SSH source that is not world-sized on its own: what the aggregate is made of. */
interface Candidate {
  readonly evaluation: FlaggedEvaluation;
  readonly ports: readonly number[];
  readonly ranges: Readonly<Record<Family, readonly Cidr[]>>;
  readonly size: Readonly<Record<Family, bigint>>;
  readonly origin: GroupMember['origin'];
}

const FAMILIES: readonly Family[] = [4, 6];

/**
 * A group whose untrusted public SSH sources together cover at least as many addresses as the
 * world bound is world-open even when no single rule is (two adjacent public /9s make a /8). The
 * union counts overlaps once; a prefix list counts its public entries. Rules that are world-open
 * alone are already revoked by the rule checks, and rules under an active exemption were accepted
 * by the security team, so neither counts. What the event being handled added is revoked first,
 * broadest first, and only then what the group held before, broadest first, until what remains is
 * below the bound: removing the caller's new rule restores the group as it was, and a rule that sat
 * there for months (perhaps owned by a pipeline that would re-add it) stays. The others keep their
 * review findings.
 */
export const sshAggregateWorldOpen: GroupCheck = {
  scope: 'group',
  id: 'ssh-aggregate-world-open',
  title: 'SSH open to the internet through several rules together',
  severity: 'high',
  verdict: 'world-open',
  label: 'world-open (aggregate)',
  guidance: {
    revoked: 'The rule was removed because it exposed SSH to the internet.',
    // The aggregate only ever revokes; the rules it leaves keep their own review findings.
    review:
      'SSH is reachable from the internet through several rules of this group together. Remove the broadest.',
  },
  evaluate(group, ctx) {
    const evaluations = group.map((m) => m.evaluation);
    // Most groups have no public source, or one CIDR, which is narrower than the bound by definition.
    const publicSources = group.filter(isPublicSource);
    if (publicSources.length === 0) return evaluations;
    if (publicSources.length === 1 && publicSources[0]?.evaluation.rule.source.kind !== 'prefix-list') {
      return evaluations;
    }
    const candidates = publicSources.flatMap((m) => toCandidate(m, ctx) ?? []);
    const chosen = chooseRevocations(candidates, ctx);
    return chosen.size === 0 ? evaluations : evaluations.map((e) => chosen.get(e) ?? e);
  },
};

function isPublicSource(member: GroupMember): member is GroupMember & { evaluation: FlaggedEvaluation } {
  const { evaluation } = member;
  return (
    evaluation.verdict === 'review' &&
    evaluation.classification.sourceClass === 'public' &&
    evaluation.exemption?.status !== 'active'
  );
}

function toCandidate(member: GroupMember & { evaluation: FlaggedEvaluation }, ctx: SourceContext) {
  const { evaluation, exposure, origin } = member;
  if (!exposure) return undefined;
  const ranges: Record<Family, Cidr[]> = { 4: [], 6: [] };
  for (const cidr of publicRanges(evaluation, ctx)) ranges[cidr.family].push(cidr);
  const candidate: Candidate = {
    evaluation,
    ports: exposure.ports,
    ranges,
    size: { 4: unionSize(ranges[4]), 6: unionSize(ranges[6]) },
    origin,
  };
  return candidate;
}

function publicRanges(evaluation: FlaggedEvaluation, ctx: SourceContext): Cidr[] {
  const { source } = evaluation.rule;
  const texts =
    source.kind === 'prefix-list'
      ? (ctx.prefixLists.get(source.prefixListId)?.entries ?? [])
      : source.kind === 'group'
        ? []
        : [source.cidr];
  return texts.flatMap((text) => {
    const cidr = parseCidr(text);
    return cidr && classifyCidr(cidr, ctx.policy).sourceClass === 'public' ? [cidr] : [];
  });
}

/**
 * Per watched port and address family, revoke sources until the rest is below the bound: the event's
 * own first, then the group's, each broadest first.
 */
function chooseRevocations(candidates: readonly Candidate[], ctx: SourceContext) {
  const remaining = new Set(candidates);
  const chosen = new Map<RuleEvaluation, RuleEvaluation>();
  for (const port of ctx.policy.watchedPorts) {
    for (const family of FAMILIES) {
      const bound = worldSize(family, ctx.policy.worldPrefix[family]);
      const holders = () => [...remaining].filter((c) => c.ports.includes(port) && c.size[family] > 0n);
      const covered = () => unionSize(holders().flatMap((c) => c.ranges[family]));
      const involved = holders();
      if (involved.reduce((sum, c) => sum + c.size[family], 0n) < bound) continue;
      const before = covered();
      if (before < bound) continue;
      const broadestFirst = [...involved].sort(
        (a, b) =>
          ORIGIN_FIRST[a.origin] - ORIGIN_FIRST[b.origin] ||
          compareBig(b.size[family], a.size[family]) ||
          ruleIdOf(a).localeCompare(ruleIdOf(b)),
      );
      const revoked: Candidate[] = [];
      for (const candidate of broadestFirst) {
        revoked.push(candidate);
        remaining.delete(candidate);
        if (covered() < bound) break;
      }
      const facts = {
        port,
        addressFamily: family === 4 ? 'IPv4' : 'IPv6',
        publicRules: involved.length,
        coveredAddresses: before.toString(),
        coveredEquivalentPrefix: `/${prefixEquivalent(family, before)}`,
        worldBound: `/${ctx.policy.worldPrefix[family]}`,
        worldBoundAddresses: bound.toString(),
        rulesRevoked: revoked.length,
        remainingAddresses: covered().toString(),
      };
      const eventFirst = involved.some((c) => c.origin === 'event');
      for (const c of revoked) chosen.set(c.evaluation, upgrade(c.evaluation, facts, eventFirst));
    }
  }
  return chosen;
}

function upgrade(
  evaluation: FlaggedEvaluation,
  facts: AggregateFacts,
  eventFirst: boolean,
): FlaggedEvaluation {
  const group = evaluation.rule.groupId ?? evaluation.rule.groupName ?? 'the group';
  return {
    ...evaluation,
    check: sshAggregateWorldOpen,
    verdict: sshAggregateWorldOpen.verdict,
    severity: sshAggregateWorldOpen.severity,
    remediate: true,
    reason:
      `${evaluation.reason}; with ${counted(facts.publicRules - 1, 'other public source')} of ` +
      `${describeWatched([facts.port])} on ${group} it opens ${facts.coveredAddresses} ${facts.addressFamily} ` +
      `addresses (as many as a ${facts.coveredEquivalentPrefix}), at least the world bound ${facts.worldBound}; ` +
      `revoking ${eventFirst ? `${counted(facts.rulesRevoked, 'rule')}, what this event added first,` : `the broadest ${counted(facts.rulesRevoked, 'rule')}`} brings the group below it`,
    details: facts,
  };
}

type AggregateFacts = {
  readonly port: number;
  readonly addressFamily: string;
  readonly publicRules: number;
  readonly coveredAddresses: string;
  readonly coveredEquivalentPrefix: string;
  readonly worldBound: string;
  readonly rulesRevoked: number;
};

const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const compareBig = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
const ruleIdOf = (c: Candidate) => c.evaluation.rule.ruleId ?? '';
const ORIGIN_FIRST: Record<GroupMember['origin'], number> = { event: 0, group: 1 };
