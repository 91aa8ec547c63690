/**
 * Test-only reader for the demo CT series, written against dicom-parser directly (deliberately not
 * the project's importer), so the demo writer is checked by an independent implementation.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as dicomParserNs from 'dicom-parser';

type DicomParser = typeof dicomParserNs;
const dicomParser: DicomParser = ((dicomParserNs as unknown as { default?: DicomParser }).default ?? dicomParserNs);

export interface ParsedSlice {
  file: string;
  dataSet: dicomParserNs.DataSet;
  transferSyntaxUid: string;
  sopClassUid: string;
  sopInstanceUid: string;
  instanceNumber: number;
  position: [number, number, number];
  orientation: number[];
  pixelSpacing: [number, number];
  rows: number;
  columns: number;
  /** HU after rescale. */
  hu: Int16Array;
}

export interface ParsedSeries {
  /** Sorted by z ascending (k = 0 most inferior), like the Volume convention. */
  slices: ParsedSlice[];
  dims: [number, number, number];
  /** [column spacing, row spacing, slice spacing] */
  spacing: [number, number, number];
  origin: [number, number, number];
  /** HU volume, x fastest, then y, then z ascending. */
  hu: Int16Array;
}

export function parseFile(path: string): dicomParserNs.DataSet {
  return dicomParser.parseDicom(new Uint8Array(readFileSync(path)));
}

function parseSlice(path: string): ParsedSlice {
  const ds = parseFile(path);
  const str = (t: string) => ds.string(t) ?? '';
  const nums = (t: string) => str(t).split('\\').map(Number);
  const rows = ds.uint16('x00280010') ?? 0;
  const columns = ds.uint16('x00280011') ?? 0;
  const slope = ds.floatString('x00281053') ?? 1;
  const intercept = ds.floatString('x00281052') ?? 0;
  const signed = ds.uint16('x00280103') === 1;
  const el = ds.elements.x7fe00010;
  if (!el) throw new Error(`${path}: no Pixel Data`);
  const bytes = ds.byteArray;
  const view = new DataView(bytes.buffer, bytes.byteOffset + el.dataOffset, el.length);
  const hu = new Int16Array(rows * columns);
  for (let p = 0; p < hu.length; p++) {
    const stored = signed ? view.getInt16(p * 2, true) : view.getUint16(p * 2, true);
    hu[p] = Math.round(stored * slope + intercept);
  }
  const [x, y, z] = nums('x00200032');
  const [rowSpacing, columnSpacing] = nums('x00280030');
  if (x === undefined || y === undefined || z === undefined || rowSpacing === undefined || columnSpacing === undefined) {
    throw new Error(`${path}: Image Position (Patient) needs 3 values and Pixel Spacing 2`);
  }
  return {
    file: path,
    dataSet: ds,
    transferSyntaxUid: str('x00020010'),
    sopClassUid: str('x00080016'),
    sopInstanceUid: str('x00080018'),
    instanceNumber: ds.intString('x00200013') ?? NaN,
    position: [x, y, z],
    orientation: nums('x00200037'),
    pixelSpacing: [rowSpacing, columnSpacing],
    rows,
    columns,
    hu,
  };
}

export function readCtSeries(dir: string): ParsedSeries {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.dcm'))
    .map((f) => join(dir, f));
  const slices = files.map(parseSlice).sort((a, b) => a.position[2] - b.position[2]);
  const first = slices[0];
  if (!first) throw new Error(`${dir}: no .dcm files`);
  const nz = slices.length;
  const plane = first.rows * first.columns;
  const hu = new Int16Array(plane * nz);
  slices.forEach((s, k) => hu.set(s.hu, k * plane));
  const dz = nz > 1 ? (slices[nz - 1]!.position[2] - first.position[2]) / (nz - 1) : 0;
  return {
    slices,
    dims: [first.columns, first.rows, nz],
    spacing: [first.pixelSpacing[1], first.pixelSpacing[0], dz],
    origin: [...first.position],
    hu,
  };
}

/** Nearest voxel index of a world point, or null outside the grid. */
export function voxelOf(series: ParsedSeries, p: [number, number, number]): [number, number, number] | null {
  const idx = ([0, 1, 2] as const).map((d) => Math.round((p[d] - series.origin[d]) / series.spacing[d])) as [number, number, number];
  return idx.every((v, d) => v >= 0 && v < series.dims[d]!) ? idx : null;
}

export function huAt(series: ParsedSeries, i: number, j: number, k: number): number {
  const [nx, ny] = series.dims;
  return series.hu[(k * ny + j) * nx + i]!;
}

/** Median HU in a box of half-size (hi, hj, hk) voxels around a world point. */
export function medianAround(series: ParsedSeries, p: [number, number, number], hi: number, hj: number, hk: number): number {
  const c = voxelOf(series, p);
  if (!c) throw new Error(`point ${p.join(',')} outside the series`);
  const values: number[] = [];
  for (let k = c[2] - hk; k <= c[2] + hk; k++)
    for (let j = c[1] - hj; j <= c[1] + hj; j++)
      for (let i = c[0] - hi; i <= c[0] + hi; i++) {
        if (k < 0 || j < 0 || i < 0 || k >= series.dims[2] || j >= series.dims[1] || i >= series.dims[0]) continue;
        values.push(huAt(series, i, j, k));
      }
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)]!;
}
