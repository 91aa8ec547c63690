/**
 * DICOM Comprehensive 3D SR of a signed report, after TID 1500 (Imaging Measurement Report):
 * observation context (the signer; the RadGround device and its model packs for AI content),
 * procedure reported, one measurement group per linked region (tracking id/UID, finding, finding
 * site with laterality, long axis / volume / mean HU in UCUM units, its SEG segment and source
 * images), and the report's sections with every sentence as a TEXT item that points at its
 * regions' groups by reference (INFERRED FROM), so the sentence-region links survive.
 */
import type { Region } from '../regions/region';
import { C, code, PRIVATE_SCHEME, type Code } from './coded-concepts';
import type { Dataset } from './dcmjs-writer';
import { dicomDateTime, equipmentModules, MANUFACTURER, patientStudyModules, personName, stableUid } from './dicom-common';
import type { ReportDicomSource } from './report-source';
import { regionTypeCode, SEG_SOP_CLASS, sourceImagesOf, type SegSegment } from './seg-builder';
import { trackingOf } from './tracking';

export const COMPREHENSIVE_3D_SR = '1.2.840.10008.5.1.4.1.1.88.34';

type Item = Dataset;

/** The section containers and their sentence items (other sections: a private code named after the section). */
export const SECTION_CODES: Record<string, { section: Code; item: Code }> = {
  indication: { section: C.indication, item: C.comment },
  findings: { section: C.findings, item: C.finding },
  impression: { section: C.impression, item: C.impression },
};

const concept = (c: Code) => ({ ConceptNameCodeSequence: [c] });
const text = (rel: string, name: Code, value: string): Item => ({ RelationshipType: rel, ValueType: 'TEXT', ...concept(name), TextValue: value });
const codeItem = (rel: string, name: Code, value: Code, children?: Item[]): Item => ({
  RelationshipType: rel,
  ValueType: 'CODE',
  ...concept(name),
  ConceptCodeSequence: [value],
  ...(children?.length ? { ContentSequence: children } : {}),
});
const uidref = (rel: string, name: Code, uid: string): Item => ({ RelationshipType: rel, ValueType: 'UIDREF', ...concept(name), UID: uid });
const num = (name: Code, value: number, unit: Code, children?: Item[]): Item => ({
  RelationshipType: 'CONTAINS',
  ValueType: 'NUM',
  ...concept(name),
  MeasuredValueSequence: [{ NumericValue: String(+value.toPrecision(10)).slice(0, 16), MeasurementUnitsCodeSequence: [unit] }],
  ...(children?.length ? { ContentSequence: children } : {}),
});
const container = (rel: string, name: Code, children: Item[]): Item => ({ RelationshipType: rel, ValueType: 'CONTAINER', ...concept(name), ContinuityOfContent: 'SEPARATE', ContentSequence: children });

export function deviceObserverUid(source: ReportDicomSource): string {
  return stableUid('device', MANUFACTURER, ...source.modelPacks.map((m) => `${m.id}@${m.version}`));
}

function observerContext(source: ReportDicomSource): Item[] {
  const items = [codeItem('HAS OBS CONTEXT', C.observerType, C.person), { RelationshipType: 'HAS OBS CONTEXT', ValueType: 'PNAME', ...concept(C.personObserverName), PersonName: personName(source.report.signedBy) }];
  if (source.modelPacks.length) {
    items.push(
      codeItem('HAS OBS CONTEXT', C.observerType, C.device),
      uidref('HAS OBS CONTEXT', C.deviceObserverUid, deviceObserverUid(source)),
      text('HAS OBS CONTEXT', C.deviceObserverName, MANUFACTURER),
      text('HAS OBS CONTEXT', C.deviceObserverManufacturer, MANUFACTURER),
      text('HAS OBS CONTEXT', C.deviceObserverModelName, source.modelPacks.map((m) => `${m.id} ${m.version}`).join(', ').slice(0, 64)),
    );
  }
  return items;
}

export const LATERALITY: Record<string, Code> = { left: C.left, right: C.right, bilateral: C.bilateral, midline: C.midline };
export const ZONE: Record<string, Code> = { upper: code('261183002', 'SCT', 'Upper'), middle: code('255562008', 'SCT', 'Mid'), lower: code('261122009', 'SCT', 'Lower') };

