/**
 * Writes the built-in chest-ct model pack: native-models/chest-ct/chest-ct.onnx and manifest.json.
 *
 *   npx tsx build/models/generate-chest-ct-model.ts [outDir]
 *
 * Deterministic: the same sources always give byte-identical files (a test regenerates and compares).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BLOB_SCALES_MM,
  CHEST_CT_INPUT_NAME,
  CHEST_CT_MODEL_ID,
  CHEST_CT_MODEL_VERSION,
  CHEST_CT_OPSET,
  CHEST_CT_OUTPUTS,
  SCT,
  WORKING_SPACING_MM,
} from '../../electron/core/analysis/chest-ct/model-contract';
import { buildChestCtGraph } from './chest-ct-graph';

export const CHEST_CT_ONNX_FILE = 'chest-ct.onnx';
export const CHEST_CT_MANIFEST_FILE = 'manifest.json';
const SPATIAL = ['batch', 1, 'depth', 'height', 'width'];

export function buildChestCtModelBytes(): Uint8Array {
  const g = buildChestCtGraph();
  return g.encode({
    graphName: 'radground_chest_ct',
    docString:
      'RadGround built-in chest CT pre-processing graph: HU clip, Gaussian smoothing, tissue thresholds, ' +
      'pooling morphology and a multi-scale Hessian blob filter on a 2 x 2 x 2.5 mm working grid.',
    inputs: [{ name: CHEST_CT_INPUT_NAME, elemType: 'float32', shape: SPATIAL, docString: 'CT in HU on the working grid' }],
    outputs: CHEST_CT_OUTPUTS.map((o) => ({ name: o.name, elemType: o.dtype, shape: SPATIAL, docString: o.meaning })),
    opset: CHEST_CT_OPSET,
    producerVersion: CHEST_CT_MODEL_VERSION,
    modelVersion: 1,
    metadata: { 'radground.model_id': CHEST_CT_MODEL_ID, 'radground.version': CHEST_CT_MODEL_VERSION },
  });
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function buildChestCtManifest(onnx: Uint8Array): Record<string, unknown> {
  return {
    id: CHEST_CT_MODEL_ID,
    name: 'Chest CT: body, lungs, airways and lung nodules (built-in)',
    version: CHEST_CT_MODEL_VERSION,
    task: 'segmentation',
    modality: 'CT',
    bodyPart: 'CHEST',
    license: 'UNLICENSED (RadGround)',
    generatedBy: 'build/models/generate-chest-ct-model.ts',
    // Pre- and post-processing are the built-in TypeScript pipeline of that name (see the inference pack schema).
    pipeline: 'chest-ct',
    description:
      'A small hand-built ONNX graph (no learned weights) for the dense voxel work, followed by TypeScript ' +
      'post-processing in electron/core/analysis/chest-ct. Not a diagnostic device.',
    files: [{ path: CHEST_CT_ONNX_FILE, sha256: sha256Hex(onnx), bytes: onnx.length }],
    onnx: { opset: CHEST_CT_OPSET, irVersion: 8 },
    inputs: [
      {
        name: CHEST_CT_INPUT_NAME,
        shape: SPATIAL,
        dtype: 'float32',
        units: 'HU',
        layout: 'depth = slice k, height = row j, width = column i (the Volume scalar order)',
      },
    ],
    preprocessing: {
      resample: {
        spacingMm: [...WORKING_SPACING_MM],
        axes: "the volume's own i, j, k axes (no reorientation)",
        method: 'separable linear (tent) filter, widened when downsampling (antialiased)',
      },
      rescale: 'none: Hounsfield units in, the graph clips them',
    },
    outputs: CHEST_CT_OUTPUTS.map((o) => ({
      name: o.name,
      shape: SPATIAL,
      dtype: o.dtype,
      channels: [
        {
          index: 0,
          label: o.label,
          meaning: o.meaning,
          code: o.snomed ? { scheme: 'SCT', value: o.snomed.code, meaning: o.snomed.meaning } : null,
          ...(o.name === 'blob_scale' ? { scalesMm: [...BLOB_SCALES_MM] } : {}),
        },
      ],
    })),
    postprocessing: {
      implementation: 'electron/core/analysis/chest-ct (analyzeChestCt)',
      steps: [
        'body: largest 3D connected component of `body`, holes filled per slice',
        'airways: trachea tracked down from the top slices as a round midline air column, main bronchi followed below the carina',
        'lungs: large air components inside the body (bowel gas rejected by its density), airways removed; right and left separated by eroding until two components appear, then growing back (geodesic)',
        'lung envelope (reported as each lung): holes filled per slice, craniocaudal gap closing (<= 60 mm), per-slice 20 mm disc closing, so juxtapleural and juxtamediastinal lesions lie inside',
        'zones: upper / middle / lower thirds of each lung\'s craniocaudal extent as far as the scan shows it',
        'findings: opened solid components and blob-filter cores inside the envelope, re-segmented on the original grid at half the lesion-to-lung contrast; kept when round (3D and in-plane), isolated (little bright tissue cut by the growth limit or continuing in the next slice: vessels) and bulging into the lung (not a wedge of wall); diameter >= 3.5 mm; nodule < 30 mm <= mass; confidence from roundness, isolation, contrast, size and blob response',
      ],
      regionCodes: Object.values(SCT),
    },
  };
}

export interface GeneratedChestCtModel {
  onnxPath: string;
  manifestPath: string;
  sha256: string;
  bytes: number;
}

export function generateChestCtModel(outDir: string): GeneratedChestCtModel {
  const onnx = buildChestCtModelBytes();
  const manifest = `${JSON.stringify(buildChestCtManifest(onnx), null, 2)}\n`;
  mkdirSync(outDir, { recursive: true });
  const onnxPath = join(outDir, CHEST_CT_ONNX_FILE);
  const manifestPath = join(outDir, CHEST_CT_MANIFEST_FILE);
  writeFileSync(onnxPath, onnx);
  writeFileSync(manifestPath, manifest);
  return { onnxPath, manifestPath, sha256: sha256Hex(onnx), bytes: onnx.length };
}

export const DEFAULT_CHEST_CT_OUT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'native-models', 'chest-ct');

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const out = generateChestCtModel(resolve(process.argv[2] ?? DEFAULT_CHEST_CT_OUT_DIR));
  process.stdout.write(`wrote ${out.onnxPath} (${out.bytes} bytes, sha256 ${out.sha256})\nwrote ${out.manifestPath}\n`);
}
