/** RadGround demo data: a synthetic adult chest CT phantom (current + one-year prior) as real DICOM. */
export { generateDemoStudies, ensureDemoStudies, demoStudiesDir, readDemoManifest, encodeDemoSlice, sliceFileName } from './generate';
export { renderPhantom, renderPhantomVolume, NOISE_SD_HU, LUNG_WINDOW, type PhantomRender } from './render';
export {
  demoExamSpec,
  bodyToWorld,
  worldToBody,
  sopInstanceUid,
  DEFAULT_SEED,
  DEFAULT_SLICE_SPACING_MM,
  DEMO_PATIENT,
  type DemoExamSpec,
  type DemoOptions,
  type Pose,
} from './exam-spec';
export {
  DemoManifestSchema,
  DemoExamManifestSchema,
  LesionTruthSchema,
  MANIFEST_FILE,
  type DemoManifest,
  type DemoExamManifest,
  type LesionTruth,
} from './manifest';
export { buildPhantomModel, buildPhantomAnatomy, LUNG_HU, type PhantomModel, type PhantomAnatomy } from './phantom-model';
export { LESION_DEFINITIONS, type ExamRole, type LesionKind, type PlacedLesion } from './lesions';
export { LungGeometry, FISSURES, type Lobe, type LungSide, type Zone } from './lungs';
export { LABEL } from './shapes';
export { DEMO_GENERATOR_VERSION } from './version';
export { CT_IMAGE_STORAGE, RESCALE_INTERCEPT } from './ct-slice';
