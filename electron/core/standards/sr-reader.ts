/**
 * Reads back a Comprehensive 3D SR that RadGround wrote (sr-builder.ts): the signer and signing
 * time from the Verifying Observer, the sections and their sentences in order (AI-drafted ones carry
 * the device observer), each sentence's INFERRED FROM references to measurement groups, the groups
 * (tracking id/UID, finding and site codes, laterality, zone, measurements, SEG segment, source
 * series and images, a volume surface where present), the addenda and the predecessor SR.
 *
 * Only RadGround's own SRs are read (isRadGroundSr): Manufacturer RadGround, TID 1500, the
 * Imaging Measurement Report root with an Imaging Measurements container. Anything else is left to
 * the import as before. A RadGround SR that breaks the structure is CORRUPT_INPUT.
 */
import { RadGroundError } from '../errors/radground-error';
import type { Laterality, RegionCode } from '../regions/region';
import { SECTION_NAMES, type SectionName } from '../../shared/api/channels/report-schemas';
import { C, PRIVATE_SCHEME, type Code } from './coded-concepts';
import type { Dataset } from './dcmjs-writer';
import { MANUFACTURER } from './dicom-common';
import { COMPREHENSIVE_3D_SR, LATERALITY, SECTION_CODES, ZONE } from './sr-builder';
import { SEG_SOP_CLASS } from './seg-builder';

export interface SrMeasurementGroup {
  /** 1-based position in the Imaging Measurements container (what INFERRED FROM points at). */
  index: number;
  trackingId: string | null;
  trackingUid: string | null;
  finding: Code | null;
  laterality: Laterality | null;
  zone: string | null;
  diameterMm: number | null;
  volumeMl: number | null;
  meanHu: number | null;
  segment: { segSopInstanceUid: string; segmentNumber: number } | null;
  sourceSeriesUid: string | null;
  sourceImages: string[];
  /** Volume surface (SCOORD3D ELLIPSOID, 6 points x,y,z: the three axes' end points), where written. */
  surface: number[] | null;
}

export interface SrSentence {
  text: string;
  origin: 'ai' | 'human';
  /** Indices (SrMeasurementGroup.index) of the groups the sentence is inferred from. */
  groups: number[];
}

export interface SrAddendum {
  text: string;
  author: string;
  createdAt: string;
}

export interface ReportSrDocument {
  sopInstanceUid: string;
  studyInstanceUid: string;
  signer: string;
  /** ISO 8601 UTC, from VerificationDateTime (else ContentDate/Time). */
  signedAt: string;
  verificationFlag: 'VERIFIED' | 'UNVERIFIED';
  predecessorUid: string | null;
  sections: { name: SectionName; sentences: SrSentence[] }[];
  groups: SrMeasurementGroup[];
  addenda: SrAddendum[];
  /** The SEG the groups point at (the first one named). */
  segSopInstanceUid: string | null;
  /** Section names the SR had that RadGround does not know (their sentences went to findings). */
  unknownSections: string[];
}

type Item = Record<string, unknown>;

/** A sequence as an array, whatever dcmjs made of it (array, single item, absent). */
export function seq(v: unknown): Item[] {
  if (Array.isArray(v)) return v.filter((x): x is Item => !!x && typeof x === 'object');
  return v && typeof v === 'object' ? [v as Item] : [];
}

/** A string or number value (the first of a multi-valued one), trimmed; null when empty or absent. */
export const str = (v: unknown): string | null => {
  const x = Array.isArray(v) ? v[0] : v;
  return typeof x === 'string' ? x.trim() || null : typeof x === 'number' ? String(x) : null;
};

function codeOf(v: unknown): Code | null {
  const c = seq(v)[0];
  if (!c) return null;
  const value = str(c.CodeValue) ?? str(c.LongCodeValue) ?? str(c.URNCodeValue);
  const scheme = str(c.CodingSchemeDesignator);
  if (!value || !scheme) return null;
  return { CodeValue: value, CodingSchemeDesignator: scheme, CodeMeaning: str(c.CodeMeaning) ?? '' };
}

const same = (a: Code | null, b: Code) => !!a && a.CodeValue === b.CodeValue && a.CodingSchemeDesignator === b.CodingSchemeDesignator;
const nameOf = (i: Item) => codeOf(i.ConceptNameCodeSequence);
const childrenOf = (i: Item) => seq(i.ContentSequence);

/** A DICOM PN (naturalized by dcmjs as [{Alphabetic}] or a string) as free text: "Doe^Jane Q" → "Jane Q Doe". */
export function personNameText(v: unknown): string | null {
  const first = Array.isArray(v) ? v[0] : v;
  const pn = typeof first === 'string' ? first : first && typeof first === 'object' ? str((first as Item).Alphabetic) : null;
  if (!pn) return null;
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = pn.split('=')[0]!.split('^');
  return [prefix, given, middle, family, suffix].map((p) => p.trim()).filter(Boolean).join(' ') || null;
}

