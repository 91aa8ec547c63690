/** Shape of the Emscripten/embind decoders in @cornerstonejs/codec-* (decode side only). */
export interface WasmFrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned?: boolean;
}

export interface WasmDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  getDecodedBuffer(): Uint8Array;
  decode(): void;
  getFrameInfo(): WasmFrameInfo;
  delete(): void;
}

/** What every codec returns: the samples of one frame, still as stored (no rescale, no sign fix-up). */
export interface DecodedFrame {
  width: number;
  height: number;
  componentCount: number;
  bitsPerSample: number;
  /** Sample values: Uint8Array for up to 8 bits per sample, Uint16Array above. */
  samples: Uint8Array | Uint16Array;
}
