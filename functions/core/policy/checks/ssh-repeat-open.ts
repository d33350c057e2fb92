import type { HistoryCheck } from './check.js';

/**
 * A world-open rule opened again on the same group from the same source within the window: the
 * guard and something that re-applies the rule (a Terraform or CloudFormation pipeline, a script)
 * are fighting, and revoking again will not end it. Critical, so a person changes the source.
 */
export const sshRepeatOpen: HistoryCheck = {
  scope: 'history',
  id: 'ssh-repeat-open',
  title: 'SSH re-opened to the internet after the guard removed it',
  severity: 'critical',
  verdict: 'world-open',
  label: 'world-open (repeat)',
  guidance: {
    revoked:
      'The rule was removed again: it keeps coming back, so whatever re-applies it (infrastructure as code, a script, a person) must change, or the guard and it will keep fighting.',
    review:
      'SSH keeps being opened to the internet on this group from the same source. Find what re-applies the rule and change it.',
  },
  records(evaluation) {
    return evaluation.verdict === 'world-open' && evaluation.remediate;
  },
  evaluate(evaluation, history) {
    if (history.count < 2) return evaluation;
    return {
      ...evaluation,
      check: sshRepeatOpen,
      verdict: sshRepeatOpen.verdict,
      severity: sshRepeatOpen.severity,
      reason:
        `${evaluation.reason}; opened ${history.count} times on this group from this source between ` +
        `${history.firstAt} and ${history.lastAt} (each within ${history.windowHours} h of the previous)`,
      details: {
        ...evaluation.details,
        repeat: {
          count: history.count,
          firstOpenedAt: history.firstAt,
          lastOpenedAt: history.lastAt,
          windowHours: history.windowHours,
          repeatedCheckId: evaluation.check.id,
        },
      },
    };
  },
};
