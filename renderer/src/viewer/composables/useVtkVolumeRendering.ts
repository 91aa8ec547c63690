import type vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
import vtkPiecewiseFunction from '@kitware/vtk.js/Common/DataModel/PiecewiseFunction';
import vtkColorTransferFunction from '@kitware/vtk.js/Rendering/Core/ColorTransferFunction';
import vtkVolume from '@kitware/vtk.js/Rendering/Core/Volume';
import vtkVolumeMapper from '@kitware/vtk.js/Rendering/Core/VolumeMapper';
import type vtkRenderer from '@kitware/vtk.js/Rendering/Core/Renderer';
import { shallowRef, watch, type Ref, type ShallowRef } from 'vue';
import { volumePreset, type VolumePresetId } from '../display/volume-presets';
import { PATIENT_DIRECTIONS } from '../../../../electron/shared/geometry/patient-axes';
import { cross, unit } from '../geometry/vec3';
import type { ViewportRect } from '../geometry/viewport-layout';
import type { Vec3 } from '../types';
import type { VtkRenderWindowContext } from './useVtkRenderWindow';
import { createViewRenderer, followViewport } from './viewer-renderer';

export interface VolumeRenderingInputs {
  image: Ref<vtkImageData | null>;
  /**
   * Every slice of the image is in. Until then the volume is not ray cast: with software WebGL a
   * 3D frame costs seconds, and drawing a half-loaded volume would hold up the 2D views' frames.
   */
  complete: Ref<boolean>;
  viewport: Ref<ViewportRect | null>;
  preset: Ref<VolumePresetId>;
  /** Changes when the reader resets the views (R). */
  resetGeneration: Ref<number>;
}

export interface VolumeRenderingControls {
  renderer: vtkRenderer;
  /** The camera's direction of projection and view-up (for the orientation labels). */
  cameraAxes: ShallowRef<{ directionOfProjection: Vec3; viewUp: Vec3 }>;
  rotate(dxPx: number, dyPx: number, viewportPx: { width: number; height: number }): void;
  zoom(factor: number): void;
  pan(dxPx: number, dyPx: number, viewportPx: { width: number; height: number }): void;
  resetCamera(): void;
}

/**
 * The 3D view: GPU ray casting (vtkVolumeMapper) of the shared image with the CT presets' color
 * and opacity functions, once the whole volume is in (an empty view until then). Camera starts in the anatomical (anterior) position: looking
 * posteriorly, head up, patient's left on screen right.
 */
export function useVtkVolumeRendering(ctx: VtkRenderWindowContext, inputs: VolumeRenderingInputs): VolumeRenderingControls {
  const renderer = createViewRenderer(ctx);
  const mapper = vtkVolumeMapper.newInstance();
  mapper.setAutoAdjustSampleDistances(false);
  mapper.setMaximumSamplesPerRay(1000);
  const actor = vtkVolume.newInstance();
  actor.setMapper(mapper);
  const color = vtkColorTransferFunction.newInstance();
  const opacity = vtkPiecewiseFunction.newInstance();
  const property = actor.getProperty();
  property.setRGBTransferFunction(0, color);
  property.setScalarOpacity(0, opacity);
  property.setInterpolationTypeToLinear();
  renderer.addVolume(actor);
  const cameraAxes = shallowRef({ directionOfProjection: [...PATIENT_DIRECTIONS.P] as Vec3, viewUp: [...PATIENT_DIRECTIONS.S] as Vec3 });

  ctx.onDispose(() => {
    renderer.removeVolume(actor);
    property.delete();
    actor.delete();
    mapper.delete();
    color.delete();
    opacity.delete();
  });

  function updateAxes(): void {
    const camera = renderer.getActiveCamera();
    cameraAxes.value = { directionOfProjection: [...camera.getDirectionOfProjection()] as Vec3, viewUp: [...camera.getViewUp()] as Vec3 };
  }

  function resetCamera(): void {
    const camera = renderer.getActiveCamera();
    camera.setParallelProjection(false);
    camera.setFocalPoint(0, 0, 0);
    camera.setPosition(...PATIENT_DIRECTIONS.A); // in front of the patient, looking posteriorly
    camera.setViewUp(...PATIENT_DIRECTIONS.S);
    // The image's bounds, not the visible props' (the volume is hidden until every slice is in).
    const image = inputs.image.value;
    if (image) renderer.resetCamera(image.getBounds());
    updateAxes();
    ctx.requestRender(renderer);
  }

  function rotate(dxPx: number, dyPx: number, viewportPx: { width: number; height: number }): void {
    const camera = renderer.getActiveCamera();
    camera.azimuth((-200 * dxPx) / Math.max(1, viewportPx.width));
    camera.elevation((200 * dyPx) / Math.max(1, viewportPx.height));
    camera.orthogonalizeViewUp();
    renderer.resetCameraClippingRange();
    updateAxes();
    ctx.requestRender(renderer);
  }

  function zoom(factor: number): void {
    if (!(factor > 0)) return;
    renderer.getActiveCamera().dolly(factor);
    renderer.resetCameraClippingRange();
    ctx.requestRender(renderer);
  }

  function pan(dxPx: number, dyPx: number, viewportPx: { width: number; height: number }): void {
    const camera = renderer.getActiveCamera();
    const dop = [...camera.getDirectionOfProjection()] as Vec3;
    const up = [...camera.getViewUp()] as Vec3;
    const right = unit(cross(dop, up));
    const mmPerPx = (2 * camera.getDistance() * Math.tan((camera.getViewAngle() * Math.PI) / 360)) / Math.max(1, viewportPx.height);
    const shift: Vec3 = ([0, 1, 2] as const).map((a) => (-dxPx * right[a] + dyPx * up[a]) * mmPerPx) as Vec3;
    const f = camera.getFocalPoint();
    const p = camera.getPosition();
    camera.setFocalPoint(f[0] + shift[0], f[1] + shift[1], f[2] + shift[2]);
    camera.setPosition(p[0] + shift[0], p[1] + shift[1], p[2] + shift[2]);
    renderer.resetCameraClippingRange();
    ctx.requestRender(renderer);
  }

  watch(
    inputs.image,
    (image) => {
      if (image) {
        mapper.setInputData(image);
        const s = image.getSpacing();
        mapper.setSampleDistance(Math.max(0.5, (s[0] + s[1] + s[2]) / 3));
        property.setScalarOpacityUnitDistance(0, Math.max(s[0], s[1], s[2]));
      }
      actor.setVisibility(!!image && inputs.complete.value);
      resetCamera();
    },
    { immediate: true },
  );

  watch(inputs.complete, (complete) => {
    actor.setVisibility(!!inputs.image.value && complete);
    ctx.requestRender(renderer);
  });

  watch(
    inputs.preset,
    (id) => {
      const p = volumePreset(id);
      color.removeAllPoints();
      for (const [x, r, g, b] of p.color) color.addRGBPoint(x, r, g, b);
      opacity.removeAllPoints();
      for (const [x, a] of p.opacity) opacity.addPoint(x, a);
      property.setShade(p.shade);
      property.setAmbient(p.ambient);
      property.setDiffuse(p.diffuse);
      property.setSpecular(p.specular);
      ctx.requestRender(renderer);
    },
    { immediate: true },
  );

  followViewport(ctx, renderer, inputs.viewport);

  watch(inputs.resetGeneration, () => resetCamera());

  return { renderer, cameraAxes, rotate, zoom, pan, resetCamera };
}
