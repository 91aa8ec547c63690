/**
 * Which model packs fit a series, and which of them can draft a report. A pack fits when it loaded
 * (status ok), its declared modality is the series', its declared body part (if any) is the series'
 * BodyPartExamined (or that is not recorded), and its input checks pass: Hounsfield units where the
 * input says "units": "HU", and a stack of several slices for a 3D input. Only packs with a report
 * drafter (the chest-ct pipeline: drafting/draft-report.ts) can draft; others only add regions.
 */
import type { ModelPackListing } from '../../inference/model-pack';

export interface FitSeries {
  modality: string | null;
  bodyPart: string | null;
  units: 'HU' | 'raw';
  dims: readonly number[];
}

export interface PackFit {
  id: string;
  version: string | null;
  fits: boolean;
  /** Whether the pack can write a draft report (a report drafter exists for it). */
  drafts: boolean;
  /** Why it does not fit (empty when it fits). */
  reasons: string[];
  /** Things that were not checked (e.g. body part not recorded). */
  notes: string[];
}

/** Packs whose regions the report drafter knows how to describe. */
export const DRAFTING_PIPELINES: readonly string[] = ['chest-ct'];

/** Body part names that mean the same region. */
const BODY_PART_GROUPS: readonly (readonly string[])[] = [
  ['CHEST', 'THORAX', 'LUNG', 'LUNGS'],
  ['BRAIN', 'HEAD', 'SKULL'],
];

function sameBodyPart(a: string, b: string): boolean {
  const x = a.trim().toUpperCase();
  const y = b.trim().toUpperCase();
  return x === y || BODY_PART_GROUPS.some((g) => g.includes(x) && g.includes(y));
}

export function packFit(listing: ModelPackListing, series: FitSeries): PackFit {
  const manifest = listing.pack?.manifest as { modality?: string; bodyPart?: string; inputs?: { units?: string; shape?: unknown[] }[]; pipeline?: string } | undefined;
  const reasons: string[] = [];
  const notes: string[] = [];
  if (listing.status !== 'ok' || !manifest) {
    reasons.push(`pack ${listing.status}${listing.error ? `: ${listing.error.message}` : ''}`);
  } else {
    const modality = manifest.modality?.toUpperCase() ?? null;
    if (modality && modality !== (series.modality ?? '').toUpperCase()) reasons.push(`needs ${modality}, the series is ${series.modality ?? 'of unknown modality'}`);
    if (manifest.bodyPart) {
      if (!series.bodyPart) notes.push(`body part not recorded (the pack expects ${manifest.bodyPart})`);
      else if (!sameBodyPart(manifest.bodyPart, series.bodyPart)) reasons.push(`needs ${manifest.bodyPart}, the series shows ${series.bodyPart}`);
    }
    const input = manifest.inputs?.[0];
    if (input?.units === 'HU' && series.units !== 'HU') reasons.push('needs Hounsfield units');
    if ((input?.shape?.length ?? 0) >= 5 && (series.dims[2] ?? 1) < 2) reasons.push('needs a 3D stack of slices, the series is a single image');
  }
  const drafts = manifest?.pipeline !== undefined && DRAFTING_PIPELINES.includes(manifest.pipeline);
  return { id: listing.id, version: listing.version, fits: reasons.length === 0, drafts, reasons, notes };
}

/** The first pack that fits and drafts, with `modelId` preferred when given. */
export function draftingPack(fits: readonly PackFit[], modelId?: string): PackFit | null {
  const usable = fits.filter((f) => f.fits && f.drafts);
  return (modelId ? usable.find((f) => f.id === modelId) : usable[0]) ?? null;
}

/** Why nothing can draft: one line naming each drafting pack and what failed. */
export function noDraftReason(fits: readonly PackFit[]): string {
  const drafting = fits.filter((f) => f.drafts);
  if (drafting.length === 0) return 'no installed model pack can draft a report';
  return `no model pack fits this study: ${drafting.map((f) => `${f.id} ${f.reasons.join('; ')}`).join('; ')}`;
}
