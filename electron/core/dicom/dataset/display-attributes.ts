import type { DataSetReader } from './dataset-reader';

/** One window from Window Center/Width (0028,1050/1051) or derived from a VOI LUT (0028,3010). */
export interface DisplayWindow {
  center: number;
  width: number;
  /** Window Center & Width Explanation (0028,1055), or what the window was derived from. */
  explanation: string | null;
  source: 'window' | 'voi-lut';
}

/**
 * What a 2D image viewer needs beyond the pixels: the attributes that say how to orient, scale and
 * window a projection image. Values are as stored (codes upper-cased); null when absent.
 */
export interface DicomDisplayAttributes {
  /** Patient Orientation (0020,0020): [direction of the rows (screen right), direction of the columns (screen down)], e.g. ['L', 'F']. */
  patientOrientation: [string, string] | null;
  /** View Position (0018,5101), e.g. 'PA', 'AP', 'LL'. */
  viewPosition: string | null;
  /** Image Laterality (0020,0062) or Laterality (0020,0060). */
  laterality: string | null;
  /** Imager Pixel Spacing (0018,1164), mm at the detector plane: [between rows, between columns]. */
  imagerPixelSpacing: [number, number] | null;
  /** Every window the file gives, first the stored Window Center/Width values, then VOI LUTs. */
  windows: DisplayWindow[];
  /** VOI LUT Function (0028,1056): 'LINEAR' (default), 'LINEAR_EXACT' or 'SIGMOID'. */
  voiLutFunction: string | null;
}

const ORIENTATION_CODE = /^[LRAPHF]{1,3}$/;

/** Reads the display attributes from the top-level data set. */
export function readDisplayAttributes(top: DataSetReader): DicomDisplayAttributes {
  return {
    patientOrientation: readPatientOrientation(top.string('x00200020')),
    viewPosition: top.string('x00185101')?.trim().toUpperCase() || null,
    laterality: (top.string('x00200062') ?? top.string('x00200060'))?.trim().toUpperCase() || null,
    imagerPixelSpacing: positivePair(top.numberStrings('x00181164', 2)),
    windows: [...readWindows(top), ...top.items('x00283010').flatMap((item, i) => voiLutWindow(item, i))],
    voiLutFunction: top.string('x00281056')?.trim().toUpperCase() || null,
  };
}

/** 'L\\F' -> ['L', 'F']; null unless both values are valid direction codes. */
export function readPatientOrientation(value: string | null): [string, string] | null {
  if (!value) return null;
  const parts = value.split('\\').map((p) => p.trim().toUpperCase());
  if (parts.length !== 2 || !parts.every((p) => ORIENTATION_CODE.test(p))) return null;
  return [parts[0]!, parts[1]!];
}

function positivePair(values: number[] | null): [number, number] | null {
  return values && values[0]! > 0 && values[1]! > 0 ? [values[0]!, values[1]!] : null;
}

function readWindows(top: DataSetReader): DisplayWindow[] {
  const centers = top.numberStrings('x00281050') ?? [];
  const widths = top.numberStrings('x00281051') ?? [];
  const explanations = top.text('x00281055')?.split('\\') ?? [];
  const windows: DisplayWindow[] = [];
  for (let i = 0; i < Math.min(centers.length, widths.length); i++) {
    if (widths[i]! > 0) windows.push({ center: centers[i]!, width: widths[i]!, explanation: explanations[i]?.trim() || null, source: 'window' });
  }
  return windows;
}

/**
 * A VOI LUT item as the linear window spanning its input range: LUT Descriptor (0028,3002) gives the
 * number of entries and the first input value mapped. The LUT's shape inside that range is not kept.
 */
function voiLutWindow(item: DataSetReader, index: number): DisplayWindow[] {
  const descriptor = item.dataSet.elements['x00283002'];
  if (!descriptor || descriptor.length < 6) return [];
  const entries = item.dataSet.uint16('x00283002', 0) || 65536;
  // The first mapped value is signed when the pixel data are (the element is US or SS; read as stored).
  const first = item.dataSet.uint16('x00283002', 1) ?? 0;
  const firstSigned = first > 32767 && entries <= 32768 ? first - 65536 : first;
  return [{ center: firstSigned + entries / 2, width: entries, explanation: item.text('x00283003') ?? `VOI LUT ${index + 1}`, source: 'voi-lut' }];
}
