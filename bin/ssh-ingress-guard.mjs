#!/usr/bin/env node
// The scan CLI runs the TypeScript sources through tsx (a dependency), so it needs no build step.
import { register } from 'tsx/esm/api';

// The CLI supports Node 20 (package.json engines); the SDK's notice about it is noise on a terminal.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
try {
  const { main } = await import('../functions/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  });
} catch (error) {
  process.stderr.write(`ssh-ingress-guard: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
