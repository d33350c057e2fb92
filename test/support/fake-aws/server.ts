/**
 * One loopback endpoint for EC2 + SNS (query protocol), EMR, SSM and EventBridge (JSON 1.1), DynamoDB
 * (JSON 1.0) and Security Hub (REST JSON). Point every SDK client
 * at it with `endpoint: fake.url` or `AWS_ENDPOINT_URL`. No SigV4 verification; the region (state is
 * per region) comes from the credential scope of the Authorization header.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsError, type HandlerContext, type Service } from './common.js';
import { DYNAMODB_TARGET_PREFIX, dynamoErrorBody, dynamoHandlers, JSON_10 } from './dynamodb.js';
import { EC2_VERSION, ec2ErrorBody, ec2Handlers, ec2Response } from './ec2.js';
import { EMR_TARGET_PREFIX, emrErrorBody, emrHandlers } from './emr.js';
import { type FaultKind, Faults } from './faults.js';
import {
  FakeOrganization,
  ORGANIZATIONS_TARGET_PREFIX,
  organizationsHandlers,
  STS_VERSION,
  stsHandlers,
  stsResponse,
} from './org.js';
import {
  EVENTS_TARGET_PREFIX,
  eventsHandlers,
  jsonErrorBody,
  SECURITY_HUB_IMPORT_PATH,
  securityHubHandlers,
} from './outputs.js';
import { SNS_VERSION, snsErrorBody, snsHandlers, snsResponse } from './sns.js';
import { SSM_TARGET_PREFIX, ssmHandlers } from './ssm.js';
import { DEFAULT_ACCOUNT, FakeAwsState } from './state.js';
import type { Params } from './xml.js';

export interface FakeAwsOptions {
  /** Region of the top-level seeding helpers and of unsigned requests. Default eu-west-1. */
  defaultRegion?: string;
  /** Owner of seeded groups and prefix lists. Default 123456789012. */
  accountId?: string;
  /** What DescribeRegions returns (changeable later via `state.regions`). */
  regions?: string[];
  /** Page size of list calls sent without MaxResults (real AWS returns everything). */
  defaultPageSize?: number;
  /** Port on 127.0.0.1; default 0, any free port (tests); `npm run fake-aws` listens on 4566. */
  port?: number;
}

export interface CallRecord {
  service: Service | 'unknown';
  action: string;
  region: string;
  /** Query parameters without Action/Version, or the JSON input. */
  params: Params | Record<string, unknown>;
  /** HTTP status sent; 0 for a reset, undefined while still pending (delay). */
  status?: number;
  /** The fault applied to this call, if any. */
  fault?: FaultKind['kind'];
  /** The member account whose assumed-role keys signed the call (organisation scan). */
  account?: string;
}

export interface FakeAws {
  url: string;
  state: FakeAwsState;
  /** Organizations and STS; calls signed with a member's assumed keys are served from its state. */
  org: FakeOrganization;
  faults: Faults;
  /** Every request received, faulted ones included, in arrival order. */
  calls: CallRecord[];
  /** Number of calls, optionally only of one action (and service). */
  count(action?: string, service?: Service): number;
  /** Environment for running the built Lambda against the fake in a child process. */
  env(): Record<string, string>;
  /** Clears state, faults and calls. */
  reset(): void;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  contentType: string;
  body: string;
}

const XML = 'text/xml;charset=UTF-8';
const JSON_11 = 'application/x-amz-json-1.1';

function faultError(service: Service | 'unknown', fault: FaultKind): AwsError | undefined {
  switch (fault.kind) {
    case 'throttle':
      if (service === 'organizations')
        return new AwsError(
          'TooManyRequestsException',
          "AWS Organizations can't complete your request because another request is already in progress. Try again later.",
          400,
        );
      if (service === 'ec2') return new AwsError('RequestLimitExceeded', 'Request limit exceeded.', 503);
      if (service === 'securityhub') return new AwsError('TooManyRequestsException', 'Rate exceeded', 429);
      if (service === 'dynamodb')
        return new AwsError('ThrottlingException', 'Rate of requests exceeds the allowed throughput.', 400);
      return service === 'emr' || service === 'events' || service === 'ssm'
        ? new AwsError('ThrottlingException', 'Rate exceeded', 400)
        : new AwsError('Throttling', 'Rate exceeded', 400);
    case 'server-error':
      if (service === 'dynamodb') return new AwsError('InternalServerError', 'Internal server error', 500);
      return service === 'emr' || service === 'ssm'
        ? new AwsError('InternalServerException', 'An internal error occurred.', 500)
        : new AwsError('InternalError', 'An internal error has occurred.', 500);
    case 'error':
      return new AwsError(fault.code, fault.message ?? `${fault.code} (fake-aws fault)`, fault.status ?? 400);
    default:
      return undefined;
  }
}

