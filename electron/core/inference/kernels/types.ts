/** Typed arrays the kernels read and write (Volume scalars, model tensors, label maps). */
export type NumericArray = Float32Array | Float64Array | Uint8Array | Int8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;

/** [n0, n1, n2] with axis 0 fastest in memory (the Volume convention: i, j, k). */
export type Dims3 = [number, number, number];

/** Output axis t is input axis perm[t], reversed where flip[t]. */
export interface AxisPermutation {
  perm: [number, number, number];
  flip: [boolean, boolean, boolean];
}
