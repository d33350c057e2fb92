import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { HandlerResult } from '../../functions/handlers/result.js';

export const DRIVER = join(import.meta.dirname, '../wire/driver.mjs');
export const TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:findings';

export interface ErrorInfo {
  readonly name: string;
  readonly message: string;
  readonly cause?: ErrorInfo;
}

export type Invocation =
  | { readonly ok: true; readonly result: HandlerResult; readonly ms: number }
  | { readonly ok: false; readonly error: ErrorInfo; readonly ms: number };

type Reply = Invocation & { id: number };

/**
 * The built bundle in a child process, like one Lambda container: imported once (cold start), then
 * invoked many times, concurrently when asked. Its environment is built from scratch, so no AWS
 * credential or profile of the machine can reach it: it only ever talks to the given endpoint.
 */
export class GuardProcess {
  private readonly pending = new Map<number, (reply: Invocation) => void>();
  private nextId = 0;
  /** Lines the bundle logged (Powertools JSON) on stdout and stderr. */
  readonly logs: string[] = [];

  private constructor(
    private readonly child: ChildProcess,
    readonly importMs: number,
    replies: AsyncIterable<string>,
  ) {
    void this.route(replies);
  }

  static async start(bundle: string, env: Record<string, string>): Promise<GuardProcess> {
    const child = spawn(process.execPath, [DRIVER, bundle], {
      env: {
        TOPIC_ARN,
        POWERTOOLS_LOG_LEVEL: 'WARN',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        AWS_EC2_METADATA_DISABLED: 'true',
        ...env,
      },
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    });
    const stderr: string[] = [];
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    const replies = createInterface({ input: child.stdio[3] as Readable })[Symbol.asyncIterator]();
    const first = await replies.next();
    if (first.done) {
      await new Promise((resolve) => child.once('exit', resolve));
      throw new Error(`the bundle failed to start (exit ${child.exitCode}):\n${stderr.join('')}`);
    }
    const ready = JSON.parse(first.value) as { importMs: number };
    const guard = new GuardProcess(child, ready.importMs, { [Symbol.asyncIterator]: () => replies });
    // Powertools writes debug/info to stdout and warn/error to stderr, like console in Lambda.
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream as Readable }).on('line', (line) => guard.logs.push(line));
    }
    return guard;
  }

  private async route(replies: AsyncIterable<string>): Promise<void> {
    for await (const line of replies) {
      const { id, ...reply } = JSON.parse(line) as Reply;
      this.pending.get(id)?.(reply as Invocation);
      this.pending.delete(id);
    }
  }

  /** One invocation of `handler(event)`. */
  invoke(event: unknown): Promise<Invocation> {
    const id = this.nextId++;
    const reply = new Promise<Invocation>((resolve) => this.pending.set(id, resolve));
    this.child.stdin?.write(`${JSON.stringify({ id, event })}\n`);
    return reply;
  }

  /** All events sent at once, so the invocations run concurrently. */
  invokeAll(events: readonly unknown[]): Promise<Invocation[]> {
    return Promise.all(events.map((event) => this.invoke(event)));
  }

  /** Log lines parsed as JSON (Powertools writes one object per line). */
  logRecords(): Record<string, unknown>[] {
    return this.logs.flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill();
    await exited;
  }
}

/** The result of an invocation that must have succeeded (fails loudly with the error otherwise). */
export function resultOf(invocation: Invocation): HandlerResult {
  if (!invocation.ok) throw new Error(`handler threw ${invocation.error.name}: ${invocation.error.message}`);
  return invocation.result;
}
