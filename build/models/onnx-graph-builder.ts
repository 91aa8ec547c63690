/**
 * A small, deterministic ONNX graph builder over onnx-proto's protobufjs definitions: nodes get
 * sequential names, initializers are stored as little-endian raw_data, and the same calls always
 * encode to the same bytes.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
type INodeProto = onnxProto.onnx.INodeProto;
type ITensorProto = onnxProto.onnx.ITensorProto;
type IAttributeProto = onnxProto.onnx.IAttributeProto;
type IValueInfoProto = onnxProto.onnx.IValueInfoProto;

export type AttrValue = number | number[] | string | { float: number } | { floats: number[] };
export type ElemType = 'float32' | 'uint8' | 'int64';

const ELEM: Record<ElemType, number> = {
  float32: onnx.TensorProto.DataType.FLOAT,
  uint8: onnx.TensorProto.DataType.UINT8,
  int64: onnx.TensorProto.DataType.INT64,
};

export interface TensorSpec {
  name: string;
  elemType: ElemType;
  /** Numbers are fixed sizes, strings symbolic (dim_param). */
  shape: (number | string)[];
  docString?: string;
}

function attribute(name: string, value: AttrValue): IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error(`attribute ${name}: use { float } for non-integers`);
    return { name, type: T.INT, i: value };
  }
  if (typeof value === 'string') return { name, type: T.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: T.INTS, ints: value };
  if ('float' in value) return { name, type: T.FLOAT, f: value.float };
  return { name, type: T.FLOATS, floats: value.floats };
}

function valueInfo(spec: TensorSpec): IValueInfoProto {
  return {
    name: spec.name,
    docString: spec.docString ?? '',
    type: {
      tensorType: {
        elemType: ELEM[spec.elemType],
        shape: { dim: spec.shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

export class GraphBuilder {
  private readonly nodes: INodeProto[] = [];
  private readonly initializers: ITensorProto[] = [];
  private readonly used = new Set<string>();
  private counter = 0;

  /** A fresh tensor name: `${hint}_${n}`. */
  fresh(hint: string): string {
    let name: string;
    do name = `${hint}_${this.counter++}`;
    while (this.used.has(name));
    this.used.add(name);
    return name;
  }

  /** Adds a node with one output (named from `hint`, or `output` when given) and returns that name. */
  op(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}, output?: string): string {
    const out = output ?? this.fresh(opType.toLowerCase());
    if (output) this.used.add(output);
    this.nodes.push({
      name: `n${this.nodes.length}_${opType}`,
      opType,
      input: inputs,
      output: [out],
      attribute: Object.keys(attrs)
        .sort()
        .map((k) => attribute(k, attrs[k]!)),
    });
    return out;
  }

  /** A float32 initializer. Values are rounded to 9 significant digits first, so the bytes do not depend on last-ulp libm differences. */
  floatConst(hint: string, dims: number[], values: ArrayLike<number>): string {
    const count = dims.reduce((a, b) => a * b, 1);
    if (values.length !== count) throw new Error(`${hint}: ${values.length} values for dims ${dims.join('x')}`);
    const f = new Float32Array(count);
    for (let i = 0; i < count; i++) f[i] = Number(Number(values[i]).toPrecision(9));
    const bytes = new Uint8Array(count * 4);
    const dv = new DataView(bytes.buffer);
    for (let i = 0; i < count; i++) dv.setFloat32(i * 4, f[i]!, true);
    const name = this.fresh(hint);
    this.initializers.push({ name, dims, dataType: ELEM.float32, rawData: bytes });
    return name;
  }

  int64Const(hint: string, values: number[]): string {
    const bytes = new Uint8Array(values.length * 8);
    const dv = new DataView(bytes.buffer);
    values.forEach((v, i) => dv.setBigInt64(i * 8, BigInt(v), true));
    const name = this.fresh(hint);
    this.initializers.push({ name, dims: [values.length], dataType: ELEM.int64, rawData: bytes });
    return name;
  }

  scalar(hint: string, value: number): string {
    return this.floatConst(hint, [], [value]);
  }

  /** Encodes the model. Metadata entries are written in key order. */
  encode(options: {
    graphName: string;
    docString: string;
    inputs: TensorSpec[];
    outputs: TensorSpec[];
    opset: number;
    producerVersion: string;
    modelVersion: number;
    metadata: Record<string, string>;
  }): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'radground-build-models',
      producerVersion: options.producerVersion,
      domain: 'org.radground',
      modelVersion: options.modelVersion,
      docString: options.docString,
      opsetImport: [{ domain: '', version: options.opset }],
      metadataProps: Object.keys(options.metadata)
        .sort()
        .map((key) => ({ key, value: options.metadata[key] })),
      graph: {
        name: options.graphName,
        node: this.nodes,
        initializer: this.initializers,
        input: options.inputs.map(valueInfo),
        output: options.outputs.map(valueInfo),
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}
