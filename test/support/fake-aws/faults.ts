/** Switchable faults: per action/service/region, for every call or for the next N calls. */
import type { Service } from './common.js';

export type FaultKind =
  /** EC2: 503 RequestLimitExceeded; SNS: 400 Throttling; EMR: 400 ThrottlingException. */
  | { kind: 'throttle' }
  /** 500 InternalError (EMR: InternalServerException). */
  | { kind: 'server-error' }
  /** Destroy the socket without any response. */
  | { kind: 'reset' }
  /** Wait `ms`, then answer normally. */
  | { kind: 'delay'; ms: number }
  /** Any AWS error, e.g. `{ code: 'UnauthorizedOperation', status: 403 }`. */
  | { kind: 'error'; code: string; status?: number; message?: string };

export interface FaultTarget {
  /** Only these actions (e.g. 'RevokeSecurityGroupIngress'); all when absent. */
  action?: string | string[];
  service?: Service;
  region?: string;
  /** Only calls signed with this member account's assumed-role keys (the organisation scan). */
  account?: string;
  /** Apply to the next N matching calls, then clear itself; forever when absent. */
  times?: number;
}

export type Fault = FaultKind & FaultTarget;

export interface FaultHandle {
  /** Matching calls that this fault has hit so far. */
  readonly hits: number;
  remove(): void;
}

interface Active {
  fault: Fault;
  hits: number;
}

export class Faults {
  private active: Active[] = [];

  /** Adds a fault; the first added fault that matches a call wins. */
  add(fault: Fault): FaultHandle {
    const entry: Active = { fault, hits: 0 };
    this.active.push(entry);
    return {
      get hits() {
        return entry.hits;
      },
      remove: () => {
        this.active = this.active.filter((a) => a !== entry);
      },
    };
  }

  clear(): void {
    this.active = [];
  }

  /** Faults still armed. */
  get list(): Fault[] {
    return this.active.map((a) => a.fault);
  }

  /** Finds the fault for a call and uses up one of its `times`. */
  take(
    service: Service | 'unknown',
    action: string,
    region: string,
    account?: string,
  ): FaultKind | undefined {
    const entry = this.active.find(({ fault: f }) => {
      const actions = f.action === undefined ? undefined : [f.action].flat();
      return (
        (actions === undefined || actions.includes(action)) &&
        (f.service === undefined || f.service === service) &&
        (f.region === undefined || f.region === region) &&
        (f.account === undefined || f.account === account)
      );
    });
    if (!entry) return undefined;
    entry.hits += 1;
    if (entry.fault.times !== undefined && entry.hits >= entry.fault.times) {
      this.active = this.active.filter((a) => a !== entry);
    }
    return entry.fault;
  }
}
