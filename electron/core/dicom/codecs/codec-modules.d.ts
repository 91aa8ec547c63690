/**
 * Type declarations for the decoder packages, which ship JavaScript only (jpeg-lossless-decoder-js names
 * a .d.ts that is not in its package). Decoder instances are typed in codec-types.ts.
 */
declare module '@cornerstonejs/codec-openjpeg/decodewasmjs' {
  const factory: (moduleArg?: Record<string, unknown>) => Promise<{ J2KDecoder: new () => unknown }>;
  export default factory;
}

declare module '@cornerstonejs/codec-openjph/wasmjs' {
  const factory: (moduleArg?: Record<string, unknown>) => Promise<{ HTJ2KDecoder: new () => unknown }>;
  export default factory;
}

declare module '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs' {
  const factory: (moduleArg?: Record<string, unknown>) => Promise<{ JPEGDecoder: new () => unknown }>;
  export default factory;
}

declare module '@cornerstonejs/codec-charls/decodewasmjs' {
  const factory: (moduleArg?: Record<string, unknown>) => Promise<{ JpegLSDecoder: new () => unknown }>;
  export default factory;
}

declare module 'jpeg-lossless-decoder-js' {
  export class Decoder {
    constructor(buffer?: ArrayBuffer | null, numBytes?: number);
    decode(buffer?: ArrayBuffer, offset?: number, length?: number, numBytes?: number): Uint8Array | Uint16Array;
    numComp: number;
    xDim: number;
    yDim: number;
    /** Where the next decoded sample goes; (0, yDim) once every sample was output. */
    xLoc: number;
    yLoc: number;
    precision: number | undefined;
    /** Predictor 7 ((Ra + Rb) / 2) and the neighbours it reads; compOffset is the component. */
    select7(compOffset: number): number;
    getPreviousX(compOffset: number): number;
    getPreviousY(compOffset: number): number;
    /** Sample accessors and the per-pixel output step decode() picks once it has read the scan header. */
    getValue8(index: number, compOffset?: number): number;
    setValue8(index: number, value: number, compOffset?: number): void;
    outputSingle(pred: number[]): void;
    getValueRGB(index: number, compOffset: number): number;
    setValueRGB(index: number, value: number, compOffset?: number): void;
    outputRGB(pred: number[]): void;
  }
}
