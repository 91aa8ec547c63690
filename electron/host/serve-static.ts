import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../shared/security/content-security-policy';
import { decodeClientText } from './client-text';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
};

/**
 * Serves the built renderer; any path that escapes `root` or does not exist falls back to index.html or 404.
 * A path with a malformed %-escape is 400.
 */
export function serveStatic(root: string, urlPath: string, res: ServerResponse): void {
  const decoded = decodeClientText(urlPath);
  if (decoded === null || decoded.includes('\0')) {
    res.writeHead(400, { 'content-type': 'text/plain' }).end('bad path');
    return;
  }
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  const candidate = join(root, relative);
  if (candidate !== root && !candidate.startsWith(root + sep)) {
    res.writeHead(404).end();
    return;
  }
  const file = isFile(candidate) ? candidate : extname(relative) === '' ? join(root, 'index.html') : null;
  if (!file || !isFile(file)) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(200, {
    'content-type': MIME_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  // A file that vanishes or fails mid-read ends this response only (an unhandled stream error would end the process).
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