/** DICOM DT (YYYYMMDDHHMMSS[.F][+ZZZZ]) or DA + TM as ISO 8601 UTC; null when unreadable. */
export function dicomDateTimeToIso(dt: string | null, tm?: string | null): string | null {
  const text = dt && tm !== undefined ? `${dt}${tm ?? ''}` : dt;
  const m = text ? /^(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?(?:\.(\d{1,6}))?([+-]\d{4})?$/.exec(text.trim()) : null;
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = '+0000'] = m;
  const ms = Math.round(Number(`0.${frac || '0'}`) * 1000);
  const offset = (Number(zone.slice(0, 1) + '1') * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)))) * 60_000;
  const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms) - offset;
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

/** Whether the data set is an SR that RadGround wrote (and only then will it be restored). */
export function isRadGroundSr(ds: Dataset): boolean {
  return (
    str(ds.SOPClassUID) === COMPREHENSIVE_3D_SR &&
    str(ds.Manufacturer) === MANUFACTURER &&
    seq(ds.ContentTemplateSequence).some((t) => str(t.TemplateIdentifier) === '1500' && str(t.MappingResource) === 'DCMR') &&
    same(codeOf(ds.ConceptNameCodeSequence), C.imagingMeasurementReport) &&
    seq(ds.ContentSequence).some((i) => same(nameOf(i), C.imagingMeasurements))
  );
}

function numberOf(i: Item): number | null {
  const v = str(seq(i.MeasuredValueSequence)[0]?.NumericValue);
  const n = v === null ? NaN : Number(v);
  return Number.isFinite(n) ? n : null;
}

function keyOf(table: Record<string, Code>, c: Code | null): string | null {
  return Object.entries(table).find(([, v]) => same(c, v))?.[0] ?? null;
}

function readGroup(group: Item, index: number): SrMeasurementGroup {
  const g: SrMeasurementGroup = {
    index,
    trackingId: null,
    trackingUid: null,
    finding: null,
    laterality: null,
    zone: null,
    diameterMm: null,
    volumeMl: null,
    meanHu: null,
    segment: null,
    sourceSeriesUid: null,
    sourceImages: [],
    surface: null,
  };
  for (const i of childrenOf(group)) {
    const name = nameOf(i);
    if (same(name, C.trackingIdentifier)) g.trackingId = str(i.TextValue);
    else if (same(name, C.trackingUid)) g.trackingUid = str(i.UID);
    else if (same(name, C.finding)) g.finding = codeOf(i.ConceptCodeSequence);
    else if (same(name, C.findingSite)) {
      for (const m of childrenOf(i)) {
        if (same(nameOf(m), C.laterality)) g.laterality = keyOf(LATERALITY, codeOf(m.ConceptCodeSequence)) as Laterality | null;
        else g.zone = keyOf(ZONE, codeOf(m.ConceptCodeSequence)) ?? g.zone;
      }
    } else if (same(name, C.referencedSegment)) {
      const ref = seq(i.ReferencedSOPSequence)[0];
      const uid = str(ref?.ReferencedSOPInstanceUID);
      const number = Number(str(ref?.ReferencedSegmentNumber));
      if (uid && str(ref?.ReferencedSOPClassUID) === SEG_SOP_CLASS && Number.isInteger(number)) g.segment = { segSopInstanceUid: uid, segmentNumber: number };
    } else if (same(name, C.sourceSeriesForSegmentation)) g.sourceSeriesUid = str(i.UID);
    else if (same(name, C.sourceImageForSegmentation)) {
      const uid = str(seq(i.ReferencedSOPSequence)[0]?.ReferencedSOPInstanceUID);
      if (uid) g.sourceImages.push(uid);
    } else if (same(name, C.longAxis)) g.diameterMm = numberOf(i);
    else if (same(name, C.volume)) g.volumeMl = numberOf(i);
    else if (same(name, C.attenuation)) g.meanHu = numberOf(i);
    else if (same(name, C.volumeSurface) && str(i.GraphicType) === 'ELLIPSOID') {
      const data = (Array.isArray(i.GraphicData) ? i.GraphicData : []).map(Number);
      if (data.length === 18 && data.every(Number.isFinite)) g.surface = data;
    }
  }
  return g;
}

function sectionNameOf(container: Item): string {
  const c = codeOf(container.ConceptNameCodeSequence);
  const known = Object.entries(SECTION_CODES).find(([, v]) => same(c, v.section))?.[0];
  if (known) return known;
  return c?.CodingSchemeDesignator === PRIVATE_SCHEME ? c.CodeMeaning : (c?.CodeMeaning ?? '?');
}

