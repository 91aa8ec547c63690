import { describe, expect, it } from 'vitest';
import { firstImageBitmap, type FirstImage } from '../../../renderer/src/viewer/vtk/first-image';

/** A 3x2 axial slice whose values are 0..5 (column fastest), windowed so that value v shows as grey 51·v. */
function image(direction: number[]): FirstImage {
  return {
    volumeId: '1',
    geometry: { dims: [3, 2, 5], spacing: [0.5, 0.7, 2], origin: [0, 0, 0], direction },
    k: 2,
    pixels: Int16Array.from([0, 1, 2, 3, 4, 5]),
    window: { center: 2.5, width: 6 },
    invert: false,
  };
}
const greys = (b: ReturnType<typeof firstImageBitmap>) => Array.from({ length: b.width * b.height }, (_, p) => b.rgba[p * 4]!);

describe('firstImageBitmap: the first image laid out as the MPR view will show it', () => {
  it('a standard axial CT: patient left (+i) on screen right, posterior (+j) down, mm aspect', () => {
    const b = firstImageBitmap(image([1, 0, 0, 0, 1, 0, 0, 0, 1]));
    expect(b.viewId).toBe('axial');
    expect([b.width, b.height]).toEqual([3, 2]);
    expect([b.widthMm, b.heightMm]).toEqual([1.5, 1.4]);
    const g = greys(b);
    expect(g[0]).toBeLessThan(g[1]!); // values grow to the right...
    expect(g[0]).toBeLessThan(g[3]!); // ...and downwards, as stored
  });

  it('rows stored right to left (i toward the patient right) are mirrored, and columns stored feet to head flipped', () => {
    const plain = greys(firstImageBitmap(image([1, 0, 0, 0, 1, 0, 0, 0, 1])));
    const mirrored = greys(firstImageBitmap(image([-1, 0, 0, 0, 1, 0, 0, 0, -1])));
    expect(mirrored).toEqual([plain[2], plain[1], plain[0], plain[5], plain[4], plain[3]]);
    const upsideDown = greys(firstImageBitmap(image([1, 0, 0, 0, -1, 0, 0, 0, -1])));
    expect(upsideDown).toEqual([plain[3], plain[4], plain[5], plain[0], plain[1], plain[2]]);
  });

  it('rows stored along the patient axis the view shows vertically are transposed onto the screen', () => {
    // i = posterior (+y), j = patient left (+x): the axial view's right is j, its down is i.
    const plain = greys(firstImageBitmap(image([1, 0, 0, 0, 1, 0, 0, 0, 1])));
    const b = firstImageBitmap(image([0, 1, 0, 1, 0, 0, 0, 0, 1]));
    expect(b.viewId).toBe('axial');
    expect([b.width, b.height]).toEqual([2, 3]);
    expect([b.widthMm, b.heightMm]).toEqual([1.4, 1.5]);
    expect(greys(b)).toEqual([plain[0], plain[3], plain[1], plain[4], plain[2], plain[5]]);
    const mirrored = greys(firstImageBitmap(image([0, -1, 0, -1, 0, 0, 0, 0, 1])));
    expect(mirrored).toEqual([plain[5], plain[2], plain[4], plain[1], plain[3], plain[0]]);
  });

  it('a coronal acquisition is shown in the coronal view', () => {
    // i = patient left, j = feet (-z), k = anterior (-y): slices along the anterior-posterior axis.
    const b = firstImageBitmap(image([1, 0, 0, 0, 0, -1, 0, -1, 0]));
    expect(b.viewId).toBe('coronal');
    expect([b.width, b.height]).toEqual([3, 2]);
  });
});
