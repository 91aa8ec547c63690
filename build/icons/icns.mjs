// macOS .icns holding PNG images: 'icns', total length, then (type, length, PNG) per image.
const TYPES = { 16: ['icp4'], 32: ['icp5', 'ic11'], 64: ['icp6', 'ic12'], 128: ['ic07'], 256: ['ic08', 'ic13'], 512: ['ic09', 'ic14'], 1024: ['ic10'] };

/** @param {{ size: number, png: Buffer }[]} images each size one of 16, 32, 64, 128, 256, 512, 1024 */
export function encodeIcns(images) {
  const chunks = images.flatMap(({ size, png }) => {
    const types = TYPES[size];
    if (!types) throw new RangeError(`no ICNS type for ${size} px`);
    // A size serves as 1x of its own type and as the 2x (Retina) image of half its size.
    return types.map((type) => {
      const head = Buffer.alloc(8);
      head.write(type, 0, 'latin1');
      head.writeUInt32BE(8 + png.length, 4);
      return Buffer.concat([head, png]);
    });
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + chunks.reduce((n, c) => n + c.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}
