import { PacsError } from './pacs-errors';

/**
 * The node's root as a URL (http or https only, no credentials in it), and `resolveOnNode` which
 * builds request URLs under that root and refuses any URL that would leave it: no request ever
 * goes anywhere but the configured node.
 */
export function parseNodeRoot(url: string): URL {
  let root: URL;
  try {
    root = new URL(url);
  } catch {
    throw new PacsError('BAD_URL', `not a URL: ${url}`);
  }
  if (root.protocol !== 'http:' && root.protocol !== 'https:') throw new PacsError('BAD_URL', `DICOMweb needs http or https, not ${root.protocol}`);
  if (root.username || root.password) throw new PacsError('BAD_URL', 'put credentials in the node auth, not in the URL');
  root.search = '';
  root.hash = '';
  if (!root.pathname.endsWith('/')) root.pathname += '/';
  return root;
}

export function resolveOnNode(root: URL, path: string, query: Record<string, string | string[] | undefined> = {}): URL {
  if (/^[a-z][a-z0-9+.-]*:|^\/\/|(^|\/)\.\.(\/|$)/i.test(path)) throw new PacsError('OFF_NODE', `path ${path} leaves the node`);
  const url = new URL(path.replace(/^\/+/, ''), root);
  assertOnNode(root, url);
  for (const [k, v] of Object.entries(query)) for (const one of Array.isArray(v) ? v : [v]) if (one !== undefined && one !== '') url.searchParams.append(k, one);
  return url;
}

export function assertOnNode(root: URL, url: URL): void {
  if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) throw new PacsError('OFF_NODE', `${url.origin}${url.pathname} is not under the node ${root.href}`);
}
