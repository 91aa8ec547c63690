/**
 * Whether this browser can create a WebGL2 context (vtk.js needs it). The probe context is
 * released at once (WEBGL_lose_context) so it does not count against Chromium's ~16-context cap.
 */
export function detectWebGl2(doc: Document = document): { ok: true } | { ok: false; reason: string } {
  try {
    const canvas = doc.createElement('canvas');
    const gl = canvas.getContext('webgl2');
    if (!gl) return { ok: false, reason: 'WebGL2 is not available (no GPU acceleration, or it is disabled or blocklisted).' };
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: `WebGL2 could not be initialised: ${e instanceof Error ? e.message : String(e)}` };
  }
}
