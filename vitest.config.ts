import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Packages serverless.yml once per run for test/infra and test/wire (a few seconds), and builds
    // the Lambda bundles for the wire-level tests (test/wire/).
    globalSetup: ['test/support/package-stack.global.ts', 'test/support/global-setup.ts'],
    env: {
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_ACCESS_KEY_ID: 'AKIDTESTTESTTEST',
      AWS_SECRET_ACCESS_KEY: 'test-secret',
      AWS_REGION: 'eu-west-1',
    },
    testTimeout: 20_000,
    // Wire fault tests (describe.concurrent) mostly wait on SDK back-off: let them all wait at once.
    maxConcurrency: 16,
    pool: 'forks',
    // Vitest's default (CPUs - 1) is one worker on a 2-core CI machine, so the wire tests' waiting on
    // SDK back-off and timeouts would add up; a second worker overlaps it with CPU-bound files.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
