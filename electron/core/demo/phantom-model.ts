/**
 * Assembles the phantom: an ordered painter list (the voxel model is drawn from it) plus the exact
 * ground truth it was drawn from (lung geometry, lobes, lesions, vessel centrelines).
 */
import { airwayPainters, greatVesselPainters, heartPainters, oesophagusPainters } from './mediastinum';
import { lesionShape, LOBULE_REACH, placeLesions, type ExamRole, type PlacedLesion } from './lesions';
import { FISSURES, LungGeometry } from './lungs';
import { Rng } from './prng';
import { LABEL, type Painter } from './shapes';
import { ribPainters, shoulderGirdlePainters, spinePainters, sternumPainters } from './skeleton';
import { abdomenPainters, trunkWallPainters } from './torso';
import { growVesselTrees, vesselRoots, type VesselSegment } from './vessel-tree';

/** Lung parenchyma, HU at the reference height, and its gravity gradient (denser posteriorly). */
export const LUNG_HU = -850;
export const LUNG_HU_PER_MM_Y = 0.2;
const LUNG_REF_Y = 0;

export interface PhantomAnatomy {
  seed: number;
  lungs: LungGeometry;
  lesions: PlacedLesion[];
  vessels: VesselSegment[];
}

export interface PhantomModel extends PhantomAnatomy {
  role: ExamRole;
  /** Body-frame painters in drawing order (the table is added by the exam, in scanner space). */
  painters: Painter[];
}

const anatomyCache = new Map<number, PhantomAnatomy>();

/** Seed-dependent anatomy (the vessel trees are the random part), shared by both exams. */
export function buildPhantomAnatomy(seed: number): PhantomAnatomy {
  const cached = anatomyCache.get(seed);
  if (cached) return cached;
  const lungs = new LungGeometry();
  const lesions = placeLesions(lungs);
  const obstacles = lesions.map((l) => {
    const r = Math.max(l.diameterMm.current, l.diameterMm.prior) / 2;
    return { centre: l.centre, radius: l.kind === 'mass' ? r * LOBULE_REACH : r };
  });
  const vessels = growVesselTrees(lungs, obstacles, new Rng(seed, 'vessels'));
  const anatomy = { seed, lungs, lesions, vessels };
  anatomyCache.set(seed, anatomy);
  return anatomy;
}

export function buildPhantomModel(seed: number, role: ExamRole): PhantomModel {
  const anatomy = buildPhantomAnatomy(seed);
  const { lungs, lesions, vessels } = anatomy;
  const lungBoxes = { right: lungs.box('right'), left: lungs.box('left') };
  const painters: Painter[] = [
    ...trunkWallPainters(),
    ...abdomenPainters(),
    {
      name: 'right lung',
      shape: { kind: 'lung', side: 'right' },
      hu: LUNG_HU,
      huPerMmY: LUNG_HU_PER_MM_Y,
      huRefY: LUNG_REF_Y,
      edgeMm: 1,
      label: LABEL.rightLung,
    },
    {
      name: 'left lung',
      shape: { kind: 'lung', side: 'left' },
      hu: LUNG_HU,
      huPerMmY: LUNG_HU_PER_MM_Y,
      huRefY: LUNG_REF_Y,
      edgeMm: 1,
      label: LABEL.leftLung,
    },
    // Fissures: thin, slightly denser sheets within each lung.
    {
      name: 'right oblique fissure',
      shape: { kind: 'slab', ...FISSURES.rightOblique, halfThickness: 0.35, ...lungBoxes.right },
      hu: -650,
      edgeMm: 0.6,
      label: null,
      onlyOver: [LABEL.rightLung],
    },
    {
      name: 'right horizontal fissure',
      shape: { kind: 'slab', ...FISSURES.rightHorizontal, halfThickness: 0.35, ...lungBoxes.right, keep: [FISSURES.rightOblique] },
      hu: -650,
      edgeMm: 0.6,
      label: null,
      onlyOver: [LABEL.rightLung],
    },
    {
      name: 'left oblique fissure',
      shape: { kind: 'slab', ...FISSURES.leftOblique, halfThickness: 0.35, ...lungBoxes.left },
      hu: -650,
      edgeMm: 0.6,
      label: null,
      onlyOver: [LABEL.leftLung],
    },
    ...heartPainters(),
    ...greatVesselPainters(),
    ...oesophagusPainters(),
    ...airwayPainters(),
    ...spinePainters(),
    ...ribPainters(),
    ...sternumPainters(),
    ...shoulderGirdlePainters(),
    // Hilar connections: from the central pulmonary arteries/veins to where each tree starts.
    ...vesselRoots(lungs).map(
      (root, i): Painter => ({
        name: `hilar vessel ${i}`,
        shape: { kind: 'tube', points: [root.hilum, root.start], radii: [5, 4] },
        hu: 40,
        edgeMm: 1,
        label: LABEL.body,
        sliceProfile: true,
      }),
    ),
    ...vessels.map(
      (s, i): Painter => ({
        name: `pulmonary vessel ${i}`,
        shape: { kind: 'tube', points: [s.a, s.b], radii: [s.ra, s.rb] },
        hu: 40,
        edgeMm: 0.9,
        label: null,
        onlyOver: [LABEL.rightLung, LABEL.leftLung],
        sliceProfile: true,
      }),
    ),
    ...lesions.map(
      (l): Painter => ({
        name: `lesion ${l.id}`,
        shape: lesionShape(l, l.diameterMm[role]),
        hu: 40,
        edgeMm: 1.2,
        label: null,
        sliceProfile: true,
      }),
    ),
  ];
  return { ...anatomy, role, painters };
}
