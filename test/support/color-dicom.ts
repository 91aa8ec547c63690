import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A color secondary capture made from a real CT slice: DCMTK renders the slice (W 480 L -160) to a
 * PGM, each grey level g becomes the color (g, 255 - g, g >> 1) in a 24-bit BMP, and DCMTK's
 * img2dcm wraps it as uncompressed RGB. `expected(x, y)` is the RGB the file stores at a pixel.
 */
export interface ColorDicom {
  file: string;
  rows: number;
  columns: number;
  patientName: string;
  expected(x: number, y: number): [number, number, number];
}

export function colorFromGrey(g: number): [number, number, number] {
  return [g, 255 - g, g >> 1];
}

export function makeColorDicom(ctSlice: string, dir: string, patientName = 'Color^Capture'): ColorDicom {
  const pgm = join(dir, 'slice.pgm');
  execFileSync('dcm2pnm', ['--write-raw-pnm', '+Ww', '-160', '480', ctSlice, pgm], { stdio: ['ignore', 'ignore', 'pipe'] });
  const bytes = readFileSync(pgm);
  const header = bytes.subarray(0, 32).toString('latin1').match(/^P5\s+(\d+)\s+(\d+)\s+255\s/);
  if (!header) throw new Error('dcm2pnm did not write an 8-bit PGM');
  const columns = Number(header[1]);
  const rows = Number(header[2]);
  const grey = bytes.subarray(header[0].length);
  const rowBytes = (columns * 3 + 3) & ~3;
  const bmp = Buffer.alloc(54 + rowBytes * rows);
  bmp.write('BM', 0, 'latin1');
  bmp.writeUInt32LE(bmp.length, 2);
  bmp.writeUInt32LE(54, 10);
  bmp.writeUInt32LE(40, 14);
  bmp.writeInt32LE(columns, 18);
  bmp.writeInt32LE(rows, 22);
  bmp.writeUInt16LE(1, 26);
  bmp.writeUInt16LE(24, 28);
  bmp.writeUInt32LE(rowBytes * rows, 34);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < columns; x++) {
      const [r, g, b] = colorFromGrey(grey[y * columns + x]!);
      const o = 54 + (rows - 1 - y) * rowBytes + x * 3; // bottom-up rows, BGR
      bmp[o] = b;
      bmp[o + 1] = g;
      bmp[o + 2] = r;
    }
  }
  writeFileSync(join(dir, 'color.bmp'), bmp);
  const file = join(dir, 'color.dcm');
  execFileSync('img2dcm', ['-i', 'BMP', join(dir, 'color.bmp'), file, '-k', `PatientName=${patientName}`, '-k', 'PatientID=RGB-CT-1', '-k', 'Modality=OT', '-k', 'StudyDate=20240102'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return { file, rows, columns, patientName, expected: (x, y) => colorFromGrey(grey[y * columns + x]!) };
}