/** "text (author, 2026-12-07T10:31:20.000Z)" as the builder writes an addendum. */
function readAddendum(text: string): SrAddendum {
  const m = /^([\s\S]*) \(([\s\S]*), (\d{4}-\d{2}-\d{2}T[^)]*)\)$/.exec(text);
  return m ? { text: m[1]!, author: m[2]!, createdAt: m[3]! } : { text, author: 'unknown', createdAt: '' };
}

const corrupt = (uid: string, why: string) => new RadGroundError('CORRUPT_INPUT', `RadGround SR ${uid}: ${why}`);

/** The report a RadGround SR holds. Call isRadGroundSr first. */
export function readReportSr(ds: Dataset): ReportSrDocument {
  const uid = str(ds.SOPInstanceUID) ?? '?';
  const studyInstanceUid = str(ds.StudyInstanceUID);
  if (!studyInstanceUid) throw corrupt(uid, 'no Study Instance UID');
  const verifier = seq(ds.VerifyingObserverSequence)[0];
  const root = seq(ds.ContentSequence);
  const personObserver = root.find((i) => same(nameOf(i), C.personObserverName));
  const signer = personNameText(verifier?.VerifyingObserverName) ?? personNameText(personObserver?.PersonName);
  if (!signer) throw corrupt(uid, 'no verifying observer');
  const signedAt = dicomDateTimeToIso(str(verifier?.VerificationDateTime)) ?? dicomDateTimeToIso(str(ds.ContentDate), str(ds.ContentTime));
  if (!signedAt) throw corrupt(uid, 'no verification date and time');
  const measurements = root.find((i) => same(nameOf(i), C.imagingMeasurements))!;
  const groupItems = childrenOf(measurements);
  const groups = groupItems.map((g, n) => readGroup(g, n + 1));
  const measurementsAt = root.indexOf(measurements) + 1;
  const sections: ReportSrDocument['sections'] = [];
  const unknownSections: string[] = [];
  let addenda: SrAddendum[] = [];
  for (const container of root) {
    if (str(container.ValueType) !== 'CONTAINER' || container === measurements) continue;
    if (same(nameOf(container), C.addendum)) {
      addenda = childrenOf(container).map((t) => readAddendum(str(t.TextValue) ?? ''));
      continue;
    }
    const found = sectionNameOf(container);
    const name: SectionName = (SECTION_NAMES as readonly string[]).includes(found) ? (found as SectionName) : 'findings';
    if (name !== found) unknownSections.push(found);
    const sentences = childrenOf(container)
      .filter((t) => str(t.ValueType) === 'TEXT' && str(t.TextValue))
      .map((t): SrSentence => {
        const children = childrenOf(t);
        const ai = children.some((c) => same(nameOf(c), C.observerType) && same(codeOf(c.ConceptCodeSequence), C.device));
        const refs = children
          .filter((c) => str(c.RelationshipType) === 'INFERRED FROM')
          .map((c) => (Array.isArray(c.ReferencedContentItemIdentifier) ? c.ReferencedContentItemIdentifier : [c.ReferencedContentItemIdentifier]).map(Number))
          .filter((path) => path.length === 3 && path[0] === 1 && path[1] === measurementsAt && path[2]! >= 1 && path[2]! <= groups.length)
          .map((path) => path[2]!);
        return { text: String(t.TextValue).trim(), origin: ai ? 'ai' : 'human', groups: [...new Set(refs)] };
      });
    const existing = sections.find((s) => s.name === name);
    if (existing) existing.sentences.push(...sentences);
    else sections.push({ name, sentences });
  }
  const predecessor = seq(ds.PredecessorDocumentsSequence)
    .flatMap((s) => seq(s.ReferencedSeriesSequence))
    .flatMap((s) => seq(s.ReferencedSOPSequence))
    .map((s) => str(s.ReferencedSOPInstanceUID))
    .find((s): s is string => !!s);
  const flag = str(ds.VerificationFlag);
  return {
    sopInstanceUid: uid,
    studyInstanceUid,
    signer,
    signedAt,
    verificationFlag: flag === 'VERIFIED' ? 'VERIFIED' : 'UNVERIFIED',
    predecessorUid: predecessor ?? null,
    sections,
    groups,
    addenda,
    segSopInstanceUid: groups.find((g) => g.segment)?.segment?.segSopInstanceUid ?? null,
    unknownSections,
  };
}

/** A finding code as the region's code: SNOMED CT and RadLex codes; RadGround's private ones are not codes. */
export function regionCodeOf(c: Code | null): RegionCode | null {
  if (!c) return null;
  if (c.CodingSchemeDesignator === 'SCT') return { scheme: 'SCT', value: c.CodeValue, meaning: c.CodeMeaning };
  if (c.CodingSchemeDesignator === 'RADLEX') return { scheme: 'RADLEX', value: c.CodeValue, meaning: c.CodeMeaning };
  return null;
}
