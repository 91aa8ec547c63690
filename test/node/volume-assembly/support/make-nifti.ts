/** Writes small NIfTI-1 (.nii) files in memory for tests. */
export interface NiftiSpec {
  dims: number[]; // [nx, ny, nz, (nt)]
  datatype: number;
  values: number[];
  pixdim?: [number, number, number];
  qfac?: 1 | -1;
  sform?: number[][] | null; // 3 rows x 4, RAS
  sformCode?: number;
  quatern?: [number, number, number];
  qoffset?: [number, number, number];
  qformCode?: number;
  slope?: number;
  inter?: number;
  xyztUnits?: number;
  littleEndian?: boolean;
  calMin?: number;
  calMax?: number;
}

const BYTES: Record<number, number> = { 2: 1, 4: 2, 8: 4, 16: 4, 64: 8, 256: 1, 512: 2, 768: 4, 128: 3, 2304: 4, 1024: 8 };

export function makeNifti1(spec: NiftiSpec): Uint8Array {
  const le = spec.littleEndian ?? true;
  const bpv = BYTES[spec.datatype];
  if (bpv === undefined) throw new Error(`makeNifti1: no voxel size known for datatype ${spec.datatype}`);
  const count = spec.dims.reduce((a, b) => a * b, 1);
  const buf = new ArrayBuffer(352 + count * bpv);
  const dv = new DataView(buf);
  dv.setInt32(0, 348, le);
  dv.setInt16(40, spec.dims.length, le);
  spec.dims.forEach((d, i) => dv.setInt16(42 + i * 2, d, le));
  for (let i = spec.dims.length + 1; i < 8; i++) dv.setInt16(40 + i * 2, 1, le);
  dv.setInt16(70, spec.datatype, le);
  dv.setInt16(72, bpv * 8, le);
  const pd = spec.pixdim ?? [1, 1, 1];
  dv.setFloat32(76, spec.qfac ?? 1, le);
  pd.forEach((p, i) => dv.setFloat32(80 + i * 4, p, le));
  dv.setFloat32(108, 352, le);
  dv.setFloat32(112, spec.slope ?? 0, le);
  dv.setFloat32(116, spec.inter ?? 0, le);
  dv.setUint8(123, spec.xyztUnits ?? 2);
  dv.setFloat32(124, spec.calMax ?? 0, le);
  dv.setFloat32(128, spec.calMin ?? 0, le);
  dv.setInt16(252, spec.qformCode ?? 0, le);
  dv.setInt16(254, spec.sformCode ?? (spec.sform ? 1 : 0), le);
  const q = spec.quatern ?? [0, 0, 0];
  q.forEach((v, i) => dv.setFloat32(256 + i * 4, v, le));
  (spec.qoffset ?? [0, 0, 0]).forEach((v, i) => dv.setFloat32(268 + i * 4, v, le));
  if (spec.sform) spec.sform.forEach((row, r) => row.forEach((v, c) => dv.setFloat32(280 + (r * 4 + c) * 4, v, le)));
  [0x6e, 0x2b, 0x31, 0].forEach((b, i) => dv.setUint8(344 + i, b));
  let o = 352;
  for (const v of spec.values) {
    switch (spec.datatype) {
      case 2: dv.setUint8(o, v); break;
      case 256: dv.setInt8(o, v); break;
      case 4: dv.setInt16(o, v, le); break;
      case 512: dv.setUint16(o, v, le); break;
      case 8: dv.setInt32(o, v, le); break;
      case 768: dv.setUint32(o, v, le); break;
      case 16: dv.setFloat32(o, v, le); break;
      case 64: dv.setFloat64(o, v, le); break;
      case 1024: dv.setBigInt64(o, BigInt(v), le); break;
      default: for (let b = 0; b < bpv; b++) dv.setUint8(o + b, v & 255);
    }
    o += bpv;
  }
  return new Uint8Array(buf);
}
