/** The AWS error code of an SDK v3 error (its `name`), or a stand-in for network failures. */
export function errorCode(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { name?: unknown; Code?: unknown; code?: unknown };
    for (const candidate of [e.Code, e.name, e.code])
      if (typeof candidate === 'string' && candidate !== 'Error') return candidate;
  }
  return 'UnknownError';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function isCode(error: unknown, ...codes: string[]): boolean {
  return codes.includes(errorCode(error));
}
