/**
 * Regular-step gradient ascent of the similarity over the six rigid parameters (the scheme of ITK's
 * RegularStepGradientDescentOptimizer): move a fixed step along the normalised gradient, halve the
 * step whenever the gradient turns back (the optimum was passed), stop when the step is small.
 * Rotations are scaled by ROTATION_RADIUS_MM so that one unit of either kind moves points by about
 * the same distance in the chest.
 */
import type { RegistrationImage } from './registration-image';
import type { SampleSet } from './sample-set';
import { similarity, type RigidParams } from './similarity';

export const ROTATION_RADIUS_MM = 100;

export interface StepSchedule {
  /** First step, mm. */
  initialStepMm: number;
  /** Stop below this step, mm. */
  minStepMm: number;
  maxIterations: number;
}

export interface OptimizeResult {
  params: RigidParams;
  ncc: number;
  iterations: number;
}

function toVector(p: RigidParams): number[] {
  return [...p.translation, ...p.angles.map((a) => a * ROTATION_RADIUS_MM)];
}

function fromVector(q: readonly number[]): RigidParams {
  return { translation: [q[0]!, q[1]!, q[2]!], angles: [q[3]! / ROTATION_RADIUS_MM, q[4]! / ROTATION_RADIUS_MM, q[5]! / ROTATION_RADIUS_MM] };
}

export function optimizeRigid(samples: SampleSet, moving: RegistrationImage, start: RigidParams, schedule: StepSchedule): OptimizeResult {
  let q = toVector(start);
  let step = schedule.initialStepMm;
  let previous: number[] | null = null;
  let best = { q, ncc: -Infinity };
  let iterations = 0;
  while (iterations < schedule.maxIterations && step >= schedule.minStepMm) {
    iterations++;
    const value = similarity(samples, moving, fromVector(q), true);
    if (value.ncc > best.ncc) best = { q, ncc: value.ncc };
    const raw = value.gradient!;
    const g = [raw[0]!, raw[1]!, raw[2]!, raw[3]! / ROTATION_RADIUS_MM, raw[4]! / ROTATION_RADIUS_MM, raw[5]! / ROTATION_RADIUS_MM];
    const norm = Math.hypot(...g);
    if (!(norm > 0)) break;
    if (previous && g.reduce((s, v, i) => s + v * previous![i]!, 0) < 0) step /= 2;
    previous = g;
    q = q.map((v, i) => v + (step * g[i]!) / norm);
  }
  const final = similarity(samples, moving, fromVector(q), false);
  if (final.ncc > best.ncc) best = { q, ncc: final.ncc };
  return { params: fromVector(best.q), ncc: best.ncc, iterations };
}
