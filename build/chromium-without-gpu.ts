// Chromium as the app runs in a reading room without a GPU (VDI): WebGL2 through SwiftShader, the
// window composited in software, which is Chromium's own choice there (the desktop app adds only the
// switch that allows SwiftShader for WebGL: electron/main/software-webgl.ts). `--disable-gpu` makes a
// machine that has a GPU behave the same, so figures compare across machines.
// Not `--use-angle=swiftshader`: that also composites the window on SwiftShader, a configuration no
// GPU-less machine gets by default, and ~35 ms per scrolled frame slower at 1600x1200.
export const CHROMIUM_WITHOUT_GPU_ARGS = ['--disable-gpu', '--enable-unsafe-swiftshader'] as const;
