import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignatureV4 } from '@smithy/signature-v4';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsJsonError, createJsonCaller, signRequest } from '../../functions/adapters/signed-json.js';

/** The SDK's Checksum interface over node:crypto (what @smithy/hash-node provides). */
class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | Uint8Array) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', secret);
  }
  update(data: string | Uint8Array) {
    this.hash.update(data);
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

// The signer is held to the AWS SDK's own Signature Version 4 implementation (@smithy/signature-v4,
// what every SDK client signs with) over arbitrary bodies, regions, credentials and times.
const sdkSign = async (
  url: URL,
  body: string,
  headers: Record<string, string>,
  creds: Record<string, string>,
  region: string,
  service: string,
  at: Date,
) => {
  const signer = new SignatureV4({
    credentials: creds as never,
    region,
    service,
    sha256: Sha256 as never,
  });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      path: url.pathname,
      headers,
      body,
      query: {},
    } as never,
    { signingDate: at },
  );
  return (signed as unknown as { headers: Record<string, string> }).headers.authorization;
};

describe('Signature Version 4', () => {
  it('signs exactly as the AWS SDK does', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 300 }),
        fc.constantFrom('eu-west-1', 'us-east-1', 'ap-southeast-2'),
        fc.constantFrom(
          { service: 'events' as const, target: 'AWSEvents.PutEvents', path: '/' },
          { service: 'securityhub' as const, target: undefined, path: '/findings/import' },
        ),
        fc.option(fc.stringMatching(/^[A-Za-z0-9+/=]{10,60}$/), { nil: undefined }),
        fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }),
        async (body, region, { service, target, path }, sessionToken, at) => {
          const url = new URL(path, `https://${service}.${region}.amazonaws.com`);
          const creds = {
            accessKeyId: 'AKIDEXAMPLE',
            secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
            ...(sessionToken ? { sessionToken } : {}),
          };
          const ours = signRequest(url, body, { service, region, ...(target ? { target } : {}) }, creds, at);
          const { authorization, ...signedHeaders } = ours;
          expect(authorization).toBe(await sdkSign(url, body, signedHeaders, creds, region, service, at));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('the JSON caller', () => {
  let url: string;
  let replies: [number, string][] = [];
  const seen: { headers: Record<string, string | string[] | undefined>; body: string; path?: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      seen.push({ headers: req.headers, body, ...(req.url ? { path: req.url } : {}) });
      const [status, text] = replies.shift() ?? [200, '{}'];
      res.writeHead(status, { 'content-type': 'application/json' }).end(text);
    });
  });
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  const caller = () =>
    createJsonCaller({
      credentials: async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }),
      endpointUrl: url,
      sleep: async () => {},
    });

  it('posts the signed JSON body and returns the parsed reply', async () => {
    seen.length = 0;
    replies = [[200, '{"FailedEntryCount":0}']];
    const out = await caller()({
      service: 'events',
      region: 'eu-west-1',
      path: '/',
      target: 'AWSEvents.PutEvents',
      body: { Entries: [] },
    });
    expect(out).toEqual({ FailedEntryCount: 0 });
    expect(seen[0]).toMatchObject({
      body: '{"Entries":[]}',
      headers: { 'x-amz-target': 'AWSEvents.PutEvents', 'content-type': 'application/x-amz-json-1.1' },
    });
    expect(String(seen[0]?.headers.authorization)).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/events\/aws4_request/,
    );
  });

  it.each([
    [429, '{"__type":"TooManyRequestsException","message":"slow"}'],
    [500, '{"__type":"InternalException","message":"oops"}'],
    [400, '{"__type":"ThrottlingException","message":"Rate exceeded"}'],
  ])('retries a %i reply and succeeds', async (status, text) => {
    seen.length = 0;
    replies = [
      [status, text],
      [200, '{"ok":true}'],
    ];
    await expect(
      caller()({ service: 'securityhub', region: 'eu-west-1', path: '/findings/import', body: {} }),
    ).resolves.toEqual({ ok: true });
    expect(seen.map((s) => s.path)).toEqual(['/findings/import', '/findings/import']);
  });

  it('does not retry an error a retry cannot fix, and names it', async () => {
    seen.length = 0;
    replies = [[403, '{"__type":"com.amazonaws#AccessDeniedException","message":"no"}']];
    const error = await caller()({
      service: 'securityhub',
      region: 'eu-west-1',
      path: '/findings/import',
      body: {},
    }).catch((e) => e);
    expect(error).toBeInstanceOf(AwsJsonError);
    expect(error).toMatchObject({
      code: 'AccessDeniedException',
      status: 403,
      message: 'AccessDeniedException: no',
    });
    expect(seen).toHaveLength(1);
  });

  it.each(['evil.example/x#', 'eu-west-1.evil.example', 'EU-WEST-1', '', `${'a'.repeat(64)}`])(
    'refuses the region %j before anything is signed or sent (it would become the host name)',
    async (region) => {
      seen.length = 0;
      const direct = createJsonCaller({
        credentials: async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }),
        sleep: async () => {},
      });
      await expect(
        direct({ service: 'ssm', region, path: '/', target: 'AmazonSSM.ListComplianceItems', body: {} }),
      ).rejects.toMatchObject({ code: 'InvalidRegion' });
      expect(seen).toHaveLength(0);
    },
  );

  it('gives up after five attempts', async () => {
    seen.length = 0;
    replies = Array.from({ length: 6 }, () => [503, '{"__type":"ServiceUnavailable"}'] as [number, string]);
    await expect(caller()({ service: 'events', region: 'eu-west-1', path: '/', body: {} })).rejects.toThrow(
      /ServiceUnavailable/,
    );
    expect(seen).toHaveLength(5);
  });
});