function errorReply(service: Service | 'unknown', e: AwsError, requestId: string): Reply {
  if (service === 'dynamodb') return { status: e.status, contentType: JSON_10, body: dynamoErrorBody(e) };
  if (service === 'emr' || service === 'organizations' || service === 'ssm')
    return { status: e.status, contentType: JSON_11, body: emrErrorBody(e.code, e.message) };
  if (service === 'events' || service === 'securityhub')
    return { status: e.status, contentType: JSON_11, body: jsonErrorBody(e.code, e.message) };
  if (service === 'ec2')
    return { status: e.status, contentType: XML, body: ec2ErrorBody(e.code, e.message, requestId) };
  return { status: e.status, contentType: XML, body: snsErrorBody(e.code, e.message, e.status, requestId) };
}

function dispatch(
  service: Service | 'unknown',
  action: string,
  params: CallRecord['params'],
  ctx: HandlerContext,
) {
  if (service === 'ec2') {
    const handler = ec2Handlers[action];
    if (!handler)
      throw new AwsError('InvalidAction', `The action ${action} is not valid for this web service.`);
    return {
      status: 200,
      contentType: XML,
      body: ec2Response(action, ctx.requestId, handler(params as Params, ctx)),
    };
  }
  if (service === 'sns') {
    const handler = snsHandlers[action];
    if (!handler) throw new AwsError('InvalidAction', `The action ${action} is not valid for this endpoint.`);
    return {
      status: 200,
      contentType: XML,
      body: snsResponse(action, ctx.requestId, handler(params as Params, ctx)),
    };
  }
  if (service === 'emr') {
    const handler = emrHandlers[action];
    if (!handler) throw new AwsError('UnknownOperationException', `Unknown operation ${action}`);
    return { status: 200, contentType: JSON_11, body: JSON.stringify(handler(params, ctx)) };
  }
  if (service === 'dynamodb') {
    const handler = dynamoHandlers[action];
    if (!handler)
      throw new AwsError('UnknownOperationException', `fake-aws DynamoDB does not implement ${action}`);
    return {
      status: 200,
      contentType: JSON_10,
      body: JSON.stringify(handler(params as Record<string, unknown>, ctx)),
    };
  }
  if (service === 'ssm') {
    const handler = ssmHandlers[action];
    if (!handler) throw new AwsError('UnknownOperationException', `Unknown operation ${action}`);
    return { status: 200, contentType: JSON_11, body: JSON.stringify(handler(params, ctx)) };
  }
  const json =
    service === 'events' ? eventsHandlers : service === 'securityhub' ? securityHubHandlers : undefined;
  if (json) {
    const handler = json[action];
    if (!handler) throw new AwsError('UnknownOperationException', `Unknown operation ${action}`);
    return {
      status: 200,
      contentType: JSON_11,
      body: JSON.stringify(handler(params as Record<string, unknown>, ctx)),
    };
  }
  if (service === 'organizations') {
    const handler = organizationsHandlers[action];
    if (!handler) throw new AwsError('UnknownOperationException', `Unknown operation ${action}`);
    return { status: 200, contentType: JSON_11, body: JSON.stringify(handler(params, ctx)) };
  }
  if (service === 'sts') {
    const handler = stsHandlers[action];
    if (!handler)
      throw new AwsError('InvalidAction', `Could not find operation ${action} for version ${STS_VERSION}`);
    return {
      status: 200,
      contentType: XML,
      body: stsResponse(action, ctx.requestId, handler(params as Params, ctx)),
    };
  }
  throw new AwsError('UnknownService', `fake-aws cannot route action '${action}'`);
}

/** Service, action and params of a request, from X-Amz-Target (JSON) or the form body (query). */
interface Routed {
  service: Service | 'unknown';
  action: string;
  params: CallRecord['params'];
  error?: AwsError;
}

