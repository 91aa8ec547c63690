import { existsSync } from 'node:fs';
import type { AppCore } from '../../core/app-core';
import type { StudyComparisonDto } from '../../shared/api/channels/compare-channels';
import { CliUsageError, type CliCommand } from '../cli-command';
import { call, withCore } from '../with-core';

/** A study UID as given, or the study of the volume a folder imports to. */
async function studyOf(core: AppCore, target: string): Promise<string> {
  return existsSync(target) ? core.services.studies.importStudy(target) : target;
}

/** The documented --json shape (issue 10), plus which exams and volumes were compared. */
function comparisonJson(c: StudyComparisonDto) {
  const r = c.registration;
  return {
    current: c.current,
    prior: c.prior,
    registration: {
      id: r.id,
      method: r.method,
      sameFrameOfReference: r.sameFrameOfReference,
      matrix: r.matrix,
      translationMm: r.translationMm,
      rotationDeg: r.rotationDeg,
      quality: r.quality,
      durationMs: Math.round(r.durationMs),
      nudgeMm: r.nudgeMm,
    },
    convention: c.convention,
    pairs: c.pairs,
  };
}

const fmt = (v: number | null, unit: string) => (v === null ? '-' : `${v.toFixed(1)}${unit}`);

export const compareCommand: CliCommand = {
  name: 'compare',
  summary: 'Compare a study with a prior: registration (prior -> current) and tracked findings (with folders: import and analyze first)',
  usage: 'radground compare <current study-uid | folder> <prior study-uid | folder> [--recompute] [--data-dir D] [--json]',
  options: { recompute: { type: 'boolean' } },
  async run(context) {
    const [currentTarget, priorTarget] = context.positionals;
    if (!currentTarget || !priorTarget) throw new CliUsageError('give the current and the prior study (UIDs or DICOM folders)');
    const output = await withCore(context, async (core) => {
      const currentStudyInstanceUid = await studyOf(core, currentTarget);
      const priorStudyInstanceUid = await studyOf(core, priorTarget);
      return comparisonJson(await call(core, 'compare.run', { currentStudyInstanceUid, priorStudyInstanceUid, recompute: context.options.recompute === true }));
    });
    if (context.json) {
      context.io.stdout(JSON.stringify(output) + '\n');
      return 0;
    }
    const r = output.registration;
    const lines = [
      `registration ${r.method}: translation ${r.translationMm.map((v) => v.toFixed(1)).join(', ')} mm, rotation ${r.rotationDeg.toFixed(2)} deg, quality ${r.quality?.toFixed(3) ?? '-'} (${r.durationMs} ms)`,
      ...output.pairs.map((p) => {
        const l = p.current ?? p.prior!;
        return `  ${p.status.padEnd(9)} ${l.label.padEnd(7)} ${(l.laterality ?? '').padEnd(6)} ${(l.zone ?? '').padEnd(7)} ${fmt(p.prior?.diameterMm ?? null, ' mm').padStart(8)} -> ${fmt(p.current?.diameterMm ?? null, ' mm').padStart(8)}  VDT ${fmt(p.doublingTimeDays, ' d')}`;
      }),
    ];
    context.io.stdout(lines.join('\n') + '\n');
    return 0;
  },
};
