import { open, type FileHandle } from 'node:fs/promises';
import { RadGroundError } from '../errors/radground-error';
import type { ModelIo, TensorInfo } from './worker/protocol';
import { yieldToEventLoop } from '../workers/yield-to-event-loop';

/**
 * A model file's graph inputs and outputs read straight from its ONNX protobuf, without
 * onnxruntime: ModelProto.graph (7) -> GraphProto.input (11) / output (12) -> ValueInfoProto
 * name (1), type (2) -> TypeProto.tensor_type (1) -> elem_type (1), shape (2) -> dim (1) ->
 * dim_value (1) / dim_param (2). Inputs that are also initializers (GraphProto.initializer 5,
 * sparse_initializer 15) are left out, as onnxruntime leaves them out of a session's inputs.
 *
 * The file is treated as hostile: it is read through one bounded window with positioned reads, so
 * large fields (initializers' weights) are skipped by their length without being read; every
 * length is checked against its enclosing message; the nesting depth is fixed (no recursion, and
 * subgraphs inside nodes are never entered); counts and sizes are capped. Any violation is a
 * CORRUPT_INPUT error. The reads run on libuv's thread pool and each synchronous slice of parsing
 * covers at most one window, so a large model never holds the event loop for long.
 */

const WINDOW = 64 * 1024;
/** One input/output description (name, type, shape) larger than this is refused. */
const MAX_VALUE_INFO_BYTES = 256 * 1024;
const MAX_NAME_BYTES = 16 * 1024;
const MAX_VALUES = 4096;
const MAX_DIMS = 64;
/** Fields scanned in one file, all messages together: bounds the work a hostile file can cause. */
const MAX_FIELDS = 8_000_000;
/**
 * Initializers remembered for the input/initializer check (each is kept as a small record). Real
 * models have a few thousand; without this a file of empty initializers (2 bytes each) held
 * millions of records, hundreds of MB, on the thread that serves the API.
 */
const MAX_INITIALIZERS = 250_000;
/** Fields parsed between yields to the event loop (a window of tiny fields needs no read, so no await would yield). */
const FIELDS_PER_YIELD = 4096;

/** ONNX TensorProto.DataType -> the names onnxruntime-node reports (ONNX's own name past those). */
const ELEM_TYPES: Record<number, string> = {
  1: 'float32', 2: 'uint8', 3: 'int8', 4: 'uint16', 5: 'int16', 6: 'int32', 7: 'int64', 8: 'string', 9: 'bool', 10: 'float16', 11: 'float64', 12: 'uint32', 13: 'uint64',
  14: 'complex64', 15: 'complex128', 16: 'bfloat16', 17: 'float8e4m3fn', 18: 'float8e4m3fnuz', 19: 'float8e5m2', 20: 'float8e5m2fnuz', 21: 'uint4', 22: 'int4', 23: 'float4e2m1',
};

const corrupt = (path: string, why: string): RadGroundError => new RadGroundError('CORRUPT_INPUT', `${path} is not a readable ONNX model: ${why}`);

interface Field {
  field: number;
  wire: number;
  /** Varint value (wire 0), else 0. */
  value: number;
  /** Start of the payload (wire 1, 2, 5). */
  start: number;
  /** End of the field. */
  end: number;
}

/** Decodes a varint at `buf[at]`; null when it does not end before `limit`. Values past 2^53 lose precision (only used as lengths / counts, each bounds-checked). */
function varint(buf: Uint8Array, at: number, limit: number): { value: number; next: number } | null {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (at + i >= limit) return null;
    const b = buf[at + i]!;
    value += (b & 0x7f) * scale;
    if ((b & 0x80) === 0) return { value, next: at + i + 1 };
    scale *= 128;
  }
  return null;
}

/** Positioned reads through one window; `bytes(pos, n)` for n <= WINDOW. */
class Cursor {
  private buf = new Uint8Array(WINDOW);
  private from = 0;
  private to = 0;
  fields = 0;

  constructor(
    private readonly fh: FileHandle,
    readonly size: number,
    readonly path: string,
  ) {}

  /** The window holding [pos, pos + n) (n clipped to the file's end), and where pos sits in it. */
  async at(pos: number, n: number): Promise<{ buf: Uint8Array; off: number; limit: number }> {
    const want = Math.min(n, this.size - pos);
    if (pos < this.from || pos + want > this.to) {
      const { bytesRead } = await this.fh.read(this.buf, 0, Math.min(WINDOW, this.size - pos), pos);
      this.from = pos;
      this.to = pos + bytesRead;
      if (bytesRead < want) throw corrupt(this.path, 'the file changed while being read');
    }
    return { buf: this.buf, off: pos - this.from, limit: this.to - this.from };
  }

  /** The field starting at `pos`, inside a message ending at `end`. */
  async field(pos: number, end: number): Promise<Field> {
    if (++this.fields > MAX_FIELDS) throw corrupt(this.path, `more than ${MAX_FIELDS} protobuf fields`);
    const { buf, off, limit } = await this.at(pos, Math.min(20, end - pos));
    const f = fieldAt(buf, off, Math.min(limit, off + (end - pos)), off + (end - pos), this.path);
    const shift = pos - off; // window -> file positions
    return { ...f, start: f.start + shift, end: f.end + shift };
  }

