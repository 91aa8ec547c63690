import type { PackInput, PackManifest } from './pack-manifest';
import type { ModelIo } from './worker/protocol';

function fmt(shape: readonly (number | string)[]): string {
  return `[${shape.map((d) => (typeof d === 'number' ? String(d) : JSON.stringify(d))).join(', ')}]`;
}

/**
 * What disagrees between the manifest's declared input/output and the model file, as sentences
 * (empty when they agree): input names, dtypes, ranks and static dims. A dim the manifest fixes
 * where the model is symbolic is fine (the manifest is stricter); a dim the manifest calls symbolic
 * where the model fixes it is a mismatch (the manifest promises a freedom the model lacks).
 */
export function modelIoProblems(manifest: PackManifest, io: ModelIo): string[] {
  const problems = inputProblems(manifest.inputs, io);
  const outName = manifest.outputTensor ?? io.outputs[0]?.name;
  const out = io.outputs.find((o) => o.name === outName);
  if (!out) {
    problems.push(`the model has no output ${outName === undefined ? '' : `'${outName}'`} (outputs: ${io.outputs.map((o) => `'${o.name}'`).join(', ') || 'none'})`);
  } else if (out.isTensor) {
    if (out.type !== 'float32') problems.push(`output '${out.name}' is ${out.type}; only float32 outputs are supported`);
    if (out.shape.length !== 0 && out.shape.length !== 5) problems.push(`output '${out.name}' has rank ${out.shape.length} ${fmt(out.shape)}; expected 5 (batch, channels, 3 spatial)`);
    const channels = out.shape[1];
    const maxChannel = Math.max(...manifest.outputs.map((o) => o.channel));
    if (typeof channels === 'number' && channels > 0 && maxChannel >= channels) {
      problems.push(`the manifest names output channel ${maxChannel} but output '${out.name}' has ${channels} channels`);
    }
  }
  return problems;
}

/** Disagreements between declared inputs and the model's (names, dtypes, ranks, static dims). */
export function inputProblems(inputs: readonly PackInput[], io: ModelIo): string[] {
  const problems: string[] = [];
  const declaredNames = inputs.map((i) => i.name);
  for (const actual of io.inputs) {
    if (!declaredNames.includes(actual.name)) problems.push(`the model has an input '${actual.name}' the manifest does not declare`);
  }
  for (const declared of inputs) {
    const actual = io.inputs.find((i) => i.name === declared.name);
    if (!actual) {
      problems.push(`the manifest declares input '${declared.name}' but the model's inputs are ${io.inputs.map((i) => `'${i.name}'`).join(', ') || 'none'}`);
      continue;
    }
    if (!actual.isTensor) {
      problems.push(`input '${declared.name}' is not a tensor in the model`);
      continue;
    }
    if (actual.type !== declared.dtype) problems.push(`input '${declared.name}' is ${actual.type} in the model, ${declared.dtype} in the manifest`);
    if (actual.shape.length === 0) continue; // the model does not declare a shape
    if (actual.shape.length !== declared.shape.length) {
      problems.push(`input '${declared.name}' has rank ${actual.shape.length} ${fmt(actual.shape)} in the model, ${declared.shape.length} ${fmt(declared.shape)} in the manifest`);
      continue;
    }
    const bad = declared.shape.some((d, a) => {
      const m = actual.shape[a];
      return typeof m === 'number' && m > 0 && d !== m;
    });
    if (bad) problems.push(`input '${declared.name}' has shape ${fmt(actual.shape)} in the model, ${fmt(declared.shape)} in the manifest`);
  }
  return problems;
}
