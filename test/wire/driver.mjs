// Runs the built Lambda bundle the way a Lambda container does: one cold import, then invocations
// of the exported handler. It is plain JavaScript on purpose: it must not be transpiled with the
// bundle, and only `node` runs it.
//
//   node driver.mjs <bundle.mjs>
//   stdin:  JSON lines {"id": ..., "event": ..., "context"?: ...}; each starts an invocation at once,
//           so lines sent together run concurrently (Promise.all semantics). Like Lambda, every
//           invocation gets a context; without one in the line, the function's own in account
//           $WIRE_ACCOUNT_ID (123456789012, the samples' account, by default)
//   fd 3:   JSON lines {"ready": true, "importMs": ...} once, then {"id", "ok", "result"|"error", "ms"}
//   stdout, stderr: whatever the bundle logs (Powertools), kept apart from the protocol
import { createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

const out = createWriteStream('', { fd: 3 });
const send = (message) => out.write(`${JSON.stringify(message)}\n`);

/** Name, message and cause chain of whatever the handler threw. */
function describeError(error) {
  if (!(error instanceof Error)) return { name: typeof error, message: String(error) };
  return {
    name: error.name,
    message: error.message,
    ...(error.cause === undefined ? {} : { cause: describeError(error.cause) }),
  };
}

const account = process.env.WIRE_ACCOUNT_ID ?? '123456789012';
const lambdaContext = (id) => ({
  functionName: 'ssh-ingress-guard-wire',
  invokedFunctionArn: `arn:aws:lambda:eu-west-1:${account}:function:ssh-ingress-guard-wire`,
  awsRequestId: `wire-${id}`,
});

async function invoke(handler, id, event, context) {
  const started = performance.now();
  try {
    const result = await handler(event, context ?? lambdaContext(id));
    send({ id, ok: true, result, ms: performance.now() - started });
  } catch (error) {
    send({ id, ok: false, error: describeError(error), ms: performance.now() - started });
  }
}

const started = performance.now();
const { handler } = await import(pathToFileURL(process.argv[2]).href);
send({ ready: true, importMs: performance.now() - started });

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === '') return;
  const { id, event, context } = JSON.parse(line);
  void invoke(handler, id, event, context);
});
