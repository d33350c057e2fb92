import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import { type FakeAws, startFakeAws } from '../support/fake-aws/index.js';
import { GuardProcess } from '../support/guard-process.js';

export interface Wire {
  fake: FakeAws;
  guard: GuardProcess;
  /** A second container of the same bundle (for delivery to several containers at once). */
  startContainer(): Promise<GuardProcess>;
}

/**
 * One loopback AWS endpoint per test file and the built bundle in a child process (a warm Lambda
 * container) pointed at it through AWS_ENDPOINT_URL. The fake is reset before each test.
 */
export function setUpWire(): Wire {
  const containers: GuardProcess[] = [];
  const wire: Wire = {
    startContainer: async () => {
      const container = await GuardProcess.start(inject('guardBundle'), wire.fake.env());
      containers.push(container);
      return container;
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
  const guard = await GuardProcess.start(inject('guardBundle'), fake.env());
  try {
    return await run({ fake, guard });
  } finally {
    await guard.close();
    await fake.close();
  }
}