function route(req: IncomingMessage, body: string, scopeService: string | undefined): Routed {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') {
    const service = target.startsWith(EMR_TARGET_PREFIX)
      ? 'emr'
      : target.startsWith(EVENTS_TARGET_PREFIX)
        ? 'events'
        : target.startsWith(ORGANIZATIONS_TARGET_PREFIX)
          ? 'organizations'
          : target.startsWith(SSM_TARGET_PREFIX)
            ? 'ssm'
            : target.startsWith(DYNAMODB_TARGET_PREFIX)
              ? 'dynamodb'
              : 'unknown';
    const action = target.slice(target.indexOf('.') + 1);
    try {
      return { service, action, params: (body ? JSON.parse(body) : {}) as Record<string, unknown> };
    } catch {
      return { service, action, params: {}, error: new AwsError('SerializationException', 'Malformed JSON') };
    }
  }
  // Security Hub speaks REST JSON: the operation is the path.
  if (req.method === 'POST' && req.url?.split('?')[0] === SECURITY_HUB_IMPORT_PATH) {
    try {
      return { service: 'securityhub', action: 'BatchImportFindings', params: JSON.parse(body || '{}') };
    } catch {
      return {
        service: 'securityhub',
        action: 'BatchImportFindings',
        params: {},
        error: new AwsError('InvalidInputException', 'Malformed JSON'),
      };
    }
  }
  const { Action = '', Version, ...params } = Object.fromEntries(new URLSearchParams(body));
  const byVersion: Service | undefined =
    Version === EC2_VERSION
      ? 'ec2'
      : Version === SNS_VERSION
        ? 'sns'
        : Version === STS_VERSION
          ? 'sts'
          : undefined;
  const byScope: Service | undefined =
    scopeService === 'ec2' || scopeService === 'sns' || scopeService === 'sts' ? scopeService : undefined;
  return { service: byVersion ?? byScope ?? 'unknown', action: Action, params };
}

export async function startFakeAws(opts: FakeAwsOptions = {}): Promise<FakeAws> {
  const state = new FakeAwsState(
    opts.defaultRegion ?? 'eu-west-1',
    opts.accountId ?? DEFAULT_ACCOUNT,
    opts.regions ?? ['eu-west-1', 'us-east-1', 'us-west-2'],
  );
  const faults = new Faults();
  const org = new FakeOrganization(state.accountId, state.defaultRegion);
  const calls: CallRecord[] = [];
  const sleepers = new Set<() => void>();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const requestId = randomUUID();
    const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(
      req.headers.authorization ?? '',
    );
    const member = org.memberOfKey(scope?.[1]);
    const region = scope?.[2] ?? state.defaultRegion;
    const routed = route(req, body, scope?.[3]);
    const call: CallRecord = {
      service: routed.service,
      action: routed.action,
      region,
      params: routed.params,
      ...(member ? { account: member.id } : {}),
    };
    calls.push(call);

    const fault = faults.take(routed.service, routed.action, region, member?.id);
    if (fault) call.fault = fault.kind;
    if (fault?.kind === 'reset') {
      call.status = 0;
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'delay') {
      await sleep(fault.ms);
      if (res.destroyed || req.socket.destroyed) return;
    }

    let reply: Reply;
    try {
      const injected = fault ? faultError(routed.service, fault) : undefined;
      if (injected) throw injected;
      if (routed.error) throw routed.error;
      const served = member?.aws ?? state;
      const ctx: HandlerContext = {
        state: served,
        region: served.region(region),
        org,
        requestId,
        defaultPageSize: opts.defaultPageSize ?? Number.MAX_SAFE_INTEGER,
      };
      reply = dispatch(routed.service, routed.action, routed.params, ctx);
    } catch (e) {
      const err =
        e instanceof AwsError ? e : new AwsError('InternalError', `fake-aws bug: ${String(e)}`, 500);
      reply = errorReply(routed.service, err, requestId);
    }
    call.status = reply.status;
    res.writeHead(reply.status, {
      'content-type': reply.contentType,
      'content-length': Buffer.byteLength(reply.body),
      'x-amzn-requestid': requestId,
    });
    res.end(reply.body);
  }

  const server = createServer((req, res) => {
    res.on('error', () => {});
    handle(req, res).catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    state,
    org,
    faults,
    calls,
    count: (action, service) =>
      calls.filter(
        (c) =>
          (action === undefined || c.action === action) && (service === undefined || c.service === service),
      ).length,
    env: () => ({
      AWS_ENDPOINT_URL: url,
      AWS_REGION: state.defaultRegion,
      AWS_ACCESS_KEY_ID: 'AKIDFAKEAWS',
      AWS_SECRET_ACCESS_KEY: 'fake-aws-secret',
    }),
    reset() {
      state.clear();
      org.clear();
      faults.clear();
      calls.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const wake of [...sleepers]) wake();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
