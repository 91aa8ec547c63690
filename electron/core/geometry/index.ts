export * from './vec3';
export * from './mat3';
