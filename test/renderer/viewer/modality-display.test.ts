import { describe, expect, it } from 'vitest';
import { percentileWindow, windowOptions } from '../../../renderer/src/viewer/display/modality-windows';
import { sliceStepsForScroll, loadScrollConvention, saveScrollConvention } from '../../../renderer/src/viewer/interaction/scroll-convention';
import { displayGrey, renderGrey } from '../../../renderer/src/viewer/projection/grey-render';
import { imageToScreen, placeImage, screenToImage, zoomAbout } from '../../../renderer/src/viewer/projection/image-transform';
import { projectionKeyAction } from '../../../renderer/src/viewer/projection/projection-keys';
import { oppositeDirection } from '../../../electron/shared/geometry/patient-axes';
import { projectionLabels } from '../../../renderer/src/viewer/projection/projection-labels';

describe('window/level choice by modality', () => {
  const auto = { center: 500, width: 800 };
  it('CT in HU: the file window, the automatic window, then the CT presets', () => {
    const o = windowOptions({ modality: 'CT', units: 'HU', fileWindows: [{ center: 40, width: 400, explanation: 'MEDIASTINUM', source: 'window' }], autoWindow: auto });
    expect(o.map((x) => x.id)).toEqual(['file-1', 'auto', 'lung', 'mediastinum', 'bone', 'brain', 'abdomen']);
    expect(o[0]).toMatchObject({ label: 'MEDIASTINUM', center: 40, width: 400, source: 'file' });
  });
  it('MR gets its own windows and the automatic one, never a CT preset', () => {
    const o = windowOptions({ modality: 'MR', units: 'raw', fileWindows: [{ center: 300, width: 600, explanation: null, source: 'window' }], autoWindow: auto });
    expect(o.map((x) => x.source)).toEqual(['file', 'auto']);
    expect(o.some((x) => x.id === 'brain')).toBe(false);
  });
  it('a radiograph without window values opens with the automatic window; VOI LUT windows are listed as such', () => {
    expect(windowOptions({ modality: 'DX', units: 'raw', fileWindows: [], autoWindow: auto })[0]).toMatchObject({ id: 'auto', ...auto });
    const o = windowOptions({ modality: 'CR', units: 'raw', fileWindows: [{ center: 2048, width: 4096, explanation: null, source: 'voi-lut' }], autoWindow: null });
    expect(o).toEqual([{ id: 'file-1', label: 'VOI LUT 1', center: 2048, width: 4096, source: 'voi-lut' }]);
  });
  it('CT not in HU (raw) gets no HU presets; invalid file windows are dropped', () => {
    const o = windowOptions({ modality: 'CT', units: 'raw', fileWindows: [{ center: 1, width: 0, explanation: null, source: 'window' }], autoWindow: auto });
    expect(o.map((x) => x.id)).toEqual(['auto']);
  });
  it('the automatic window spans the 1st to 99th percentile', () => {
    // 0..9999 uniformly, plus extreme outliers that must not widen the window.
    const values = new Float32Array(10_002);
    for (let i = 0; i < 10_000; i++) values[i] = i;
    values[10_000] = -1e6;
    values[10_001] = 1e6;
    const w = percentileWindow(values)!;
    const lo = w.center - w.width / 2;
    const hi = w.center + w.width / 2;
    expect(lo).toBeGreaterThan(-600);
    expect(lo).toBeLessThan(600);
    expect(hi).toBeGreaterThan(9400);
    expect(hi).toBeLessThan(10_600);
    expect(percentileWindow(new Int16Array(0))).toBeNull();
    expect(percentileWindow(new Int16Array([7, 7, 7]))).toEqual({ center: 7, width: 1 });
  });
});

describe('grey levels', () => {
  it('maps the window linearly, clamps, and inverts MONOCHROME1', () => {
    const wl = { center: 100, width: 201 };
    expect(displayGrey(-1000, wl, false)).toBe(0);
    expect(displayGrey(1000, wl, false)).toBe(255);
    expect(displayGrey(100, wl, false)).toBeGreaterThan(120);
    expect(displayGrey(100, wl, false)).toBeLessThan(135);
    expect(displayGrey(-1000, wl, true)).toBe(255);
    expect(displayGrey(1000, wl, true)).toBe(0);
  });
  it('renders integer data through a lookup table identical to the direct formula', () => {
    const values = new Int16Array([-50, 0, 37, 120, 300]);
    const out = new Uint8ClampedArray(values.length * 4);
    const wl = { center: 60, width: 150 };
    renderGrey(values, 0, values.length, wl, true, out, [-50, 300]);
    expect([...values].map((_, i) => out[i * 4])).toEqual([...values].map((v) => displayGrey(v, wl, true)));
    expect(out[3]).toBe(255);
  });
});

