import {
  type BlockPublicAccess,
  type BlockPublicAccessAssessment,
  type BlockPublicAccessPlan,
  describeBlockPublicAccess,
  describeRanges,
} from '../policy/emr-block-public-access.js';
import { type EmrFindingContext, emrOf, nameOf } from './build-emr-finding.js';
import { buildEventFinding } from './build-event-finding.js';
import type { ActionTaken, ErrorInfo, Finding } from './finding.js';
import {
  emrBlockPublicAccessOff,
  emrBlockPublicAccessPermitsSsh,
  emrBlockPublicAccessUnreadable,
} from './finding-kinds.js';

export type BlockPublicAccessWriteResult =
  | { readonly status: 'written' }
  | { readonly status: 'failed'; readonly code: string; readonly message: string };

export type BlockPublicAccessResult =
  | { readonly kind: 'unreadable'; readonly error: ErrorInfo }
  | {
      readonly kind: 'assessed';
      readonly bpa: BlockPublicAccess;
      readonly assessment: BlockPublicAccessAssessment;
      readonly plan: BlockPublicAccessPlan;
      /** What the write did, when the plan asked for one. */
      readonly write?: BlockPublicAccessWriteResult;
    };

/** One line for rule findings: the region's Block Public Access state after this event's step. */
export function describeBlockPublicAccessResult(result: BlockPublicAccessResult): string {
  if (result.kind === 'unreadable') return `unknown (${result.error.code})`;
  if (result.plan.kind === 'fix' && result.write?.status === 'written')
    return `on, permitted public ports: ${describeRanges(result.plan.ranges)} (fixed by the guard)`;
  return describeBlockPublicAccess(result.bpa);
}

/** The Block Public Access finding of one EMR event; undefined when the region is protected. */
export function buildBlockPublicAccessFinding(
  ctx: EmrFindingContext,
  result: BlockPublicAccessResult,
): Finding | undefined {
  const region = ctx.trigger.region;
  const base = {
    trigger: ctx.trigger,
    mode: ctx.mode,
    now: ctx.now,
    subject: `block-public-access/${region}`,
  };
  const consoleUrl = `https://${region}.console.aws.amazon.com/emr/home?region=${region}#/blockPublicAccess`;
  if (result.kind === 'unreadable') {
    return {
      ...buildEventFinding({
        ...base,
        kind: emrBlockPublicAccessUnreadable,
        summary: `The guard could not read EMR Block Public Access in ${region} (${result.error.code}) while handling cluster ${nameOf(ctx.cluster)}.`,
        guidance: emrBlockPublicAccessUnreadable.guidance(undefined),
        resource: { type: 'region', emr: emrOf(ctx.cluster, describeBlockPublicAccessResult(result)) },
        error: result.error,
      }),
      consoleUrl,
    };
  }
  const { bpa, assessment, plan, write } = result;
  if (assessment.status === 'protected') return undefined;
  const ports = assessment.status === 'permits-watched' ? assessment.ports.join(', ') : '';
  const isDefault = bpa.permittedRanges.length === 1 && ports === '22';
  const summary =
    assessment.status === 'off'
      ? `EMR Block Public Access is off in ${region}: clusters launch even when their security groups allow SSH from the internet.`
      : `EMR Block Public Access in ${region} permits public inbound traffic on port ${ports}${isDefault ? ' (the AWS default)' : ''}: clusters still launch with world-open SSH.`;
  const [kind, guidance] =
    assessment.status === 'off'
      ? [emrBlockPublicAccessOff, emrBlockPublicAccessOff.guidance({ region })]
      : [emrBlockPublicAccessPermitsSsh, emrBlockPublicAccessPermitsSsh.guidance({ region, ports })];
  const action = actionOf(plan, write);
  return {
    ...buildEventFinding({
      ...base,
      kind,
      summary,
      guidance,
      resource: {
        type: 'region',
        emr: emrOf(ctx.cluster, describeBlockPublicAccessResult(result)),
        details: {
          blockPublicSecurityGroupRules: bpa.blockPublicSecurityGroupRules,
          permittedPublicSecurityGroupRuleRanges: bpa.permittedRanges.map((r) => ({ ...r })),
          ...(plan.kind === 'none' ? {} : { permittedAfterFix: plan.ranges.map((r) => ({ ...r })) }),
        },
      },
      action: action.type,
      ...(action.note ? { note: action.note } : {}),
      ...(write?.status === 'failed' ? { error: { code: write.code, message: write.message } } : {}),
    }),
    consoleUrl,
  };
}

function actionOf(plan: BlockPublicAccessPlan, write: BlockPublicAccessWriteResult | undefined) {
  const after = plan.kind === 'none' ? '' : describeRanges(plan.ranges);
  const type: ActionTaken =
    plan.kind === 'would-fix'
      ? 'would-revoke'
      : plan.kind === 'fix'
        ? write?.status === 'written'
          ? 'narrowed'
          : 'failed'
        : 'reported';
  const note =
    plan.kind === 'would-fix'
      ? `report mode: the permitted ranges would become: ${after}`
      : type === 'narrowed'
        ? `the guard removed the watched ports from the permitted ranges; now permitted: ${after}`
        : undefined;
  return { type, note };
}
