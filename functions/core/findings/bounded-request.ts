/**
 * A recorded request, as a message may carry it: whole when it is shallow and small enough to leave
 * the message well inside SNS's 256 KiB, otherwise a line saying why it was left out. The depth is
 * measured without recursion, so no nesting, however deep, can overflow the stack.
 */
export const REQUEST_LIMITS = { depth: 32, bytes: 32 * 1024 } as const;

export function boundedRequest(request: unknown): unknown {
  if (nestsDeeperThan(request, REQUEST_LIMITS.depth))
    return `left out: requestParameters nest deeper than ${REQUEST_LIMITS.depth} levels (see the CloudTrail record)`;
  const size = JSON.stringify(request ?? null).length;
  if (size > REQUEST_LIMITS.bytes)
    return `left out: requestParameters are ${size} bytes, over ${REQUEST_LIMITS.bytes} (see the CloudTrail record)`;
  return request;
}

function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= maxDepth) return true;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return false;
}
