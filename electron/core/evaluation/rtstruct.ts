/**
 * DICOM RTSTRUCT: ROIs whose ROIName (3006,0026) matches `roiPattern` (case-insensitive regular
 * expression; every ROI without one) are lesions. Each ROI's CLOSED_PLANAR contours (ContourData,
 * world LPS mm) are mapped to the volume's index space, each filled on its nearest slice; each
 * 26-connected piece of an ROI is one mark (reader 'rtstruct').
 */
import { RadGroundError } from '../errors/radground-error';
import { dicomParser, type DataSet } from '../dicom/dicom-parser-module';
import { DataSetReader } from '../dicom/dataset/dataset-reader';
import { textDecoderForCharacterSet } from '../dicom/dataset/character-set';
import { worldToIndex } from '../../shared/geometry/grid';
import { forEachComponent } from '../imaging/connected-components';
import type { Volume } from '../volume-assembly/volume';
import { MAX_DICOM_BYTES, readCheckedFile } from './annotation-files';
import { fillPolygon, sliceIndicesToVolume } from './fill-polygon';
import type { ReaderMark } from './reference-lesions';

const RTSTRUCT_SOP_CLASS = '1.2.840.10008.5.1.4.1.1.481.3';
const MAX_CONTOUR_POINTS = 1_000_000;

export interface RtstructRoi {
  number: number;
  name: string;
  /** Contours as flat world points [x0, y0, z0, x1, ...]. */
  contours: number[][];
}

export interface RtstructMarks {
  marks: ReaderMark[];
  rois: { number: number; name: string; matched: boolean; contours: number }[];
}

/** ROIs and their contours, from a Part 10 RTSTRUCT file's bytes. */
export function parseRtstruct(bytes: Uint8Array, what: string): RtstructRoi[] {
  let dataSet: DataSet;
  try {
    dataSet = dicomParser.parseDicom(bytes);
  } catch (e) {
    throw new RadGroundError('CORRUPT_INPUT', `${what}: not a readable DICOM file (${e instanceof Error ? e.message : String(e)})`);
  }
  const charset = dataSet.elements.x00080005 ? dataSet.string('x00080005') : undefined;
  const top = new DataSetReader(dataSet, textDecoderForCharacterSet(charset));
  const sopClass = top.string('x00080016') ?? top.string('x00020002');
  if (sopClass !== RTSTRUCT_SOP_CLASS) throw new RadGroundError('UNSUPPORTED_INPUT', `${what}: SOP class ${sopClass ?? 'missing'} is not RT Structure Set`);
  const names = new Map<number, string>();
  for (const item of top.items('x30060020')) {
    const number = item.numberString('x30060022');
    if (number !== null) names.set(number, item.text('x30060026') ?? '');
  }
  let points = 0;
  return top.items('x30060039').map((roi) => {
    const number = roi.numberString('x30060084');
    if (number === null) throw new RadGroundError('CORRUPT_INPUT', `${what}: an ROI contour has no Referenced ROI Number`);
    const contours: number[][] = [];
    for (const c of roi.items('x30060040')) {
      const type = c.string('x30060042');
      if (type !== null && type !== 'CLOSED_PLANAR' && type !== 'POINT') continue;
      const data = c.numberStrings('x30060050');
      if (!data || data.length % 3 !== 0) throw new RadGroundError('CORRUPT_INPUT', `${what}: ROI ${number} has Contour Data that is not x\\y\\z triplets`);
      points += data.length / 3;
      if (points > MAX_CONTOUR_POINTS) throw new RadGroundError('UNSUPPORTED_INPUT', `${what}: more than ${MAX_CONTOUR_POINTS} contour points`);
      contours.push(data);
    }
    return { number, name: names.get(number) ?? '', contours };
  });
}

export function readRtstruct(path: string, volume: Volume, roiPattern: string | undefined): RtstructMarks {
  return rtstructMarks(parseRtstruct(readCheckedFile(path, MAX_DICOM_BYTES, 'RTSTRUCT'), path), volume, roiPattern);
}

export function rtstructMarks(rois: readonly RtstructRoi[], volume: Volume, roiPattern: string | undefined): RtstructMarks {
  const pattern = roiPattern ? new RegExp(roiPattern, 'i') : null;
  const [nx, ny, nz] = volume.dims;
  const marks: ReaderMark[] = [];
  const summary: RtstructMarks['rois'] = [];
  for (const roi of rois) {
    const matched = pattern === null || pattern.test(roi.name);
    summary.push({ number: roi.number, name: roi.name, matched, contours: roi.contours.length });
    if (!matched) continue;
    const perSlice = new Map<number, number[]>();
    for (const data of roi.contours) {
      const ij: number[] = [];
      let kSum = 0;
      for (let p = 0; p < data.length; p += 3) {
        const idx = worldToIndex(volume, [data[p]!, data[p + 1]!, data[p + 2]!]);
        ij.push(idx[0], idx[1]);
        kSum += idx[2];
      }
      const k = Math.round(kSum / (data.length / 3));
      if (k < 0 || k >= nz) continue;
      perSlice.set(k, [...(perSlice.get(k) ?? []), ...fillPolygon(ij, nx, ny)]);
    }
    if (perSlice.size === 0) continue;
    const voxels = sliceIndicesToVolume(perSlice, nx, ny);
    const labels = new Uint8Array(nx * ny * nz);
    for (const v of voxels) labels[v] = 1;
    forEachComponent(labels, volume.dims, 26, [1], (_, piece) => marks.push({ reader: 'rtstruct', voxels: Int32Array.from(piece).sort() }));
  }
  return { marks, rois: summary };
}
