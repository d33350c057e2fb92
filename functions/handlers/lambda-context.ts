import type { Home } from '../triggers/route-event.js';

/** The part of the Lambda context the functions read (Lambda always passes it; tests may not). */
export interface LambdaContext {
  readonly invokedFunctionArn?: string;
}

/**
 * The function's own account, from the ARN it was invoked by (`arn:aws:lambda:region:account:...`).
 * Chosen over configuration: Lambda states it on every invocation, nothing can set it wrong, and it
 * costs no call (STS GetCallerIdentity would be one more per cold start, and one more IAM action).
 */
export function homeOf(context: LambdaContext | undefined): Home {
  const account = context?.invokedFunctionArn?.split(':')[4];
  return account && /^\d{12}$/.test(account) ? { account } : {};
}
