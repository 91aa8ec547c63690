/**
 * Decoding of text a client controls (cookies, URL paths). decodeURIComponent throws URIError on malformed
 * escapes such as `%E0%A4%A`; inside a request listener that would end the process, so every decode of
 * client text goes through here and a bad escape is just "no value".
 */
export function decodeClientText(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** Where a failed request was going, for logs: the route family only, never the path (it may name a patient folder). */
export function routeFamily(pathname: string): string {
  if (pathname.startsWith('/api/call/')) return 'api-call';
  if (pathname.startsWith('/api/upload/')) return 'upload';
  if (pathname === '/api/events') return 'events';
  if (pathname.startsWith('/api/')) return 'api-other';
  return 'static';
}

/** What a log line may say about an error: its class and code, not its message (messages carry file paths and names). */
export function errorKind(e: unknown): { errorName: string; errorCode?: string } {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return { errorName: e.name, ...(typeof code === 'string' ? { errorCode: code } : {}) };
  }
  return { errorName: typeof e };
}
