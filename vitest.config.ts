import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Packages serverless.yml once per run for test/infra (a few seconds).
    globalSetup: ['test/support/package-stack.global.ts'],
    env: {
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_ACCESS_KEY_ID: 'AKIDTESTTESTTEST',
      AWS_SECRET_ACCESS_KEY: 'test-secret',
      AWS_REGION: 'eu-west-1',
    },
    testTimeout: 20_000,
    pool: 'forks',
  },
});
