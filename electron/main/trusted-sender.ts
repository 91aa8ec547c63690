/** The renderer's origin under the custom protocol registered in app-protocol.ts. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'radground';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export interface SenderFrameLike {
  url: string;
  /** null for a top-level (main) frame. */
  parent: unknown | null;
}

/**
 * IPC is answered only for the main frame of our own renderer: never for iframes, never for a page
 * that navigated elsewhere (navigation is blocked too, this is the second line).
 */
export function isTrustedSender(frame: SenderFrameLike | null | undefined): boolean {
  if (!frame || frame.parent !== null) return false;
  try {
    const url = new URL(frame.url);
    return `${url.protocol}//${url.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}