describe('orientation labels of 2D images', () => {
  it('Patient Orientation gives screen right and down; left and top are the opposites', () => {
    expect(projectionLabels({ patientOrientation: ['L', 'F'], viewPosition: 'PA' })).toEqual({ right: 'L', bottom: 'F', left: 'R', top: 'H', source: 'patient-orientation' });
    expect(projectionLabels({ patientOrientation: ['A', 'FR'], viewPosition: null })).toMatchObject({ left: 'P', top: 'HL' });
    expect(oppositeDirection('PH')).toBe('AF');
    expect(oppositeDirection('LRAPHF')).toBe('RLPAFH');
    expect(oppositeDirection('SIX')).toBe(''); // not Patient Orientation codes
  });
  it('without it, a PA or AP View Position gives the standard frontal display; other views get no labels', () => {
    expect(projectionLabels({ patientOrientation: null, viewPosition: 'PA' })).toEqual({ right: 'L', left: 'R', top: 'H', bottom: 'F', source: 'view-position' });
    expect(projectionLabels({ patientOrientation: null, viewPosition: 'AP' }).right).toBe('L');
    expect(projectionLabels({ patientOrientation: null, viewPosition: 'LL' })).toEqual({ top: '', bottom: '', left: '', right: '', source: null });
    expect(projectionLabels({ patientOrientation: null, viewPosition: null }).source).toBeNull();
  });
});

describe('image placement', () => {
  const viewport = { width: 800, height: 600 };
  const image = { columns: 1000, rows: 500, aspect: 1 };
  it('fits the whole image, centred, and maps screen <-> image both ways', () => {
    const p = placeImage(viewport, image, { zoom: 1, pan: [0, 0] });
    expect(p.sx).toBeCloseTo(0.8, 12);
    expect(p.left).toBeCloseTo(0, 12);
    expect(p.top).toBeCloseTo(100, 12);
    const [x, y] = imageToScreen(p, 123, 45);
    expect(screenToImage(p, x, y)).toEqual([expect.closeTo(123, 9), expect.closeTo(45, 9)]);
  });
  it('zooms about the cursor: the image point under it stays', () => {
    const view = { zoom: 1, pan: [10, -5] as [number, number] };
    const before = placeImage(viewport, image, view);
    const under = screenToImage(before, 300, 200);
    const after = placeImage(viewport, image, zoomAbout(viewport, image, view, 2.5, 300, 200));
    const [x, y] = imageToScreen(after, under[0], under[1]);
    expect(x).toBeCloseTo(300, 9);
    expect(y).toBeCloseTo(200, 9);
  });
  it('keeps anisotropic pixels their true shape', () => {
    expect(placeImage(viewport, { columns: 100, rows: 100, aspect: 2 }, { zoom: 1, pan: [0, 0] })).toMatchObject({ sx: 3, sy: 6 });
  });
});

describe('scrolling convention', () => {
  const identity = { direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
  // Slices stored head first: k runs toward the feet (LPS -z); rows anterior to posterior; columns right to left.
  const headFirst = { direction: [1, 0, 0, 0, 1, 0, 0, 0, -1] };
  it('by default wheel down goes to the feet in axial, whatever the slice order', () => {
    expect(sliceStepsForScroll(identity, 'axial', 2, 1, 'default')).toBe(-1);
    expect(sliceStepsForScroll(headFirst, 'axial', 2, 1, 'default')).toBe(1);
    expect(sliceStepsForScroll(identity, 'axial', 2, -3, 'default')).toBe(3);
  });
  it('posterior in coronal and the patient’s left in sagittal', () => {
    expect(sliceStepsForScroll(identity, 'coronal', 1, 1, 'default')).toBe(1);
    expect(sliceStepsForScroll({ direction: [1, 0, 0, 0, -1, 0, 0, 0, 1] }, 'coronal', 1, 1, 'default')).toBe(-1);
    expect(sliceStepsForScroll(identity, 'sagittal', 0, 1, 'default')).toBe(1);
    // A sagittal MR whose slices run from the left to the right: k along -x.
    expect(sliceStepsForScroll({ direction: [0, 1, 0, 0, 0, -1, -1, 0, 0] }, 'sagittal', 2, 1, 'default')).toBe(-1);
  });
  it('reversed swaps every view, and the setting is kept', () => {
    expect(sliceStepsForScroll(identity, 'axial', 2, 1, 'reversed')).toBe(1);
    expect(sliceStepsForScroll(identity, 'sagittal', 0, 1, 'reversed')).toBe(-1);
    const mem = new Map<string, string>();
    const storage = { getItem: (k: string) => mem.get(k) ?? null, setItem: (k: string, v: string) => void mem.set(k, v) };
    expect(loadScrollConvention(storage)).toBe('default');
    saveScrollConvention('reversed', storage);
    expect(loadScrollConvention(storage)).toBe('reversed');
  });
  it('the 2D viewer pages forward on ↓/PageDown and backward on ↑/PageUp', () => {
    expect(projectionKeyAction('ArrowDown')).toEqual({ kind: 'step', delta: 1 });
    expect(projectionKeyAction('PageUp')).toEqual({ kind: 'step', delta: -10 });
    expect(projectionKeyAction('3')).toEqual({ kind: 'window', index: 2 });
    expect(projectionKeyAction('E')).toEqual({ kind: 'tool', tool: 'ellipse' });
  });
});
