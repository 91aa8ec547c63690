import { existsSync } from 'node:fs';
import { DEFAULT_MODEL_ID, type AnalysisResult } from '../../core/analysis/analyze-volume';
import type { AppCore } from '../../core/app-core';
import type { Volume } from '../../core/volume-assembly/volume';
import { withoutMask } from '../../core/regions/region';
import { CliUsageError, type CliCommand } from '../cli-command';
import { withCore } from '../with-core';

const NIFTI = /\.nii(\.gz)?$/i;

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: 'Run a model pack (default chest-ct) on a series or a path; prints regions in patient coordinates',
  usage: 'radground analyze <series-uid | path> [--model <pack-id>] [--modality CT] [--data-dir D] [--json]',
  options: { model: { type: 'string' }, modality: { type: 'string' } },
  async run(context) {
    const [target] = context.positionals;
    if (!target) throw new CliUsageError('give a series UID, a DICOM folder or a NIfTI file');
    const modelId = (context.options.model as string | undefined) ?? DEFAULT_MODEL_ID;
    const output = await withCore(context, async (core) => {
      const { studies, analysis } = core.services;
      if (existsSync(target) && NIFTI.test(target)) {
        const { volume, result } = await analysis.runOnNifti(target, modelId, context.options.modality as string | undefined);
        return describeAnalysis(seriesOfVolume(volume), result);
      }
      const volumeId = existsSync(target) ? await studies.importAndPickVolume(target) : target;
      const result = await analysis.run(volumeId, modelId);
      return describeAnalysis(seriesOfIndexed(core, volumeId), result);
    });
    if (context.json) {
      context.io.stdout(JSON.stringify(output) + '\n');
      return 0;
    }
    const lines = [
      `${output.model.id} ${output.model.version} on ${output.series.dims.join('x')} (${output.model.executionProvider}, ${output.timings.totalMs} ms)`,
      ...output.regions.map(
        (r) =>
          `  ${r.kind.padEnd(8)} ${r.label.padEnd(22)} ${(r.laterality ?? '').padEnd(9)} ${(r.zone ?? '').padEnd(7)} ` +
          `${r.volumeMl.toFixed(1).padStart(8)} mL${r.diameterMm !== null ? `  ${r.diameterMm.toFixed(1)} mm` : ''}  conf ${r.confidence.toFixed(2)}`,
      ),
    ];
    context.io.stdout(lines.join('\n') + '\n');
    return 0;
  },
};

interface SeriesOutput {
  seriesInstanceUid: string | null;
  frameOfReferenceUid: string | null;
  modality: string | null;
  dims: [number, number, number];
  spacing: [number, number, number];
  origin: [number, number, number];
  direction: number[];
  sopInstanceUids: (string | null)[];
}

function seriesOfIndexed(core: AppCore, volumeId: string): SeriesOutput {
  const g = core.services.volumes.describe(volumeId);
  return { seriesInstanceUid: g.seriesInstanceUid, frameOfReferenceUid: g.frameOfReferenceUid, modality: g.modality, dims: g.dims, spacing: g.spacing, origin: g.origin, direction: g.direction, sopInstanceUids: g.sopInstanceUids };
}

function seriesOfVolume(v: Volume): SeriesOutput {
  return { seriesInstanceUid: v.seriesInstanceUid, frameOfReferenceUid: v.frameOfReferenceUid, modality: v.modality, dims: v.dims, spacing: v.spacing, origin: v.origin, direction: [...v.direction], sopInstanceUids: v.sopInstanceUids };
}

function describeAnalysis(series: SeriesOutput, result: AnalysisResult) {
  return {
    series,
    model: result.model,
    regions: result.regions.map((r) => {
      const { code: _code, runId: _run, volumeId: _vol, seriesInstanceUid: _s, frameOfReferenceUid: _f, ...rest } = withoutMask(r);
      return rest;
    }),
    warnings: result.warnings,
    timings: { totalMs: result.timings.totalMs ?? 0, ...result.timings },
  };
}
