/**
 * DICOM SEG (Segmentation Storage, binary) of a report's linked regions: one segment per region
 * with a mask, one frame per segment and source slice it covers, bit-packed; plane positions and
 * derivation references from the source volume's geometry and SOP Instance UIDs.
 */
import type { Region } from '../regions/region';
import type { VolumeGeometry } from '../../shared/api/channels/study-channels';
import { C, code, PRIVATE_SCHEME, type Code } from './coded-concepts';
import type { Dataset } from './dcmjs-writer';
import { dicomDateTime, equipmentModules, patientStudyModules, personName, stableUid } from './dicom-common';
import type { ReportDicomSource } from './report-source';
import { trackingOf } from './tracking';

export const SEG_SOP_CLASS = '1.2.840.10008.5.1.4.1.1.66.4';

export interface SegSegment {
  number: number;
  region: Region;
}

/** The regions that become segments (those with a mask on a known volume), numbered from 1. */
export function segmentsOf(source: ReportDicomSource): SegSegment[] {
  return source.regions.filter((r) => r.mask && r.volumeId && source.volumes.has(r.volumeId)).map((region, i) => ({ number: i + 1, region }));
}

export function regionTypeCode(r: Region): Code {
  return r.code ? code(r.code.value, r.code.scheme === 'SCT' ? 'SCT' : 'RADLEX', r.code.meaning) : code(r.label.replace(/[^A-Za-z0-9]+/g, '-').toUpperCase().slice(0, 16), PRIVATE_SCHEME, r.label);
}

