/** Who did what, where and when: the part of a finding that names the attempt. */
export interface Actor {
  readonly arn?: string;
  readonly principalType?: string;
  readonly principalId?: string;
  readonly accountId?: string;
  readonly invokedBy?: string;
  readonly sessionIssuerArn?: string;
  readonly mfaAuthenticated?: boolean;
}

export type TriggerKind = 'cloudtrail' | 'emr-state' | 'schedule' | 'scan' | 'ssm-compliance';

export interface Trigger {
  readonly kind: TriggerKind;
  /** CloudTrail event name, `EMR Cluster State Change`, `Scheduled Event` or `scan`. */
  readonly eventName: string;
  /** CloudTrail eventID, else the EventBridge id: the key that makes finding ids stable. */
  readonly eventId: string;
  readonly eventTime: string;
  readonly account: string;
  readonly region: string;
  readonly actor?: Actor;
  readonly sourceIp?: string;
  readonly userAgent?: string;
}