function findingSite(r: Region): Item[] {
  const lung = r.zone !== null || /lung/i.test(r.label) || /lung/i.test(r.code?.meaning ?? '');
  if (!lung && !r.laterality) return [];
  const modifiers: Item[] = [];
  if (r.laterality && LATERALITY[r.laterality]) modifiers.push(codeItem('HAS CONCEPT MOD', C.laterality, LATERALITY[r.laterality]!));
  if (r.zone && ZONE[r.zone]) modifiers.push(codeItem('HAS CONCEPT MOD', code('106233006', 'SCT', 'Topographical modifier'), ZONE[r.zone]!));
  return [codeItem('HAS CONCEPT MOD', C.findingSite, lung ? C.lung : code('38266002', 'SCT', 'Entire body as a whole'), modifiers)];
}

/**
 * The region's world box as a Volume surface (TID 1411): the ellipsoid inscribed in the box, its
 * three axes (longest first) given by their end points. The box is exactly their bounds, so it
 * survives a round trip without the SEG. Only for regions with a frame of reference and extent on
 * every axis.
 */
function volumeSurface(r: Region): Item | null {
  if (!r.frameOfReferenceUid || r.image) return null;
  const { min, max } = r.worldBox;
  const centre = [0, 1, 2].map((a) => (min[a]! + max[a]!) / 2);
  const half = [0, 1, 2].map((a) => (max[a]! - min[a]!) / 2);
  if (!half.every((h) => h > 0 && Number.isFinite(h))) return null;
  const axes = [0, 1, 2].sort((a, b) => half[b]! - half[a]!);
  const ends = axes.flatMap((a) => [-1, 1].flatMap((sign) => centre.map((c, b) => (b === a ? c + sign * half[a]! : c))));
  return {
    RelationshipType: 'CONTAINS',
    ValueType: 'SCOORD3D',
    ...concept(C.volumeSurface),
    GraphicType: 'ELLIPSOID',
    GraphicData: ends,
    ReferencedFrameOfReferenceUID: r.frameOfReferenceUid,
  };
}

function measurementGroup(source: ReportDicomSource, r: Region, segment: SegSegment | undefined, segSopInstanceUid: string | null): Item {
  const t = trackingOf(r);
  const g = r.volumeId ? source.volumes.get(r.volumeId) : undefined;
  const classOf = (sop: string) => source.sopClassOf.get(sop) ?? '1.2.840.10008.5.1.4.1.1.2';
  const items: Item[] = [
    text('HAS OBS CONTEXT', C.trackingIdentifier, t.id),
    uidref('HAS OBS CONTEXT', C.trackingUid, t.uid),
    codeItem('CONTAINS', C.finding, regionTypeCode(r)),
    ...findingSite(r),
  ];
  if (segment && segSopInstanceUid) {
    items.push({
      RelationshipType: 'CONTAINS',
      ValueType: 'IMAGE',
      ...concept(C.referencedSegment),
      ReferencedSOPSequence: [{ ReferencedSOPClassUID: SEG_SOP_CLASS, ReferencedSOPInstanceUID: segSopInstanceUid, ReferencedSegmentNumber: segment.number }],
    });
  }
  if (r.seriesInstanceUid) items.push(uidref('CONTAINS', C.sourceSeriesForSegmentation, r.seriesInstanceUid));
  for (const sop of g ? sourceImagesOf(r, g) : r.image?.sopInstanceUid ? [r.image.sopInstanceUid] : []) {
    items.push({ RelationshipType: 'CONTAINS', ValueType: 'IMAGE', ...concept(C.sourceImageForSegmentation), ReferencedSOPSequence: [{ ReferencedSOPClassUID: classOf(sop), ReferencedSOPInstanceUID: sop }] });
  }
  const surface = volumeSurface(r);
  if (surface) items.push(surface);
  if (r.diameterMm !== null) items.push(num(C.longAxis, r.diameterMm, C.mm));
  if (r.volumeMl > 0 && !r.image) items.push(num(C.volume, r.volumeMl, C.ml));
  if (r.meanHu !== null && g?.units === 'HU') items.push(num(C.attenuation, r.meanHu, C.hu, [codeItem('HAS CONCEPT MOD', C.derivation, C.mean)]));
  return container('CONTAINS', C.measurementGroup, items);
}

