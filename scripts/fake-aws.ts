/**
 * `npm run fake-aws`: the loopback AWS fake the wire-level tests use (test/support/fake-aws/), on
 * 127.0.0.1:4566, so the built bundle can be run by hand with no AWS account. It holds the group and
 * rules each `--seed` sample event names (default: events/authorize-world-ipv4-ssh.json), prints the
 * environment to point the SDK at it, then one line per AWS call and per published finding, until
 * Ctrl-C.
 *
 *   npm run fake-aws -- [--port 4566] [--seed events/NAME.json ...]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startFakeAws } from '../test/support/fake-aws/index.js';
import { seedFromEvent } from '../test/support/seed-from-event.js';
import { ROOT } from './bundle.js';

export const DEFAULT_SEED = 'events/authorize-world-ipv4-ssh.json';
export const TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:findings';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '4566' }, seed: { type: 'string', multiple: true } },
});
const fake = await startFakeAws({ port: Number(values.port) });
const seeds = values.seed ?? [DEFAULT_SEED];
for (const seed of seeds) seedFromEvent(fake.state, JSON.parse(readFileSync(join(ROOT, seed), 'utf8')));

const env = { ...fake.env(), TOPIC_ARN, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
process.stdout.write(
  [
    `fake AWS (EC2, SNS, EMR) listening on ${fake.url}, seeded from ${seeds.join(', ')}`,
    'point a shell at it with:',
    ...Object.entries(env).map(([k, v]) => `  export ${k}=${v}`),
    '',
  ].join('\n'),
);

let shownCalls = 0;
let shownPublishes = 0;
const timer = setInterval(() => {
  for (const call of fake.calls.slice(shownCalls)) {
    process.stdout.write(
      `call ${call.service} ${call.action} ${call.region} -> ${call.status ?? 'pending'}\n`,
    );
  }
  shownCalls = fake.calls.length;
  for (const message of fake.state.published.slice(shownPublishes)) {
    process.stdout.write(`published ${message.Subject ?? '(no subject)'}\n`);
  }
  shownPublishes = fake.state.published.length;
}, 100);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    clearInterval(timer);
    await fake.close();
    process.exit(0);
  });
}
