import { extname, join, normalize, sep } from 'node:path';
import { APP_HOST } from './trusted-sender';

/**
 * Maps an app://radground/... URL to a file inside the built renderer, or null when the URL is
 * for another host or escapes the folder. Paths without an extension are routes: index.html.
 */
export function resolveAppUrlToFile(requestUrl: string, rendererDir: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.host !== APP_HOST) return null;
  const relative = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
  const target = extname(relative) === '' ? join(rendererDir, 'index.html') : join(rendererDir, relative);
  if (target !== rendererDir && !target.startsWith(rendererDir + sep)) return null;
  return target;
}
