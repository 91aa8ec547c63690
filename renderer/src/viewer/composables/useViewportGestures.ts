import { shallowRef, type ShallowRef } from 'vue';
import { dragWindowLevel } from '../display/window-level';
import { screenToWorld } from '../geometry/projection';
import {
  dragZoomFactor,
  sliceGestureFor,
  volumeGestureFor,
  wheelSliceSteps,
  wheelZoomFactor,
  type SliceGesture,
  type VolumeGesture,
} from '../interaction/gestures';
import type { ViewerStore } from '../stores/viewer-store';
import type { LengthMeasurement, SliceViewId, Vec2, Vec3, ViewId } from '../types';
import type { VolumeRenderingControls } from './useVtkVolumeRendering';

/** A length measurement (or an ROI rectangle) being drawn. */
export interface MeasurementDraft {
  kind: 'length' | 'roi';
  viewId: SliceViewId;
  p1: Vec3;
  p2: Vec3;
  start: Vec2;
  end: Vec2;
}

interface Drag {
  viewId: ViewId;
  gesture: SliceGesture | VolumeGesture;
  pointerId: number;
  last: Vec2;
  element: HTMLElement;
}

/** Shorter drags (CSS px) are clicks, not measurements. */
const MIN_MEASUREMENT_PX = 3;

export interface ViewportGestureHandlers {
  draft: ShallowRef<MeasurementDraft | null>;
  onPointerDown(e: PointerEvent, viewId: ViewId): void;
  onPointerMove(e: PointerEvent): void;
  onPointerUp(e: PointerEvent): void;
  onWheel(e: WheelEvent, viewId: ViewId): void;
}

/**
 * Mouse interaction on the viewports, turned into viewer-store actions (2D) or 3D camera moves.
 * 2D: left = tool (crosshair / length / pan; shift = pan), middle or ctrl+left = zoom, right =
 * window/level, wheel = slices, ctrl+wheel = zoom. 3D: left = rotate, shift+left = pan,
 * middle/right = zoom, wheel = zoom.
 */
export function useViewportGestures(
  store: ViewerStore,
  volume3d: VolumeRenderingControls,
  onMeasurement: (m: LengthMeasurement) => void,
  onRoi: (roi: { p1: Vec3; p2: Vec3; viewId: SliceViewId }) => void = () => {},
): ViewportGestureHandlers {
  const draft = shallowRef<MeasurementDraft | null>(null);
  let drag: Drag | null = null;

  const localPoint = (e: MouseEvent, el: HTMLElement): Vec2 => {
    const r = el.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  };
  const elementSize = (el: HTMLElement) => {
    const r = el.getBoundingClientRect();
    return { width: r.width, height: r.height };
  };
  const worldAt = (viewId: SliceViewId, p: Vec2): Vec3 | null => {
    const camera = store.sliceCameras[viewId];
    return camera ? screenToWorld(camera, p) : null;
  };

  function onPointerDown(e: PointerEvent, viewId: ViewId): void {
    const element = e.currentTarget as HTMLElement;
    store.setActiveView(viewId);
    const gesture = viewId === 'volume' ? volumeGestureFor(e.button, e) : sliceGestureFor(e.button, e, store.tool);
    if (!gesture || drag) return;
    e.preventDefault();
    element.setPointerCapture?.(e.pointerId);
    const p = localPoint(e, element);
    drag = { viewId, gesture, pointerId: e.pointerId, last: p, element };
    if (viewId === 'volume') return;
    const world = worldAt(viewId, p);
    if (!world) return;
    if (gesture === 'crosshair') store.jumpTo(world);
    if (gesture === 'length' || gesture === 'roi') draft.value = { kind: gesture, viewId, p1: world, p2: world, start: p, end: p };
  }

  function onPointerMove(e: PointerEvent): void {
    if (!drag || e.pointerId !== drag.pointerId) return;
    const p = localPoint(e, drag.element);
    const dx = p[0] - drag.last[0];
    const dy = p[1] - drag.last[1];
    drag.last = p;
    if (drag.viewId === 'volume') {
      const size = elementSize(drag.element);
      if (drag.gesture === 'rotate') volume3d.rotate(dx, dy, size);
      else if (drag.gesture === 'zoom') volume3d.zoom(dragZoomFactor(dy));
      else if (drag.gesture === 'pan') volume3d.pan(dx, dy, size);
      return;
    }
    const viewId = drag.viewId;
    const camera = store.sliceCameras[viewId];
    if (!camera) return;
    switch (drag.gesture) {
      case 'crosshair':
        store.jumpTo(screenToWorld(camera, p));
        break;
      case 'length':
      case 'roi':
        if (draft.value) draft.value = { ...draft.value, p2: screenToWorld(camera, p), end: p };
        break;
      case 'pan': {
        const mmPerPx = (2 * camera.parallelScale) / camera.heightPx;
        store.panView(viewId, -dx * mmPerPx, dy * mmPerPx);
        break;
      }
      case 'zoom':
        store.zoomView(viewId, dragZoomFactor(dy));
        break;
      case 'window-level':
        store.setWindowLevel(dragWindowLevel(store.windowLevel, dx, dy, store.windowDragSensitivity));
        break;
    }
  }

  function onPointerUp(e: PointerEvent): void {
    if (!drag || e.pointerId !== drag.pointerId) return;
    drag.element.releasePointerCapture?.(e.pointerId);
    const d = draft.value;
    if (drag.gesture === 'length' && d && Math.hypot(d.end[0] - d.start[0], d.end[1] - d.start[1]) >= MIN_MEASUREMENT_PX) {
      onMeasurement(store.addMeasurement({ p1: d.p1, p2: d.p2, viewId: d.viewId }));
    }
    if (drag.gesture === 'roi' && d && Math.abs(d.end[0] - d.start[0]) >= MIN_MEASUREMENT_PX && Math.abs(d.end[1] - d.start[1]) >= MIN_MEASUREMENT_PX) {
      onRoi({ p1: d.p1, p2: d.p2, viewId: d.viewId });
    }
    draft.value = null;
    drag = null;
  }

  function onWheel(e: WheelEvent, viewId: ViewId): void {
    e.preventDefault();
    store.setActiveView(viewId);
    if (viewId === 'volume') {
      volume3d.zoom(wheelZoomFactor(e.deltaY, e.deltaMode));
      return;
    }
    if (e.ctrlKey || e.metaKey) store.zoomViewAt(viewId, wheelZoomFactor(e.deltaY, e.deltaMode), localPoint(e, e.currentTarget as HTMLElement));
    else store.scrollByConvention(viewId, wheelSliceSteps(e.deltaY, e.deltaMode));
  }

  return { draft, onPointerDown, onPointerMove, onPointerUp, onWheel };
}
