/**
 * The ONLY module that imports vtk.js rendering profiles (they register the OpenGL/WebGPU
 * implementations of the scene objects as side effects). Everything that renders imports this.
 */
import '@kitware/vtk.js/Rendering/Profiles/Geometry';
import '@kitware/vtk.js/Rendering/Profiles/Volume';

export const VTK_RENDERING_PROFILES = ['Geometry', 'Volume'] as const;
