/** Writes the demo studies (DICOM + manifest) and keeps a data folder's copy up to date. */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RadGroundError } from '../errors/radground-error';
import { CT_IMAGE_STORAGE, ctSliceDataset, instanceNumber, slicePixelBytes } from './ct-slice';
import { encodePart10 } from './dicom-writer';
import {
  bodyToWorld,
  DEFAULT_SEED,
  DEFAULT_SLICE_SPACING_MM,
  DEMO_PATIENT,
  demoExamSpec,
  sopInstanceUid,
  type DemoExamSpec,
  type DemoOptions,
} from './exam-spec';
import type { ExamRole } from './lesions';
import { DemoManifestSchema, MANIFEST_FILE, type DemoExamManifest, type DemoManifest, type LesionTruth } from './manifest';
import { renderPhantom, type PhantomRender } from './render';
import { DEMO_GENERATOR_VERSION } from './version';

const ROLES: ExamRole[] = ['current', 'prior'];
const WRITE_CONCURRENCY = 8;
const round4 = (v: number) => Math.round(v * 1e4) / 1e4;

/** File name of slice k: by InstanceNumber, so a directory listing runs from apex to bases. */
export function sliceFileName(exam: DemoExamSpec, k: number): string {
  return `CT${String(instanceNumber(exam, k)).padStart(4, '0')}.dcm`;
}

/** Encodes slice k of a rendered exam as a Part 10 file. */
export function encodeDemoSlice(render: PhantomRender, k: number): Buffer {
  const exam = render.exam;
  return encodePart10(CT_IMAGE_STORAGE, sopInstanceUid(exam, k), ctSliceDataset(exam, k, slicePixelBytes(exam, render.volume.scalars, k)));
}

function examManifest(render: PhantomRender): DemoExamManifest {
  const { exam, model } = render;
  const lesions: LesionTruth[] = model.lesions.map((l) => ({
    id: l.id,
    kind: l.kind,
    lobe: l.lobe,
    side: l.side,
    zone: l.zone,
    centre: bodyToWorld(exam, l.centre).map(round4) as [number, number, number],
    diameterMm: l.diameterMm[exam.role],
  }));
  return {
    role: exam.role,
    directory: exam.role,
    fileCount: exam.dims[2],
    studyInstanceUid: exam.studyInstanceUid,
    seriesInstanceUid: exam.seriesInstanceUid,
    frameOfReferenceUid: exam.frameOfReferenceUid,
    studyDate: exam.studyDate,
    studyTime: exam.studyTime,
    studyDescription: exam.studyDescription,
    seriesDescription: exam.seriesDescription,
    dims: [...exam.dims],
    spacing: [...exam.spacing],
    origin: [...exam.origin],
    direction: [...render.volume.direction],
    sliceThicknessMm: exam.sliceThicknessMm,
    pose: { rotation: [...exam.pose.rotation], translation: [...exam.pose.translation], description: exam.pose.description },
    lesions,
    lungVolumesMl: render.lungVolumesMl,
  };
}

async function clearDicomFiles(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  await Promise.all(names.filter((n) => n.toLowerCase().endsWith('.dcm')).map((n) => rm(join(dir, n), { force: true })));
}

async function writeExam(render: PhantomRender, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await clearDicomFiles(dir);
  const nz = render.exam.dims[2];
  let next = 0;
  const worker = async () => {
    while (next < nz) {
      const k = next++;
      await writeFile(join(dir, sliceFileName(render.exam, k)), encodeDemoSlice(render, k));
    }
  };
  await Promise.all(Array.from({ length: WRITE_CONCURRENCY }, worker));
}

/**
 * Generates both demo exams into outDir/current and outDir/prior (existing .dcm files there are
 * replaced) and writes outDir/demo-manifest.json last, so a manifest only exists for complete data.
 */
export async function generateDemoStudies(outDir: string, options: DemoOptions = {}): Promise<DemoManifest> {
  const seed = options.seed ?? DEFAULT_SEED;
  const sliceSpacingMm = options.sliceSpacingMm ?? DEFAULT_SLICE_SPACING_MM;
  await mkdir(outDir, { recursive: true });
  const manifestPath = join(outDir, MANIFEST_FILE);
  await rm(manifestPath, { force: true });
  const exams = {} as Record<ExamRole, DemoExamManifest>;
  for (const role of ROLES) {
    const render = renderPhantom(demoExamSpec(role, { seed, sliceSpacingMm }));
    await writeExam(render, join(outDir, role));
    exams[role] = examManifest(render);
  }
  const manifest: DemoManifest = DemoManifestSchema.parse({
    generatorVersion: DEMO_GENERATOR_VERSION,
    seed,
    sliceSpacingMm,
    patient: { ...DEMO_PATIENT },
    exams,
  });
  const tmp = `${manifestPath}.tmp`;
  await writeFile(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(tmp, manifestPath);
  return manifest;
}

/** Reads and validates a demo manifest; null when absent or unreadable. */
export async function readDemoManifest(dir: string): Promise<DemoManifest | null> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = DemoManifestSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function dicomCount(dir: string): Promise<number> {
  try {
    return (await readdir(dir)).filter((n) => n.toLowerCase().endsWith('.dcm')).length;
  } catch {
    return 0;
  }
}

const inFlight = new Map<string, Promise<DemoManifest>>();

/** Where ensureDemoStudies keeps the demo studies of a data folder. */
export function demoStudiesDir(dataDir: string): string {
  return join(dataDir, 'demo');
}

/**
 * Makes sure <dataDir>/demo holds the demo studies of this generator version (and these options),
 * generating them only when the manifest is missing, invalid, from another generator version or
 * another seed/spacing, or when DICOM files are missing. Returns the manifest.
 */
export async function ensureDemoStudies(dataDir: string, options: DemoOptions = {}): Promise<DemoManifest> {
  const dir = demoStudiesDir(dataDir);
  const running = inFlight.get(dir);
  if (running) return running;
  const job = (async () => {
    const seed = options.seed ?? DEFAULT_SEED;
    const sliceSpacingMm = options.sliceSpacingMm ?? DEFAULT_SLICE_SPACING_MM;
    const existing = await readDemoManifest(dir);
    if (
      existing &&
      existing.generatorVersion === DEMO_GENERATOR_VERSION &&
      existing.seed === seed &&
      existing.sliceSpacingMm === sliceSpacingMm
    ) {
      const counts = await Promise.all(ROLES.map((r) => dicomCount(join(dir, existing.exams[r].directory))));
      if (ROLES.every((r, i) => counts[i] === existing.exams[r].fileCount)) return existing;
    }
    try {
      return await generateDemoStudies(dir, { seed, sliceSpacingMm });
    } catch (e) {
      throw e instanceof RadGroundError ? e : new RadGroundError('INTERNAL', `could not generate the demo studies: ${String(e)}`, { dir });
    }
  })();
  inFlight.set(dir, job);
  try {
    return await job;
  } finally {
    inFlight.delete(dir);
  }
}
