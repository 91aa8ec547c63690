import type { CliCommand } from '../cli-command';
import { withCore } from '../with-core';

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'Generate (first time) and import the synthetic demo chest CT and its prior exam',
  usage: 'radground demo [--data-dir D] [--json]',
  async run(context) {
    const result = await withCore(context, (core) => core.services.studies.importDemo());
    const { current, prior } = result.manifest.exams;
    if (context.json) {
      context.io.stdout(
        JSON.stringify({
          dataDir: context.dataDir,
          currentStudyInstanceUid: result.currentStudyInstanceUid,
          priorStudyInstanceUid: result.priorStudyInstanceUid,
          added: result.summary.added,
          volumes: result.summary.volumes,
          lesions: current.lesions,
        }) + '\n',
      );
      return 0;
    }
    context.io.stdout(
      [
        `Demo patient ${result.manifest.patient.patientName} (${result.manifest.patient.patientId}), synthetic data`,
        `  current ${current.studyDate}: ${current.dims.join('x')} CT, study ${current.studyInstanceUid}`,
        `  prior   ${prior.studyDate}: ${prior.dims.join('x')} CT, study ${prior.studyInstanceUid}`,
        `  ${current.lesions.length} planted lesions; added ${result.summary.added.instances} images to the index`,
      ].join('\n') + '\n',
    );
    return 0;
  },
};
