// Index <-> world is shared with the renderer: one implementation and its convention live in
// electron/shared/geometry/ (README.md there). This module only re-exports them for the core.
export * from '../../shared/geometry/grid';
export { lpsToRas, rasToLps } from '../../shared/geometry/patient-axes';
