import { createHash, createHmac } from 'node:crypto';

export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface PostToSign {
  readonly url: URL;
  readonly body: string;
  readonly service: string;
  readonly region: string;
  readonly contentType: string;
  /** `X-Amz-Target` of JSON protocols that name the operation in a header. */
  readonly target?: string;
  /** Send and sign `x-amz-content-sha256` too (optional for these services; the outputs send it). */
  readonly payloadHashHeader: boolean;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();

/**
 * Signature Version 4 headers for one JSON POST (AWS docs: "Create a signed AWS API request"): the one
 * signer behind the few calls the functions make without an SDK client (the hub outputs and the
 * repeat counter), whose clients would add tens to hundreds of KB to every bundle. Tests hold it to
 * the SDK's own signer on random requests.
 */
export function signPost(
  post: PostToSign,
  credentials: SigningCredentials,
  at: Date,
): Record<string, string> {
  const amzDate = at.toISOString().replace(/[:-]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const payloadHash = sha256(post.body);
  const headers: Record<string, string> = {
    'content-type': post.contentType,
    host: post.url.host,
    ...(post.payloadHashHeader ? { 'x-amz-content-sha256': payloadHash } : {}),
    'x-amz-date': amzDate,
    ...(credentials.sessionToken ? { 'x-amz-security-token': credentials.sessionToken } : {}),
    ...(post.target ? { 'x-amz-target': post.target } : {}),
  };
  const names = Object.keys(headers).sort();
  const canonical = [
    'POST',
    post.url.pathname.split('/').map(encodeURIComponent).join('/') || '/',
    '',
    ...names.map((n) => `${n}:${headers[n]?.trim()}`),
    '',
    names.join(';'),
    payloadHash,
  ].join('\n');
  const scope = `${day}/${post.region}/${post.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = [post.region, post.service, 'aws4_request'].reduce(
    (k, part) => hmac(k, part),
    hmac(`AWS4${credentials.secretAccessKey}`, day),
  );
  const signature = createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}
