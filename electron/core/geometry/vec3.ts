// Vectors are shared with the renderer: one implementation and its convention live in
// electron/shared/math/ (README.md there). This module only re-exports them for the core.
export * from '../../shared/math/vec3';