export function buildSegDataset(source: ReportDicomSource, segments: SegSegment[], sopInstanceUid: string): Dataset {
  if (!segments.length) throw new Error('no segments');
  const volumeIds = new Set(segments.map((s) => s.region.volumeId));
  if (volumeIds.size !== 1) throw new Error('SEG export covers regions of one volume');
  const g = source.volumes.get([...volumeIds][0]!)!;
  const [cols, rows] = g.dims;
  const frameSize = cols * rows;
  const frames: { segment: number; k: number }[] = [];
  for (const s of segments) for (const slice of s.region.mask!.slices) if (slice.runs.length) frames.push({ segment: s.number, k: slice.k });
  const bits = new Uint8Array(Math.ceil((frames.length * frameSize) / 8));
  frames.forEach((f, n) => {
    const slice = segments[f.segment - 1]!.region.mask!.slices.find((x) => x.k === f.k)!;
    const base = n * frameSize;
    for (let r = 0; r < slice.runs.length; r += 2) {
      for (let p = slice.runs[r]!, end = p + slice.runs[r + 1]!; p < end; p++) {
        const bit = base + p;
        bits[bit >> 3]! |= 1 << (bit & 7);
      }
    }
  });
  const dir = g.direction;
  const position = (k: number) => [0, 1, 2].map((a) => g.origin[a]! + k * g.spacing[2] * dir[6 + a]!);
  const sopOf = (k: number) => g.sopInstanceUids[k] ?? null;
  const classOf = (sop: string) => source.sopClassOf.get(sop) ?? '1.2.840.10008.5.1.4.1.1.2';
  const { date, time } = dicomDateTime(source.report.signedAt);
  const dimensionOrganizationUid = stableUid(sopInstanceUid, 'dimension-organization');
  const referenced = g.sopInstanceUids.filter((s): s is string => !!s);
  return {
    SOPClassUID: SEG_SOP_CLASS,
    SOPInstanceUID: sopInstanceUid,
    SpecificCharacterSet: 'ISO_IR 192',
    ...patientStudyModules(source.studyInstance),
    Modality: 'SEG',
    SeriesInstanceUID: stableUid(sopInstanceUid, 'series'),
    SeriesNumber: '901',
    SeriesDescription: 'RadGround report regions',
    FrameOfReferenceUID: g.frameOfReferenceUid ?? stableUid(g.volumeId, 'frame-of-reference'),
    PositionReferenceIndicator: '',
    ...equipmentModules(source.modelPacks.map((m) => `${m.id} ${m.version}`).join(', ') || 'RadGround'),
    InstanceNumber: '1',
    ContentDate: date,
    ContentTime: time,
    ImageType: ['DERIVED', 'PRIMARY'],
    ContentLabel: 'RADGROUND',
    ContentDescription: `Regions of report ${source.report.uid}`.slice(0, 64),
    ContentCreatorName: personName(source.report.signedBy),
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: rows,
    Columns: cols,
    BitsAllocated: 1,
    BitsStored: 1,
    HighBit: 0,
    PixelRepresentation: 0,
    LossyImageCompression: '00',
    SegmentationType: 'BINARY',
    NumberOfFrames: String(frames.length),
    SegmentSequence: segments.map(({ number, region }) => {
      const t = trackingOf(region);
      return {
        SegmentNumber: number,
        SegmentLabel: region.label.slice(0, 64),
        SegmentAlgorithmType: region.runId ? 'AUTOMATIC' : 'MANUAL',
        ...(region.runId ? { SegmentAlgorithmName: source.modelPacks.map((m) => m.id).join(', ') || 'RadGround' } : {}),
        SegmentedPropertyCategoryCodeSequence: [region.kind === 'anatomy' ? C.anatomicalStructure : C.alteredStructure],
        SegmentedPropertyTypeCodeSequence: [regionTypeCode(region)],
        TrackingID: t.id,
        TrackingUID: t.uid,
      };
    }),
    DimensionOrganizationSequence: [{ DimensionOrganizationUID: dimensionOrganizationUid }],
    DimensionIndexSequence: [
      { DimensionOrganizationUID: dimensionOrganizationUid, DimensionIndexPointer: 0x0062000b, FunctionalGroupPointer: 0x0062000a, DimensionDescriptionLabel: 'Segment Number' },
      { DimensionOrganizationUID: dimensionOrganizationUid, DimensionIndexPointer: 0x00200032, FunctionalGroupPointer: 0x00209113, DimensionDescriptionLabel: 'Image Position Patient' },
    ],
    SharedFunctionalGroupsSequence: [
      {
        PixelMeasuresSequence: [{ PixelSpacing: [g.spacing[1], g.spacing[0]], SliceThickness: g.spacing[2], SpacingBetweenSlices: g.spacing[2] }],
        PlaneOrientationSequence: [{ ImageOrientationPatient: dir.slice(0, 6) }],
      },
    ],
    PerFrameFunctionalGroupsSequence: frames.map((f) => {
      const sop = sopOf(f.k);
      return {
        FrameContentSequence: [{ DimensionIndexValues: [f.segment, f.k + 1] }],
        PlanePositionSequence: [{ ImagePositionPatient: position(f.k) }],
        SegmentIdentificationSequence: [{ ReferencedSegmentNumber: f.segment }],
        ...(sop
          ? {
              DerivationImageSequence: [
                {
                  DerivationCodeSequence: [C.segmentation],
                  SourceImageSequence: [{ ReferencedSOPClassUID: classOf(sop), ReferencedSOPInstanceUID: sop, PurposeOfReferenceCodeSequence: [C.sourceImageForProcessing] }],
                },
              ],
            }
          : {}),
      };
    }),
    ReferencedSeriesSequence: [
      {
        SeriesInstanceUID: g.seriesInstanceUid,
        ReferencedInstanceSequence: referenced.map((sop) => ({ ReferencedSOPClassUID: classOf(sop), ReferencedSOPInstanceUID: sop })),
      },
    ],
    PixelData: bits.buffer,
    _vrMap: { PixelData: 'OB' },
  };
}

/** The source images a region's mask covers (SOP Instance UIDs), in slice order. */
export function sourceImagesOf(region: Region, g: VolumeGeometry): string[] {
  return (region.mask?.slices ?? []).map((s) => g.sopInstanceUids[s.k]).filter((s): s is string => !!s);
}
