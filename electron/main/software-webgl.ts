// Reading rooms on VDI have no GPU. There Chromium composites the window in software (its default,
// and the cheaper path: composing on SwiftShader cost ~35 ms per scrolled frame of a 1600x1200
// window), and since Chromium 144 (Electron 40) it no longer falls back to SwiftShader for WebGL
// unless told to: without this switch the desktop app would have no WebGL2, so no MPR or 3D, on
// exactly those machines. The switch is "unsafe" for browsers that run any site's shaders; this
// window only ever loads the app's own bundled renderer (app:// protocol, CSP, navigation blocked:
// content-policy.ts), and a machine with a GPU keeps using it.

/** The switch that lets WebGL fall back to SwiftShader where there is no usable GPU. */
export const SOFTWARE_WEBGL_SWITCH = 'enable-unsafe-swiftshader';

/** Electron's `app.commandLine`, as far as this needs it. */
export interface CommandLineLike {
  appendSwitch(name: string, value?: string): void;
  hasSwitch(name: string): boolean;
}

/** Must run before the app is ready (Chromium reads its switches when the GPU process starts). */
export function allowSoftwareWebgl(commandLine: CommandLineLike): void {
  if (!commandLine.hasSwitch(SOFTWARE_WEBGL_SWITCH)) commandLine.appendSwitch(SOFTWARE_WEBGL_SWITCH);
}
