/** Coded concepts of the SR and SEG exports (DCM, SCT, UCUM), as naturalized code sequence items. */
export interface Code {
  CodeValue: string;
  CodingSchemeDesignator: string;
  CodeMeaning: string;
}

export const code = (CodeValue: string, CodingSchemeDesignator: string, CodeMeaning: string): Code => ({ CodeValue, CodingSchemeDesignator, CodeMeaning });

/** Codes RadGround makes up where no standard code exists (a private coding scheme, PS3.16 8.2). */
export const PRIVATE_SCHEME = '99RADGROUND';

export const C = {
  imagingMeasurementReport: code('126000', 'DCM', 'Imaging Measurement Report'),
  language: code('121049', 'DCM', 'Language of Content Item and Descendants'),
  englishUS: code('en-US', 'RFC5646', 'English (United States)'),
  observerType: code('121005', 'DCM', 'Observer Type'),
  person: code('121006', 'DCM', 'Person'),
  device: code('121007', 'DCM', 'Device'),
  personObserverName: code('121008', 'DCM', 'Person Observer Name'),
  deviceObserverUid: code('121012', 'DCM', 'Device Observer UID'),
  deviceObserverName: code('121013', 'DCM', 'Device Observer Name'),
  deviceObserverManufacturer: code('121014', 'DCM', 'Device Observer Manufacturer'),
  deviceObserverModelName: code('121015', 'DCM', 'Device Observer Model Name'),
  procedureReported: code('121058', 'DCM', 'Procedure reported'),
  ctProcedure: code('77477000', 'SCT', 'Computed tomography'),
  imagingProcedure: code('363679005', 'SCT', 'Imaging'),
  imagingMeasurements: code('126010', 'DCM', 'Imaging Measurements'),
  measurementGroup: code('125007', 'DCM', 'Measurement Group'),
  trackingIdentifier: code('112039', 'DCM', 'Tracking Identifier'),
  trackingUid: code('112040', 'DCM', 'Tracking Unique Identifier'),
  finding: code('121071', 'DCM', 'Finding'),
  findingSite: code('363698007', 'SCT', 'Finding Site'),
  laterality: code('272741003', 'SCT', 'Laterality'),
  referencedSegment: code('121191', 'DCM', 'Referenced Segment'),
  sourceSeriesForSegmentation: code('121232', 'DCM', 'Source series for segmentation'),
  sourceImageForSegmentation: code('121233', 'DCM', 'Source image for segmentation'),
  volumeSurface: code('121231', 'DCM', 'Volume surface'),
  longAxis: code('103339001', 'SCT', 'Long Axis'),
  volume: code('118565006', 'SCT', 'Volume'),
  attenuation: code('112031', 'DCM', 'Attenuation Coefficient'),
  derivation: code('121401', 'DCM', 'Derivation'),
  mean: code('373098007', 'SCT', 'Mean'),
  mm: code('mm', 'UCUM', 'millimeter'),
  ml: code('ml', 'UCUM', 'milliliter'),
  hu: code("[hnsf'U]", 'UCUM', 'Hounsfield unit'),
  impression: code('121073', 'DCM', 'Impression'),
  findings: code('121070', 'DCM', 'Findings'),
  comment: code('121106', 'DCM', 'Comment'),
  indication: code('121109', 'DCM', 'Indications for Procedure'),
  addendum: code('ADDENDUM', PRIVATE_SCHEME, 'Addendum'),
  // SEG
  segmentation: code('113076', 'DCM', 'Segmentation'),
  sourceImageForProcessing: code('121322', 'DCM', 'Source image for image processing operation'),
  anatomicalStructure: code('123037004', 'SCT', 'Anatomical Structure'),
  alteredStructure: code('49755003', 'SCT', 'Morphologically Altered Structure'),
  lung: code('39607008', 'SCT', 'Lung'),
  left: code('7771000', 'SCT', 'Left'),
  right: code('24028007', 'SCT', 'Right'),
  bilateral: code('51440002', 'SCT', 'Right and left'),
  midline: code('260528009', 'SCT', 'Median'),
} as const;
