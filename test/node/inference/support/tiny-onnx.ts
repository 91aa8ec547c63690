import { onnx } from 'onnx-proto';

/**
 * Tiny ONNX models built in the test (no weights to ship), for exact checks of the pipeline:
 * pointwise models give the same answer per voxel whatever window a voxel is seen in, so a
 * sliding-window run must reproduce the full-volume run.
 */
type Dim = number | string;

const FLOAT = 1; // TensorProto.DataType.FLOAT

function valueInfo(name: string, shape: Dim[]): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: FLOAT,
        shape: { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function model(nodes: onnx.INodeProto[], input: Dim[], output: Dim[], initializer: onnx.ITensorProto[] = []): Uint8Array {
  const m = onnx.ModelProto.create({
    irVersion: 7,
    producerName: 'radground-tests',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'tiny',
      node: nodes,
      initializer,
      input: [valueInfo('input', input)],
      output: [valueInfo('output', output)],
    },
  });
  // A copy: protobufjs may hand out a view of a pooled buffer that later encodes overwrite.
  return new Uint8Array(onnx.ModelProto.encode(m).finish());
}

/** output = concat(-x, x) on the channel axis: argmax is 1 where x > 0. Spatial dims as given. */
export function signModel(spatial: Dim[] = ['d', 'h', 'w']): Uint8Array {
  return model(
    [
      { opType: 'Neg', input: ['input'], output: ['neg'], name: 'neg' },
      { opType: 'Concat', input: ['neg', 'input'], output: ['output'], name: 'concat', attribute: [{ name: 'axis', type: 2, i: 1 }] },
    ],
    ['batch', 1, ...spatial],
    ['batch', 2, ...spatial],
  );
}

/** output = x (one channel): a sigmoid pack labels 1 where sigmoid(x) reaches its threshold. */
export function identityModel(spatial: Dim[] = ['d', 'h', 'w']): Uint8Array {
  return model([{ opType: 'Identity', input: ['input'], output: ['output'], name: 'id' }], ['batch', 1, ...spatial], ['batch', 1, ...spatial]);
}

/**
 * A deliberately slow full-volume model: `layers` 3x3x3 convolutions with `channels` channels
 * (zero-padded) then a 1x1x1 convolution to 2 channels. Weights are small fixed values.
 */
export function slowConvModel(spatial: number[], layers: number, channels: number): Uint8Array {
  const nodes: onnx.INodeProto[] = [];
  const init: onnx.ITensorProto[] = [];
  let prev = 'input';
  let inC = 1;
  for (let l = 0; l < layers; l++) {
    const w = `w${l}`;
    const n = channels * inC * 27;
    init.push({ name: w, dataType: FLOAT, dims: [channels, inC, 3, 3, 3], floatData: Array.from({ length: n }, (_, q) => ((q % 7) - 3) / (10 * n)) });
    const out = `c${l}`;
    nodes.push({
      opType: 'Conv',
      input: [prev, w],
      output: [out],
      name: out,
      attribute: [
        { name: 'pads', type: 7, ints: [1, 1, 1, 1, 1, 1] },
        { name: 'kernel_shape', type: 7, ints: [3, 3, 3] },
      ],
    });
    prev = out;
    inC = channels;
  }
  init.push({ name: 'wout', dataType: FLOAT, dims: [2, inC, 1, 1, 1], floatData: Array.from({ length: 2 * inC }, (_, q) => (q % 2 ? 1 : -1)) });
  nodes.push({ opType: 'Conv', input: [prev, 'wout'], output: ['output'], name: 'out', attribute: [{ name: 'kernel_shape', type: 7, ints: [1, 1, 1] }] });
  return model(nodes, ['batch', 1, ...spatial], ['batch', 2, ...spatial], init);
}