  /** The bytes [start, end) copied out (end - start <= WINDOW). */
  async copy(start: number, end: number): Promise<Uint8Array> {
    const { buf, off } = await this.at(start, end - start);
    return buf.slice(off, off + (end - start));
  }

  /** A message's bytes, read whole (up to `max` bytes) into memory, in WINDOW-sized reads. */
  async whole(start: number, end: number, max: number, what: string): Promise<Uint8Array> {
    if (end - start > max) throw corrupt(this.path, `${what} is ${end - start} bytes (more than ${max})`);
    const out = new Uint8Array(end - start);
    for (let p = start; p < end; p += WINDOW) out.set(await this.copy(p, Math.min(end, p + WINDOW)), p - start);
    return out;
  }
}

/**
 * The field whose header starts at buf[at]: header bytes are readable up to `avail`, and the
 * enclosing message ends at `msgEnd` (same coordinates; may lie past the buffer).
 */
function fieldAt(buf: Uint8Array, at: number, avail: number, msgEnd: number, path: string): Field {
  const tag = varint(buf, at, avail);
  if (!tag) throw corrupt(path, 'a truncated field header');
  const field = Math.floor(tag.value / 8);
  const wire = tag.value % 8;
  if (field === 0) throw corrupt(path, 'field number 0');
  if (wire === 0) {
    const v = varint(buf, tag.next, avail);
    if (!v) throw corrupt(path, 'a truncated varint');
    return { field, wire, value: v.value, start: tag.next, end: v.next };
  }
  if (wire === 1 || wire === 5) {
    const end = tag.next + (wire === 1 ? 8 : 4);
    if (end > msgEnd) throw corrupt(path, 'a fixed-size field runs past its message');
    return { field, wire, value: 0, start: tag.next, end };
  }
  if (wire === 2) {
    const len = varint(buf, tag.next, avail);
    if (!len) throw corrupt(path, 'a truncated length');
    if (len.value > msgEnd - len.next) throw corrupt(path, `a field of ${len.value} bytes runs past its message`);
    return { field, wire, value: 0, start: len.next, end: len.next + len.value };
  }
  throw corrupt(path, `unsupported wire type ${wire}`);
}

