import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignatureV4 } from '@smithy/signature-v4';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  callDynamo,
  DynamoError,
  type DynamoTarget,
  dynamoTargetFromEnv,
  signRequest,
} from '../../functions/adapters/dynamodb-json.js';

/** node:crypto behind the Checksum interface the SDK signer expects (keyed: an HMAC). */
class NodeSha256 {
  private readonly hash: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret ? createHmac('sha256', bytesOf(secret)) : createHash('sha256');
  }
  update(data: string | ArrayBuffer | ArrayBufferView) {
    this.hash.update(bytesOf(data));
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
  reset() {}
}

function bytesOf(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

const CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE',
};

describe('flip-flop with infrastructure as code: the signed DynamoDB call', () => {
  it('signs exactly as the AWS SDK signer does', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 200 }),
        fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
        fc.constantFrom('eu-west-1', 'us-east-1', 'ap-southeast-2'),
        fc.boolean(),
        async (body, at, region, withToken) => {
          const { sessionToken, ...keys } = CREDENTIALS;
          const credentials = withToken ? CREDENTIALS : keys;
          const target: DynamoTarget = {
            region,
            endpoint: `https://dynamodb.${region}.amazonaws.com`,
            credentials: () => credentials,
          };
          const ours = signRequest(target, 'UpdateItem', body, at);
          const { authorization, ...headers } = ours;
          const sdk = await new SignatureV4({
            service: 'dynamodb',
            region,
            credentials,
            applyChecksum: false,
            sha256: NodeSha256,
          }).sign(
            {
              method: 'POST',
              protocol: 'https:',
              hostname: headers.host as string,
              path: '/',
              query: {},
              headers,
              body,
            },
            { signingDate: at },
          );
          expect(authorization).toBe(sdk.headers.authorization);
        },
      ),
      { numRuns: 50 },
    );
  });

  describe('against a loopback endpoint', () => {
    let server: Server;
    let answers: [number, unknown][] = [];
    let requests: { headers: IncomingMessage['headers']; body: string }[] = [];
    let target: DynamoTarget;
    beforeAll(async () => {
      server = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk) => {
          body += chunk;
        });
        req.on('end', () => {
          requests.push({ headers: req.headers, body });
          const [status, json] =
            answers.length > 1 ? (answers.shift() as [number, unknown]) : (answers[0] ?? [200, {}]);
          res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify(json));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      target = dynamoTargetFromEnv({
        AWS_REGION: 'eu-west-1',
        AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
        AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
        AWS_SESSION_TOKEN: CREDENTIALS.sessionToken,
      });
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
    beforeEach(() => {
      answers = [];
      requests = [];
    });

    it('posts the JSON input with the DynamoDB target, the session token and a signature, and answers its JSON', async () => {
      answers.push([200, { Attributes: { count: { N: '1' } } }]);
      const input = { TableName: 't', Key: { pk: { S: 'k' } } };
      expect(await callDynamo(target, 'UpdateItem', input)).toEqual({ Attributes: { count: { N: '1' } } });
      expect(requests).toHaveLength(1);
      expect(JSON.parse(requests[0]?.body ?? '')).toEqual(input);
      expect(requests[0]?.headers).toMatchObject({
        'x-amz-target': 'DynamoDB_20120810.UpdateItem',
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-security-token': CREDENTIALS.sessionToken,
        authorization: expect.stringMatching(
          /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/dynamodb\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=[0-9a-f]{64}$/,
        ),
      });
    });

    it('turns a failed condition into an error carrying the stored item, without retrying', async () => {
      answers.push([
        400,
        {
          __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
          message: 'The conditional request failed',
          Item: { count: { N: '3' } },
        },
      ]);
      const error = await callDynamo(target, 'UpdateItem', {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DynamoError);
      expect(error).toMatchObject({
        name: 'ConditionalCheckFailedException',
        status: 400,
        item: { count: { N: '3' } },
      });
      expect(requests).toHaveLength(1);
    });

    it.each([
      ['throttling', 400, 'com.amazonaws.dynamodb.v20120810#ThrottlingException'],
      ['a server error', 500, 'com.amazonaws.dynamodb.v20120810#InternalServerError'],
    ])('retries %s and then succeeds', async (_name, status, type) => {
      answers.push([status, { __type: type, message: 'slow down' }], [200, {}]);
      expect(await callDynamo(target, 'UpdateItem', {})).toEqual({});
      expect(requests).toHaveLength(2);
    });

    it('gives up after three attempts', async () => {
      answers.push([500, { __type: 'InternalServerError', message: 'down' }]);
      await expect(callDynamo(target, 'UpdateItem', {})).rejects.toMatchObject({
        name: 'InternalServerError',
      });
      expect(requests).toHaveLength(3);
    });
  });

  it('refuses to sign without credentials in the environment', () => {
    expect(() => dynamoTargetFromEnv({ AWS_REGION: 'eu-west-1' }).credentials()).toThrow(
      'no AWS credentials',
    );
  });
});
