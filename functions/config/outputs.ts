import { ConfigError, type Env, value } from './env.js';

/**
 * Where findings go besides the account's own topic, read once at cold start. Every variable is
 * optional: a stack deployed without the hub parameters sets none, and publishes as it always did.
 */
export interface OutputsConfig {
  /** The organisation's hub topic (infra/hub.yml), in the security account. */
  readonly centralTopicArn?: string;
  /** The organisation's hub event bus (infra/hub.yml): each finding is put on it as an event. */
  readonly centralBusArn?: string;
  /** This account's bus that gets each finding as an event too: `default`, the account's default bus. */
  readonly eventBusName?: string;
  readonly securityHub: 'off' | 'import';
}

const TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/;
const BUS_NAME = /^[\w.-]{1,256}$/;
const BUS_ARN = /^arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:event-bus\/[\w.\-/]{1,256}$/;

export function loadOutputsConfig(env: Env): OutputsConfig {
  const centralTopicArn = value(env, 'CENTRAL_TOPIC_ARN');
  if (centralTopicArn !== undefined && !TOPIC_ARN.test(centralTopicArn))
    throw new ConfigError('CENTRAL_TOPIC_ARN', 'an SNS topic ARN', centralTopicArn);
  const centralBusArn = value(env, 'CENTRAL_BUS_ARN');
  if (centralBusArn !== undefined && !BUS_ARN.test(centralBusArn))
    throw new ConfigError('CENTRAL_BUS_ARN', 'an EventBridge event bus ARN', centralBusArn);
  const eventBusName = value(env, 'FINDINGS_EVENT_BUS');
  if (eventBusName !== undefined && !BUS_NAME.test(eventBusName))
    throw new ConfigError('FINDINGS_EVENT_BUS', 'an event bus name, e.g. default', eventBusName);
  const securityHub = value(env, 'SECURITY_HUB_IMPORT') ?? 'false';
  if (securityHub !== 'true' && securityHub !== 'false')
    throw new ConfigError('SECURITY_HUB_IMPORT', 'true or false', securityHub);
  return Object.freeze({
    ...(centralTopicArn ? { centralTopicArn } : {}),
    ...(centralBusArn ? { centralBusArn } : {}),
    ...(eventBusName ? { eventBusName } : {}),
    securityHub: securityHub === 'true' ? 'import' : 'off',
  });
}
