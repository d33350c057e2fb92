import type { PostureSummary } from '../model/host-posture.js';
import type { Actor, TriggerKind } from '../model/trigger.js';
import type { Severity } from '../policy/checks/check.js';
import type { SourceClass } from '../policy/classify-source.js';
import type { ActionTaken, ErrorInfo, FindingChange } from '../remediation/outcome.js';
import type { CallerTool } from './caller-tool.js';

export type { ActionTaken, ErrorInfo, FindingChange } from '../remediation/outcome.js';

/**
 * The finding document published to SNS (docs/findings.md). Its JSON Schema is `finding.schema.json` beside
 * this file; a test validates every published document against it. Bump SCHEMA_VERSION on any
 * incompatible change.
 */
export const SCHEMA_VERSION = '1.0';

export interface FindingResource {
  readonly type:
    | 'security-group-rule'
    | 'security-group'
    | 'emr-cluster'
    | 'event'
    | 'region'
    | 'account'
    | 'instance';
  /** An instance finding: the EC2 instance (or SSM managed instance) whose SSH daemon was checked. */
  readonly instanceId?: string;
  readonly groupId?: string;
  readonly groupName?: string;
  readonly vpcId?: string;
  readonly ruleId?: string;
  readonly protocol?: string;
  readonly ports?: { readonly from: number; readonly to: number };
  readonly source?: string;
  readonly sourceClass?: SourceClass;
  readonly description?: string;
  readonly emr?: {
    readonly clusterId: string;
    readonly clusterName?: string;
    readonly role?: string;
    readonly state?: string;
    readonly blockPublicAccess?: string;
  };
  /** A security group finding: instances that use the group and their SSH posture, when known. */
  readonly instances?: readonly ExposedInstance[];
  /** More instances use the group than a finding lists. */
  readonly instancesTruncated?: boolean;
  /** Check-specific facts (aggregate exposure sizes, Block Public Access ranges...). */
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface ExposedInstance {
  readonly instanceId: string;
  readonly name?: string;
  readonly state?: string;
  readonly publicIp?: string;
  readonly sshPosture: PostureSummary;
  /** The compliance item ids that failed on the host's last report. */
  readonly failing?: readonly string[];
  readonly assessedAt?: string;
  readonly instanceConnect?: boolean;
}

export interface FindingAction {
  readonly type: ActionTaken;
  readonly mode: string;
  readonly error?: ErrorInfo;
  /** Anything the reader must know about what was done: a fallback, an expired exemption. */
  readonly note?: string;
  /** The EC2 calls made for this finding, in order (narrow and replace modes). */
  readonly changes?: readonly FindingChange[];
  readonly exemption?: {
    readonly status: 'active' | 'expired';
    /** `configuration` (the security team's EXEMPTIONS) or `tag` (requester-controlled). */
    readonly origin: 'configuration' | 'tag';
    readonly reason: string;
    /** Configured exemptions always have one; tag exemptions never do. */
    readonly expires?: string;
    readonly approvedBy?: string;
    readonly cidr?: string;
  };
}

export interface FindingTrigger {
  readonly kind: TriggerKind;
  readonly eventName: string;
  readonly eventId: string;
  readonly eventTime: string;
  readonly actorArn?: string;
  readonly principalType?: string;
  readonly principalId?: string;
  readonly sourceIp?: string;
  readonly userAgent?: string;
  readonly invokedBy?: string;
  /** The infrastructure-as-code tool that made the call, and the stack that owns the group when known. */
  readonly tool?: CallerTool & { readonly stack?: StackRef };
  readonly actor?: Actor;
}

/** A CloudFormation stack, from the group's `aws:cloudformation:*` tags. */
export interface StackRef {
  readonly name?: string;
  readonly id?: string;
  readonly logicalId?: string;
}

export interface Finding {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly findingId: string;
  readonly checkId: string;
  readonly severity: Severity;
  readonly title: string;
  readonly summary: string;
  readonly account: string;
  readonly region: string;
  readonly observedAt: string;
  readonly resource: FindingResource;
  readonly trigger: FindingTrigger;
  readonly action: FindingAction;
  readonly guidance: string;
  readonly consoleUrl?: string;
}

/** The SNS message body: every finding of one handled event (one part unless it had to be chunked). */
export interface FindingMessage {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly product: 'ssh-ingress-guard';
  readonly part: { readonly index: number; readonly count: number };
  readonly findings: readonly Finding[];
}
