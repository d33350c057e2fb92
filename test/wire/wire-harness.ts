import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import { type FakeAws, startFakeAws } from '../support/fake-aws/index.js';
import { GuardProcess } from '../support/guard-process.js';

/** The built handler module of a serverless.yml function (guard, emrGuard), from the global setup. */
export function bundleOf(name: string): string {
  const file = inject('bundles')[name];
  if (!file) throw new Error(`no bundle built for function ${name}`);
  return file;
}

export interface Wire {
  fake: FakeAws;
  /** A warm container of the guard function, started once per file. */
  guard: GuardProcess;
  /** Another container of a function (guard by default), e.g. for delivery to several at once. */
  startContainer(name?: string): Promise<GuardProcess>;
  /** A warm container of the named function, started on first use and kept for the file. */
  containerOf(name: string): Promise<GuardProcess>;
}

/**
 * One loopback AWS endpoint per test file and the built bundle in a child process (a warm Lambda
 * container) pointed at it through AWS_ENDPOINT_URL. The fake is reset before each test.
 */
export function setUpWire(): Wire {
  const containers: GuardProcess[] = [];
  const warm = new Map<string, Promise<GuardProcess>>();
  const wire: Wire = {
    startContainer: async (name = 'guard') => {
      const container = await GuardProcess.start(bundleOf(name), wire.fake.env());
      containers.push(container);
      return container;
    },
    containerOf: (name) => {
      if (name === 'guard') return Promise.resolve(wire.guard);
      if (!warm.has(name)) warm.set(name, wire.startContainer(name));
      return warm.get(name) as Promise<GuardProcess>;
    },
  } as Wire;
  beforeAll(async () => {
    wire.fake = await startFakeAws();
    wire.guard = await wire.startContainer();
  });
  beforeEach(() => wire.fake.reset());
  afterAll(async () => {
    await Promise.all(containers.map((c) => c.close()));
    await wire.fake.close();
  });
  return wire;
}

/**
 * A fake endpoint and a cold container of the bundle for one test alone, so that slow fault tests
 * (SDK back-off, timeouts) can run concurrently (`describe.concurrent`) instead of one after another.
 */
export async function withOwnWire<T>(run: (wire: Pick<Wire, 'fake' | 'guard'>) => Promise<T>): Promise<T> {
  const fake = await startFakeAws();
  const guard = await GuardProcess.start(bundleOf('guard'), fake.env());
  try {
    return await run({ fake, guard });
  } finally {
    await guard.close();
    await fake.close();
  }
}
