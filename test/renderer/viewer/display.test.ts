import { describe, expect, it } from 'vitest';
import { greyMapNodes } from '../../../renderer/src/viewer/display/grey-map';
import { VOLUME_PRESETS, volumePreset } from '../../../renderer/src/viewer/display/volume-presets';
import {
  defaultWindowLevel,
  dragSensitivity,
  dragWindowLevel,
  presetById,
  presetForKey,
  WINDOW_PRESETS,
  windowRange,
} from '../../../renderer/src/viewer/display/window-level';
import { formatScaleBar, niceScaleBar } from '../../../renderer/src/viewer/geometry/scale-bar';

describe('window/level', () => {
  it('maps the number keys to the CT presets', () => {
    expect(WINDOW_PRESETS.map((p) => [p.key, p.id, p.center, p.width])).toEqual([
      ['1', 'lung', -600, 1500],
      ['2', 'mediastinum', 40, 400],
      ['3', 'bone', 400, 1800],
      ['4', 'brain', 40, 80],
      ['5', 'abdomen', 60, 400],
    ]);
    expect(presetForKey('3')?.id).toBe('bone');
    expect(presetForKey('6')).toBeNull();
    expect(presetById('lung')).toMatchObject({ center: -600, width: 1500 });
    expect(windowRange(presetById('lung'))).toEqual([-1350, 150]);
  });

  it('opens with the DICOM default window, else the scalar range', () => {
    expect(defaultWindowLevel({ defaultWindow: { center: -500, width: 1400 }, scalarRange: [-1024, 3000] })).toEqual({ center: -500, width: 1400 });
    expect(defaultWindowLevel({ defaultWindow: null, scalarRange: [-1024, 3000] })).toEqual({ center: 988, width: 4024 });
    expect(defaultWindowLevel({ defaultWindow: { center: 0, width: 0 }, scalarRange: [0, 255] })).toEqual({ center: 127.5, width: 255 });
  });

  it('right-drag: right widens the window, down raises the level; width stays >= 1', () => {
    const s = dragSensitivity([-1024, 3071]);
    expect(s).toBeCloseTo(4.095, 9);
    expect(dragWindowLevel({ center: 40, width: 400 }, 10, -5, 2)).toEqual({ center: 30, width: 420 });
    expect(dragWindowLevel({ center: 40, width: 10 }, -100, 0, 2).width).toBe(1);
  });

  it('MONOCHROME1 inverts the grey map (low values white)', () => {
    expect(greyMapNodes(false)).toEqual([
      [0, 0, 0, 0],
      [1, 1, 1, 1],
    ]);
    expect(greyMapNodes(true)).toEqual([
      [0, 1, 1, 1],
      [1, 0, 0, 0],
    ]);
  });

  it('3D presets are well formed (ascending HU, opacity in 0..1) and include lung, soft tissue, bone', () => {
    expect(VOLUME_PRESETS.map((p) => p.id)).toEqual(['ct-lung', 'ct-soft-tissue', 'ct-bone']);
    for (const p of VOLUME_PRESETS) {
      for (const nodes of [p.color.map((c) => c[0]), p.opacity.map((o) => o[0])]) expect([...nodes].sort((a, b) => a - b)).toEqual(nodes);
      for (const [, a] of p.opacity) expect(a >= 0 && a <= 1).toBe(true);
    }
    // Bone is transparent at soft-tissue values and opaque-ish at cortical bone.
    const bone = volumePreset('ct-bone');
    const at = (hu: number) => {
      const o = bone.opacity;
      for (let n = 1; n < o.length; n++) {
        const [x0, y0] = o[n - 1]!;
        const [x1, y1] = o[n]!;
        if (hu <= x1) return y0 + ((hu - x0) / (x1 - x0)) * (y1 - y0);
      }
      return o[o.length - 1]![1];
    };
    expect(at(40)).toBe(0);
    expect(at(1000)).toBeGreaterThan(0.5);
  });
});

describe('scale bar', () => {
  it('picks the longest 1/2/5 × 10^n mm that fits', () => {
    expect(niceScaleBar(0.5, 160)).toEqual({ mm: 50, px: 100 });
    expect(niceScaleBar(0.7, 100)).toEqual({ mm: 50, px: 50 / 0.7 });
    expect(niceScaleBar(0.01, 120)).toEqual({ mm: 1, px: 100 });
    expect(niceScaleBar(0, 100)).toBeNull();
    expect(formatScaleBar(50)).toBe('50 mm');
    expect(formatScaleBar(0.5)).toBe('0.5 mm');
  });
});
