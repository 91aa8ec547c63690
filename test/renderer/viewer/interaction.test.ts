import { describe, expect, it } from 'vitest';
import { layoutViewports, toVtkViewport } from '../../../renderer/src/viewer/geometry/viewport-layout';
import { dragZoomFactor, sliceGestureFor, volumeGestureFor, wheelSliceSteps, wheelZoomFactor } from '../../../renderer/src/viewer/interaction/gestures';
import { keyToAction } from '../../../renderer/src/viewer/interaction/keymap';

const none = { shiftKey: false, ctrlKey: false, metaKey: false };

describe('mouse gestures', () => {
  it('2D: left = tool, shift+left = pan, middle = zoom, right = window/level', () => {
    expect(sliceGestureFor(0, none, 'crosshair')).toBe('crosshair');
    expect(sliceGestureFor(0, none, 'length')).toBe('length');
    expect(sliceGestureFor(0, { ...none, shiftKey: true }, 'length')).toBe('pan');
    expect(sliceGestureFor(1, none, 'crosshair')).toBe('zoom');
    expect(sliceGestureFor(2, none, 'crosshair')).toBe('window-level');
    expect(sliceGestureFor(3, none, 'crosshair')).toBeNull();
  });

  it('3D: left rotates, middle/right zoom', () => {
    expect(volumeGestureFor(0, none)).toBe('rotate');
    expect(volumeGestureFor(0, { ...none, shiftKey: true })).toBe('pan');
    expect(volumeGestureFor(2, none)).toBe('zoom');
  });

  it('wheel: one slice per notch, at least one; zoom in on wheel up and drag up', () => {
    expect(wheelSliceSteps(100, 0)).toBe(1);
    expect(wheelSliceSteps(-100, 0)).toBe(-1);
    expect(wheelSliceSteps(4, 0)).toBe(1);
    expect(wheelSliceSteps(300, 0)).toBe(3);
    expect(wheelSliceSteps(3, 1)).toBe(1);
    expect(wheelSliceSteps(0, 0)).toBe(0);
    expect(wheelZoomFactor(-100, 0)).toBeGreaterThan(1);
    expect(dragZoomFactor(-10)).toBeGreaterThan(1);
    expect(dragZoomFactor(10)).toBeLessThan(1);
  });
});

describe('keyboard', () => {
  it('maps presets, slices, reset, layouts and tools', () => {
    expect(keyToAction({ key: '1' })).toEqual({ kind: 'window-preset', preset: 'lung' });
    expect(keyToAction({ key: '5' })).toEqual({ kind: 'window-preset', preset: 'abdomen' });
    expect(keyToAction({ key: 'ArrowDown' })).toEqual({ kind: 'scroll', delta: 1 });
    expect(keyToAction({ key: 'ArrowUp' })).toEqual({ kind: 'scroll', delta: -1 });
    expect(keyToAction({ key: 'PageDown' })).toEqual({ kind: 'scroll', delta: 10 });
    expect(keyToAction({ key: 'r' })).toEqual({ kind: 'reset' });
    expect(keyToAction({ key: '!', code: 'Digit1', shiftKey: true })).toEqual({ kind: 'layout', layout: '1x1' });
    expect(keyToAction({ key: '#', code: 'Digit3', shiftKey: true })).toEqual({ kind: 'layout', layout: '1x3' });
    expect(keyToAction({ key: '$', code: 'Digit4', shiftKey: true })).toEqual({ kind: 'layout', layout: '2x2' });
    expect(keyToAction({ key: 'm' })).toEqual({ kind: 'tool', tool: 'length' });
    expect(keyToAction({ key: 'Escape' })).toEqual({ kind: 'tool', tool: 'crosshair' });
  });

  it('leaves browser/app shortcuts alone', () => {
    expect(keyToAction({ key: 'r', ctrlKey: true })).toBeNull();
    expect(keyToAction({ key: '1', altKey: true })).toBeNull();
    expect(keyToAction({ key: 'x' })).toBeNull();
  });
});

describe('layouts', () => {
  it('2x2 shows four quadrants, 1x3 the three planes, 1x1 the active view', () => {
    const four = layoutViewports('2x2', 'axial');
    expect(Object.values(four).filter(Boolean)).toHaveLength(4);
    expect(four.axial).toEqual({ x: 0, y: 0, width: 0.5, height: 0.5 });
    const three = layoutViewports('1x3', 'volume');
    expect(three.volume).toBeNull();
    expect([three.axial, three.coronal, three.sagittal].every(Boolean)).toBe(true);
    const one = layoutViewports('1x1', 'sagittal');
    expect(one.sagittal).toEqual({ x: 0, y: 0, width: 1, height: 1 });
    expect(one.axial).toBeNull();
  });

  it('converts top-left CSS rectangles to bottom-left vtk viewports', () => {
    expect(toVtkViewport({ x: 0, y: 0, width: 0.5, height: 0.5 })).toEqual([0, 0.5, 0.5, 1]);
    expect(toVtkViewport({ x: 0.5, y: 0.5, width: 0.5, height: 0.5 })).toEqual([0.5, 0, 1, 0.5]);
  });
});
