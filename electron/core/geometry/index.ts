export * from './vec3';
export * from './mat3';
export * from './index-world';
