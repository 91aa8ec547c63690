/**
 * A PACS node: its DICOMweb root and how to authenticate. Secrets (password, token) are read from a
 * SecretStore when a request is made, never kept in settings files.
 */
export type PacsAuth = { kind: 'none' } | { kind: 'basic'; username: string; password: string } | { kind: 'bearer'; token: string };

export interface PacsNode {
  /** The DICOMweb root, e.g. https://pacs.example.org/dicom-web (no trailing slash needed). */
  url: string;
  auth: PacsAuth;
  /** Extra CA certificates (PEM) for https nodes with a private CA. */
  ca?: string;
}

/** The Authorization header value for a node, or null. */
export function authorizationHeader(auth: PacsAuth): string | null {
  if (auth.kind === 'basic') return `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
  if (auth.kind === 'bearer') return `Bearer ${auth.token}`;
  return null;
}
