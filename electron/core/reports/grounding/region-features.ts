/**
 * What grounding needs to know about a region, read once per region: the finding concepts and
 * anatomy terms of its label, its side (from its laterality, else from its centroid relative to the
 * patient's midline in LPS coordinates: +x is the patient's left), its zone and its size.
 */
import type { Region } from '../../regions/region';
import { CONCEPT_GROUP, LEXICON, normaliseZone, zoneWord, type Concept, type ConceptGroup, type Lobe, type Side, type Zone } from './lexicon';
import { parseSentence } from './sentence-parser';

export interface RegionFeatures {
  region: Region;
  concepts: Concept[];
  groups: ConceptGroup[];
  anatomy: string[];
  lobes: Lobe[];
  side: Side | 'midline' | 'bilateral' | null;
  zone: Zone | null;
}

interface LabelInfo {
  concepts: Concept[];
  anatomy: string[];
  lobes: Lobe[];
  sides: Side[];
  zones: Zone[];
}

const labelCache = new Map<string, LabelInfo>();

/** Words of region labels that are not anatomy ("main", "zone"...), so never extra anatomy terms. */
const LABEL_STOP_WORDS = new Set(['main', 'zone', 'zones', 'of', 'the', 'and', 'structure', 'region', 'segment']);

function unknownLabelWords(label: string): string[] {
  return label
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length > 2 && !LEXICON.has(w) && !LABEL_STOP_WORDS.has(w));
}

/** Concepts and anatomy of a label; for anatomy labels, unknown words count as anatomy terms. */
export function labelInfo(label: string, kind: Region['kind']): LabelInfo {
  const key = `${kind}\u0000${label}`;
  const cached = labelCache.get(key);
  if (cached) return cached;
  const p = parseSentence(label, kind === 'anatomy' ? { extraAnatomy: new Set(unknownLabelWords(label)) } : {});
  const all = [...p.mentions, ...p.normals, ...p.anatomyStatements];
  const info: LabelInfo = {
    concepts: [...new Set(p.mentions.flatMap((m) => m.concepts))],
    anatomy: [...new Set(all.flatMap((m) => m.anatomy))],
    lobes: [...new Set(all.flatMap((m) => m.lobes))],
    sides: [...new Set(all.flatMap((m) => m.sides))],
    zones: [...new Set(all.flatMap((m) => m.zones))],
  };
  labelCache.set(key, info);
  return info;
}

/** Words of anatomy region labels the lexicon does not know ("thymus", "body"): extra anatomy terms. */
export function extraAnatomyWords(regions: readonly Region[]): Set<string> {
  const out = new Set<string>();
  for (const r of regions) {
    if (r.kind === 'anatomy') for (const w of unknownLabelWords(r.label)) out.add(w);
  }
  return out;
}

/**
 * The patient's midline x (LPS mm): midway between the right-sided and left-sided anatomy regions
 * when there are both, else 0 (the scanner isocentre, close enough for a fallback).
 */
export function midlineX(regions: readonly Region[]): number {
  let rightMax = -Infinity;
  let leftMin = Infinity;
  for (const r of regions) {
    if (r.kind !== 'anatomy') continue;
    if (r.laterality === 'right') rightMax = Math.max(rightMax, r.worldBox.max[0]);
    if (r.laterality === 'left') leftMin = Math.min(leftMin, r.worldBox.min[0]);
  }
  return Number.isFinite(rightMax) && Number.isFinite(leftMin) ? (rightMax + leftMin) / 2 : 0;
}

/** Centroids closer than this to the midline get no side from coordinates. */
const MIDLINE_MARGIN_MM = 10;

export function sideFromCoordinates(region: Region, midline: number): Side | 'midline' {
  const dx = region.centroid[0] - midline;
  if (Math.abs(dx) < MIDLINE_MARGIN_MM) return 'midline';
  return dx > 0 ? 'left' : 'right';
}

export function regionFeatures(region: Region, midline: number): RegionFeatures {
  const info = labelInfo(region.label, region.kind);
  const side = region.laterality ?? (info.sides.length === 1 ? info.sides[0]! : sideFromCoordinates(region, midline));
  const zone = normaliseZone(region.zone) ?? (info.zones.length === 1 ? info.zones[0]! : null);
  return {
    region,
    concepts: info.concepts,
    groups: [...new Set(info.concepts.map((c) => CONCEPT_GROUP[c]))],
    anatomy: info.anatomy,
    lobes: info.lobes,
    side,
    zone,
  };
}

/** Human description of a region for messages: "8 mm nodule, right lower zone", "5 mm nodule, right mid zone". */
export function describeRegion(r: Region): string {
  const size = r.diameterMm !== null ? `${Math.round(r.diameterMm)} mm ` : '';
  const zone = zoneWord(r.zone) ?? r.zone;
  const where = [r.laterality && r.laterality !== 'midline' ? r.laterality : null, zone ? `${zone} zone` : null].filter(Boolean).join(' ');
  return `${size}${r.label}${where ? `, ${where}` : ''}`;
}