export function buildSrDataset(source: ReportDicomSource, segments: SegSegment[], segSopInstanceUid: string | null, sopInstanceUid: string, predecessorUid: string | null = null): Dataset {
  const { report } = source;
  const root: Item[] = [codeItem('HAS CONCEPT MOD', C.language, C.englishUS), ...observerContext(source)];
  const modality = source.volumes.values().next().value?.modality ?? null;
  root.push(codeItem('HAS CONCEPT MOD', C.procedureReported, modality === 'CT' ? C.ctProcedure : C.imagingProcedure));
  // Imaging Measurements: one group per region; remember where each group lies (its content item identifier).
  const measurementsAt = root.length + 1;
  const groupPath = new Map<string, number[]>();
  const groups = source.regions.map((r, i) => {
    groupPath.set(r.id, [1, measurementsAt, i + 1]);
    return measurementGroup(source, r, segments.find((s) => s.region.id === r.id), segSopInstanceUid);
  });
  root.push(container('CONTAINS', C.imagingMeasurements, groups));
  for (const section of report.sections) {
    if (!section.sentences.length) continue;
    const codes = SECTION_CODES[section.name] ?? { section: code(section.name.toUpperCase().slice(0, 16), PRIVATE_SCHEME, section.name), item: C.comment };
    const sentences = section.sentences.map((s) => {
      const refs: Item[] = s.regionIds.filter((id) => groupPath.has(id)).map((id) => ({ RelationshipType: 'INFERRED FROM', ReferencedContentItemIdentifier: groupPath.get(id) }));
      const context: Item[] = s.origin === 'ai' && source.modelPacks.length ? [codeItem('HAS OBS CONTEXT', C.observerType, C.device), uidref('HAS OBS CONTEXT', C.deviceObserverUid, deviceObserverUid(source))] : [];
      const children = [...context, ...refs];
      return { ...text('CONTAINS', codes.item, s.text), ...(children.length ? { ContentSequence: children } : {}) };
    });
    root.push(container('CONTAINS', codes.section, sentences));
  }
  if (report.addenda.length) root.push(container('CONTAINS', C.addendum, report.addenda.map((a) => text('CONTAINS', C.comment, `${a.text} (${a.author}, ${a.createdAt})`))));

  const signed = dicomDateTime(report.signedAt);
  const refsBySeries = new Map<string, { ReferencedSOPClassUID: string; ReferencedSOPInstanceUID: string }[]>();
  for (const [sop, cls] of source.sopClassOf) {
    const series = source.regions.find((r) => r.volumeId && source.volumes.get(r.volumeId)?.sopInstanceUids.includes(sop))?.seriesInstanceUid;
    if (!series) continue;
    refsBySeries.set(series, [...(refsBySeries.get(series) ?? []), { ReferencedSOPClassUID: cls, ReferencedSOPInstanceUID: sop }]);
  }
  const evidenceSeries = [...refsBySeries].map(([SeriesInstanceUID, ReferencedSOPSequence]) => ({ SeriesInstanceUID, ReferencedSOPSequence }));
  if (segSopInstanceUid) evidenceSeries.push({ SeriesInstanceUID: stableUid(segSopInstanceUid, 'series'), ReferencedSOPSequence: [{ ReferencedSOPClassUID: SEG_SOP_CLASS, ReferencedSOPInstanceUID: segSopInstanceUid }] });
  return {
    SOPClassUID: COMPREHENSIVE_3D_SR,
    SOPInstanceUID: sopInstanceUid,
    SpecificCharacterSet: 'ISO_IR 192',
    ...patientStudyModules(source.studyInstance),
    Modality: 'SR',
    SeriesInstanceUID: stableUid(sopInstanceUid, 'series'),
    SeriesNumber: '900',
    SeriesDescription: 'RadGround signed report',
    ReferencedPerformedProcedureStepSequence: [],
    ...equipmentModules(source.modelPacks.map((m) => `${m.id} ${m.version}`).join(', ') || 'RadGround'),
    InstanceNumber: '1',
    CompletionFlag: 'COMPLETE',
    VerificationFlag: 'VERIFIED',
    PreliminaryFlag: 'FINAL',
    ContentDate: signed.date,
    ContentTime: signed.time,
    VerifyingObserverSequence: [{ VerifyingObserverName: personName(report.signedBy), VerifyingObserverIdentificationCodeSequence: [], VerifyingOrganization: MANUFACTURER, VerificationDateTime: signed.dateTime }],
    PerformedProcedureCodeSequence: [],
    ...(predecessorUid
      ? {
          PredecessorDocumentsSequence: [
            {
              StudyInstanceUID: source.studyInstance.studyInstanceUid,
              ReferencedSeriesSequence: [{ SeriesInstanceUID: stableUid(predecessorUid, 'series'), ReferencedSOPSequence: [{ ReferencedSOPClassUID: COMPREHENSIVE_3D_SR, ReferencedSOPInstanceUID: predecessorUid }] }],
            },
          ],
        }
      : {}),
    ...(evidenceSeries.length ? { CurrentRequestedProcedureEvidenceSequence: [{ StudyInstanceUID: source.studyInstance.studyInstanceUid, ReferencedSeriesSequence: evidenceSeries }] } : {}),
    ValueType: 'CONTAINER',
    ...concept(C.imagingMeasurementReport),
    ContinuityOfContent: 'SEPARATE',
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '1500' }],
    ContentSequence: root,
  };
}
