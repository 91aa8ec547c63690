// Vectors are shared with the core: one implementation and its convention live in
// electron/shared/math/ (README.md there). This module only re-exports them for the viewer.
export * from '../../../../electron/shared/math/vec3';
