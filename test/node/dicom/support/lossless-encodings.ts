/**
 * Lossless re-encodings of grey DICOM data by the reference tools, each with the tool that decodes it
 * back to native data: RLE (dcmcrle/dcmdrle), JPEG-LS (dcmcjpls/dcmdjpls), JPEG 2000 (gdcmconv --j2k /
 * --raw), deflate (dcmconv +td / +te) and JPEG lossless process 14 with each selection value
 * (dcmcjpeg +el +sv N / dcmdjpeg).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { run } from './reference-tools';

export interface LosslessEncoding {
  /** Short name, used in test titles and file names. */
  name: string;
  encode(source: string, encoded: string): void;
  /** Decodes `encoded` back to uncompressed data with the reference tool. */
  decode(encoded: string, native: string): void;
}

const jpegSelectionValue = (sv: number): LosslessEncoding => ({
  name: `jpeg-lossless-sv${sv}`,
  encode: (source, encoded) => run('dcmcjpeg', ['+el', '+sv', String(sv), source, encoded]),
  decode: (encoded, native) => run('dcmdjpeg', [encoded, native]),
});

export const LOSSLESS_ENCODINGS: readonly LosslessEncoding[] = [
  { name: 'rle', encode: (s, e) => run('dcmcrle', [s, e]), decode: (e, n) => run('dcmdrle', [e, n]) },
  { name: 'jpeg-ls', encode: (s, e) => run('dcmcjpls', ['+el', s, e]), decode: (e, n) => run('dcmdjpls', [e, n]) },
  { name: 'j2k', encode: (s, e) => run('gdcmconv', ['--j2k', s, e]), decode: (e, n) => run('gdcmconv', ['--raw', e, n]) },
  { name: 'deflate', encode: (s, e) => run('dcmconv', ['+td', s, e]), decode: (e, n) => run('dcmconv', ['+te', e, n]) },
];

/** Process 14 predictors other than SV1 (which dcmtk-conformance.test.ts covers). */
export const JPEG_PREDICTORS: readonly LosslessEncoding[] = [2, 3, 4, 5, 6, 7].map(jpegSelectionValue);

/**
 * A native (uncompressed) copy of any source, which the DCMTK encoders can read: GDCM decodes JPEG 2000.
 * SOP Class UID is set from the file meta header first (the J2K series has it only there, and GDCM
 * refuses to write such a file).
 */
export function nativeSource(source: string, native: string): void {
  const meta = execFileSync('dcmdump', ['-s', '-Un', '+P', '0002,0002', source], { encoding: 'utf8' });
  const sopClass = meta.match(/UI \[([\d.]+)\]/)?.[1];
  if (!sopClass) throw new Error(`no Media Storage SOP Class UID in ${source}`);
  const withSopClass = `${native}.sop-class.dcm`;
  copyFileSync(source, withSopClass);
  run('dcmodify', ['-nb', '-i', `(0008,0016)=${sopClass}`, withSopClass]);
  run('gdcmconv', ['--raw', withSopClass, native]);
}
