/** Shared helpers for the chest-ct analysis tests and benchmark. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { analyzeChestCt, type AnalyzeChestCtOptions, type ChestCtAnalysis } from '../../../../electron/core/analysis/chest-ct';
import { readDicomHeader, readModalityFrames } from '../../../../electron/core/dicom';
import type { RegionMask } from '../../../../electron/core/regions/region';
import { buildDicomVolume, groupSeriesStacks } from '../../../../electron/core/volume-assembly';
import type { Volume } from '../../../../electron/core/volume-assembly/volume';
import { projectRoot, sharedData } from '../../../support/shared-data';

export const CHEST_CT_DIR = join(projectRoot, 'native-models', 'chest-ct');
export const CHEST_CT_MODEL_PATH = join(CHEST_CT_DIR, 'chest-ct.onnx');

let session: Promise<ort.InferenceSession> | null = null;

/** One CPU session per test process (2 threads: the machines running tests have two cores). */
export function chestCtSession(): Promise<ort.InferenceSession> {
  session ??= ort.InferenceSession.create(CHEST_CT_MODEL_PATH, { executionProviders: ['cpu'], intraOpNumThreads: 2 });
  return session;
}

export async function runChestCt(volume: Volume, options?: AnalyzeChestCtOptions): Promise<ChestCtAnalysis> {
  return analyzeChestCt(volume, { session: await chestCtSession(), Tensor: ort.Tensor }, options);
}

/** A DICOM series folder of the shared data, built with the product reader. */
export async function loadDicomSeries(rel: string): Promise<Volume> {
  const dir = sharedData(rel);
  const files = readdirSync(dir).filter((f) => !f.endsWith('.txt')).sort();
  const instances = await Promise.all(files.map((f) => readDicomHeader(join(dir, f))));
  const [stack] = groupSeriesStacks(instances);
  if (!stack) throw new Error(`no DICOM series in ${dir}`);
  return buildDicomVolume(stack.instances, readModalityFrames);
}

export interface AnnotatedSlice {
  k: number;
  /** Pascal VOC pixel box: [xmin, ymin, xmax, ymax] (columns i, rows j, inclusive). */
  box: [number, number, number, number];
}

/** The A0001 tumour boxes, each mapped to its slice through the volume's SOPInstanceUIDs. */
export function a0001Annotations(volume: Volume): AnnotatedSlice[] {
  const dir = sharedData('annotations', 'lung_pet_ct_dx_A0001');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.xml'))
    .map((f) => {
      const xml = readFileSync(join(dir, f), 'utf8');
      const n = (tag: string) => Number(xml.match(new RegExp(`<${tag}>([\\d.]+)</${tag}>`))![1]);
      return { k: volume.sopInstanceUids.indexOf(f.replace(/\.xml$/, '')), box: [n('xmin'), n('ymin'), n('xmax'), n('ymax')] as AnnotatedSlice['box'] };
    })
    .sort((a, b) => a.k - b.k);
}

/** Dense 0/1 array of a region mask. */
export function decodeMask(mask: RegionMask): Uint8Array {
  const [nx, ny, nz] = mask.dims;
  const out = new Uint8Array(nx * ny * nz);
  for (const s of mask.slices) {
    for (let q = 0; q < s.runs.length; q += 2) out.fill(1, s.k * nx * ny + s.runs[q]!, s.k * nx * ny + s.runs[q]! + s.runs[q + 1]!);
  }
  return out;
}

/** Bounding box [imin, jmin, imax, jmax] of a mask on slice k, or null. */
export function sliceBox(mask: RegionMask, k: number): [number, number, number, number] | null {
  const s = mask.slices.find((x) => x.k === k);
  if (!s) return null;
  const nx = mask.dims[0];
  let i0 = Infinity, j0 = Infinity, i1 = -1, j1 = -1;
  for (let q = 0; q < s.runs.length; q += 2) {
    const a = s.runs[q]!;
    const b = a + s.runs[q + 1]! - 1;
    const ja = Math.floor(a / nx), jb = Math.floor(b / nx);
    j0 = Math.min(j0, ja);
    j1 = Math.max(j1, jb);
    if (ja !== jb) {
      i0 = 0;
      i1 = nx - 1;
    } else {
      i0 = Math.min(i0, a % nx);
      i1 = Math.max(i1, b % nx);
    }
  }
  return [i0, j0, i1, j1];
}

type PixelBox = readonly [number, number, number, number];

/** IoU of two inclusive pixel boxes. */
export function boxIou(a: PixelBox, b: PixelBox): number {
  const iw = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]) + 1);
  const ih = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]) + 1);
  const inter = iw * ih;
  const area = (x: PixelBox) => (x[2] - x[0] + 1) * (x[3] - x[1] + 1);
  return inter / (area(a) + area(b) - inter);
}

export { dice } from '../../../../electron/core/evaluation/lung-dice';
