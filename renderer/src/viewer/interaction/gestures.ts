import type { ViewerTool } from '../types';

export type SliceGesture = 'crosshair' | 'length' | 'roi' | 'pan' | 'zoom' | 'window-level';
export type VolumeGesture = 'rotate' | 'zoom' | 'pan';

interface Modifiers {
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/**
 * Mouse mapping of a 2D view: left = the active tool (shift+left pans), middle = zoom,
 * right = window/level. null for other buttons.
 */
export function sliceGestureFor(button: number, mods: Modifiers, tool: ViewerTool): SliceGesture | null {
  if (button === 2) return 'window-level';
  if (button === 1) return 'zoom';
  if (button !== 0) return null;
  if (mods.shiftKey) return 'pan';
  if (mods.ctrlKey || mods.metaKey) return 'zoom';
  return tool;
}

/** Mouse mapping of the 3D view: left = rotate (shift+left pans), middle/right = zoom. */
export function volumeGestureFor(button: number, mods: Modifiers): VolumeGesture | null {
  if (button === 0) return mods.shiftKey ? 'pan' : 'rotate';
  if (button === 1 || button === 2) return 'zoom';
  return null;
}

/** Zoom factor of a vertical drag (drag up = zoom in). */
export function dragZoomFactor(dy: number): number {
  return Math.exp(-dy * 0.01);
}

/** Zoom factor of a ctrl+wheel event (wheel up = zoom in). */
export function wheelZoomFactor(deltaY: number, deltaMode: number): number {
  return Math.exp(-wheelPixels(deltaY, deltaMode) * 0.002);
}

/** Slices to move for one wheel event: at least one, about one per 100 px of wheel. */
export function wheelSliceSteps(deltaY: number, deltaMode: number): number {
  const px = wheelPixels(deltaY, deltaMode);
  if (px === 0) return 0;
  return Math.sign(px) * Math.max(1, Math.round(Math.abs(px) / 100));
}

function wheelPixels(deltaY: number, deltaMode: number): number {
  // deltaMode: 0 pixels, 1 lines, 2 pages.
  return deltaMode === 1 ? deltaY * 33 : deltaMode === 2 ? deltaY * 800 : deltaY;
}