/** Synchronous field iteration over a message held in memory. */
function* memFields(bytes: Uint8Array, from: number, to: number, path: string): Generator<Field> {
  for (let pos = from; pos < to; ) {
    const f = fieldAt(bytes, pos, to, to, path);
    yield f;
    pos = f.end;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function text(bytes: Uint8Array, f: Field, path: string, what: string): string {
  if (f.wire !== 2) throw corrupt(path, `${what} is not a string`);
  if (f.end - f.start > MAX_NAME_BYTES) throw corrupt(path, `${what} is longer than ${MAX_NAME_BYTES} bytes`);
  try {
    return utf8.decode(bytes.subarray(f.start, f.end));
  } catch {
    throw corrupt(path, `${what} is not UTF-8`);
  }
}

function expectWire(f: Field, wire: number, path: string, what: string): void {
  if (f.wire !== wire) throw corrupt(path, `${what} has wire type ${f.wire}, expected ${wire}`);
}

/** TensorShapeProto.Dimension: dim_value (1) a number, dim_param (2) a name, neither '' (onnxruntime's report for an unnamed unknown dim). */
function dimension(bytes: Uint8Array, from: number, to: number, path: string): number | string {
  let dim: number | string = '';
  for (const f of memFields(bytes, from, to, path)) {
    if (f.field === 1) {
      expectWire(f, 0, path, 'dim_value');
      if (f.value > Number.MAX_SAFE_INTEGER) throw corrupt(path, 'a dimension is negative or too large');
      dim = f.value;
    } else if (f.field === 2) {
      dim = text(bytes, f, path, 'dim_param');
    }
  }
  return dim;
}

/** ValueInfoProto -> TensorInfo, with protobuf's merge rules (last scalar wins, repeated and nested fields accumulate). */
function valueInfo(bytes: Uint8Array, path: string): TensorInfo {
  let name = '';
  let kind: 'none' | 'tensor' | 'other' = 'none';
  let elemType = 0;
  let shape: (number | string)[] | null = null;
  for (const f of memFields(bytes, 0, bytes.length, path)) {
    if (f.field === 1) name = text(bytes, f, path, 'a value name');
    else if (f.field === 2) {
      expectWire(f, 2, path, 'a value type');
      for (const t of memFields(bytes, f.start, f.end, path)) {
        if (t.field !== 1) {
          if ([4, 5, 8, 9].includes(t.field)) {
            kind = 'other'; // sequence, map, sparse tensor, optional: not plain tensors
            elemType = 0;
            shape = null;
          }
          continue;
        }
        expectWire(t, 2, path, 'tensor_type');
        if (kind !== 'tensor') {
          kind = 'tensor';
          elemType = 0;
          shape = null;
        }
        for (const tt of memFields(bytes, t.start, t.end, path)) {
          if (tt.field === 1) {
            expectWire(tt, 0, path, 'elem_type');
            elemType = tt.value;
          } else if (tt.field === 2) {
            expectWire(tt, 2, path, 'shape');
            shape ??= [];
            for (const d of memFields(bytes, tt.start, tt.end, path)) {
              if (d.field !== 1) continue;
              expectWire(d, 2, path, 'a dimension');
              if (shape.length >= MAX_DIMS) throw corrupt(path, `a value of more than ${MAX_DIMS} dimensions`);
              shape.push(dimension(bytes, d.start, d.end, path));
            }
          }
        }
      }
    }
  }
  if (kind === 'none') throw corrupt(path, `value '${name}' has no type`);
  if (kind === 'other') return { name, isTensor: false, type: null, shape: [] };
  const type = ELEM_TYPES[elemType];
  if (type === undefined) throw corrupt(path, `value '${name}' has element type ${elemType}, which ONNX does not define`);
  return { name, isTensor: true, type, shape: shape ?? [] };
}

/** The name (field 8) of a TensorProto in the file, its other fields skipped unread. */
async function tensorName(c: Cursor, start: number, end: number): Promise<string | null> {
  let name: string | null = null;
  for (let pos = start; pos < end; ) {
    const f = await c.field(pos, end);
    if (f.field === 8) {
      expectWire(f, 2, c.path, 'an initializer name');
      if (f.end - f.start > MAX_NAME_BYTES) throw corrupt(c.path, `an initializer name is longer than ${MAX_NAME_BYTES} bytes`);
      const bytes = await c.copy(f.start, f.end);
      name = text(bytes, { ...f, start: 0, end: bytes.length }, c.path, 'an initializer name');
    }
    pos = f.end;
  }
  return name;
}

/** Reads the graph inputs and outputs of the ONNX model at `path` (see the file comment). */
export async function readOnnxModelIo(path: string): Promise<ModelIo> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new RadGroundError('NOT_FOUND', `${path} does not exist`);
    throw e;
  }
  try {
    const { size } = await fh.stat();
    const c = new Cursor(fh, size, path);
    const graphs: { start: number; end: number }[] = [];
    for (let pos = 0; pos < size; ) {
      const f = await c.field(pos, size);
      if (c.fields % FIELDS_PER_YIELD === 0) await yieldToEventLoop();
      if (f.field === 7) {
        expectWire(f, 2, path, 'graph');
        graphs.push({ start: f.start, end: f.end });
      }
      pos = f.end;
    }
    if (!graphs.length) throw corrupt(path, 'it has no graph');
    // A message field given twice is merged: its repeated fields (inputs, outputs) accumulate.
    const inputs: TensorInfo[] = [];
    const outputs: TensorInfo[] = [];
    const initializers: { start: number; end: number; sparse: boolean }[] = [];
    for (const g of graphs) {
      for (let pos = g.start; pos < g.end; ) {
        const f = await c.field(pos, g.end);
        if (c.fields % FIELDS_PER_YIELD === 0) await yieldToEventLoop();
        if (f.field === 11 || f.field === 12) {
          expectWire(f, 2, path, f.field === 11 ? 'a graph input' : 'a graph output');
          const list = f.field === 11 ? inputs : outputs;
          if (list.length >= MAX_VALUES) throw corrupt(path, `more than ${MAX_VALUES} graph ${f.field === 11 ? 'inputs' : 'outputs'}`);
          list.push(valueInfo(await c.whole(f.start, f.end, MAX_VALUE_INFO_BYTES, 'a graph input/output description'), path));
        } else if ((f.field === 5 || f.field === 15) && f.wire === 2) {
          if (initializers.length >= MAX_INITIALIZERS) throw corrupt(path, `more than ${MAX_INITIALIZERS} initializers`);
          initializers.push({ start: f.start, end: f.end, sparse: f.field === 15 });
        }
        pos = f.end;
      }
    }
    if (inputs.length && initializers.length) {
      const inputNames = new Set(inputs.map((i) => i.name));
      const constant = new Set<string>();
      for (const [n, init] of initializers.entries()) {
        if (n % FIELDS_PER_YIELD === FIELDS_PER_YIELD - 1) await yieldToEventLoop();
        let name: string | null = null;
        if (!init.sparse) name = await tensorName(c, init.start, init.end);
        else {
          // SparseTensorProto.values (1) is a TensorProto carrying the name.
          for (let pos = init.start; pos < init.end; ) {
            const f = await c.field(pos, init.end);
            if (f.field === 1 && f.wire === 2) name = await tensorName(c, f.start, f.end);
            pos = f.end;
          }
        }
        if (name !== null && inputNames.has(name)) constant.add(name);
      }
      return { inputs: inputs.filter((i) => !constant.has(i.name)), outputs };
    }
    return { inputs, outputs };
  } finally {
    await fh.close();
  }
}
