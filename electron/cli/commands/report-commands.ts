import { existsSync, writeFileSync } from 'node:fs';
import { withoutMask } from '../../core/regions/region';
import type { ReportView } from '../../shared/api/channels/report-schemas';
import { CliUsageError, type CliCommand, type CliContext } from '../cli-command';
import { call, withCore } from '../with-core';
import { verificationWarning, withWarningBanner } from './verify-command';

export const draftCommand: CliCommand = {
  name: 'draft',
  summary: 'Draft a grounded report for a study (with a path: import and analyze first)',
  usage: 'radground draft <study-uid | path> [--data-dir D] [--json]',
  async run(context) {
    const [target] = context.positionals;
    if (!target) throw new CliUsageError('give a study UID or a DICOM folder');
    const output = await withCore(context, async (core) => {
      const { studies, volumes, analysis } = core.services;
      const studyInstanceUid = existsSync(target) ? await studies.importStudy(target) : target;
      const options = await call(core, 'reports.options', { studyInstanceUid });
      if (!options.draftingPackId) {
        // No pack fits: the template report instead, saying why (exit 0).
        const report = await call(core, 'reports.create', { studyInstanceUid });
        return { report: reportJson(report), analysis: null, reason: options.reason, template: options.suggestedTemplateId, regions: [], series: null };
      }
      const report = await call(core, 'reports.draft', { studyInstanceUid, modelId: options.draftingPackId });
      const volumeId = volumes.readingVolumeOf(studyInstanceUid);
      const g = volumes.describe(volumeId);
      const regions = analysis.regions(volumeId);
      const run = regions.find((r) => r.runId !== null)?.runId ?? null;
      return {
        report: reportJson(report),
        analysis: { modelId: options.draftingPackId, runId: run },
        reason: null,
        template: null,
        regions: regions.map(withoutMask),
        series: { seriesInstanceUid: g.seriesInstanceUid, frameOfReferenceUid: g.frameOfReferenceUid, modality: g.modality, dims: g.dims, spacing: g.spacing, origin: g.origin, direction: g.direction, sopInstanceUids: g.sopInstanceUids },
      };
    });
    print(context, output, () => (output.reason ? `No AI draft: ${output.reason}. Started from the '${output.template}' template.\n` : '') + reportText(output.report));
    return 0;
  },
};

export const groundCommand: CliCommand = {
  name: 'ground',
  summary: 'Show the region links and checks a sentence would get in a report (nothing is saved)',
  usage: 'radground ground <report-id> --text "<sentence>" [--data-dir D] [--json]',
  options: { text: { type: 'string' } },
  async run(context) {
    const [reportId] = context.positionals;
    const text = context.options.text as string | undefined;
    if (!reportId || text === undefined) throw new CliUsageError('give a report id and --text "<sentence>"');
    const result = await withCore(context, (core) => call(core, 'reports.groundPreview', { reportId, text }));
    print(context, result, () =>
      [
        ...result.links.map((l) => `  linked ${l.regionId} (score ${l.score.toFixed(2)})`),
        ...result.checks.map((c) => `  ${c.severity}: ${c.message}`),
        ...(result.links.length || result.checks.length ? [] : ['  no links, no checks']),
      ].join('\n'),
    );
    return 0;
  },
};

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'Show a report (report show <id>), or start one without AI (report new <study-uid> [--template ID | --blank])',
  usage: 'radground report show <report-id> | report new <study-uid> [--template ID] [--blank] [--indication "<text>"] [--data-dir D] [--json]',
  options: { template: { type: 'string' }, blank: { type: 'boolean' }, indication: { type: 'string' } },
  async run(context) {
    const [verb, target] = context.positionals;
    if ((verb !== 'show' && verb !== 'new') || !target) throw new CliUsageError('usage: radground report show <report-id> | radground report new <study-uid> [--template ID]');
    const template = context.options.template as string | undefined;
    const blank = context.options.blank === true;
    if (blank && template) throw new CliUsageError('give --template or --blank, not both');
    const indication = context.options.indication as string | undefined;
    const report = await withCore(context, (core) =>
      verb === 'show' ? call(core, 'reports.get', { reportId: target }) : call(core, 'reports.create', { studyInstanceUid: target, templateId: blank ? null : template, indication }),
    );
    const warning = verb === 'show' ? await withCore(context, async (core) => verificationWarning(core, report.id)) : null;
    if (warning) context.io.stderr(warning.text);
    print(context, { report: reportJson(report) }, () => reportText(reportJson(report)));
    return 0;
  },
};

export const signCommand: CliCommand = {
  name: 'sign',
  summary: 'Sign (finalise) a report; errors left in it need --override "<reason>"',
  usage: 'radground sign <report-id> --as "<name>" [--override "<reason>"] [--data-dir D] [--json]',
  options: { as: { type: 'string' }, override: { type: 'string' } },
  async run(context) {
    const [reportId] = context.positionals;
    const signer = context.options.as as string | undefined;
    if (!reportId || !signer) throw new CliUsageError('give a report id and --as "<name>"');
    const overrideReason = context.options.override as string | undefined;
    const report = await withCore(context, (core) => call(core, 'reports.sign', { reportId, signer, overrideReason }));
    print(context, { report: reportJson(report) }, () => `signed by ${report.signedBy} at ${report.signedAt}; content hash ${report.contentHash}`);
    return 0;
  },
};

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Export a report as self-contained HTML (key images) or grounded-report JSON',
  usage: 'radground export <report-id> (--html F | --json-file F | --sr F.dcm [--seg G.dcm] | --fhir H.json) [--data-dir D]',
  options: { html: { type: 'string' }, 'json-file': { type: 'string' }, sr: { type: 'string' }, seg: { type: 'string' }, fhir: { type: 'string' } },
  async run(context) {
    const [reportId] = context.positionals;
    const html = context.options.html as string | undefined;
    const jsonFile = context.options['json-file'] as string | undefined;
    const sr = context.options.sr as string | undefined;
    const seg = context.options.seg as string | undefined;
    const fhir = context.options.fhir as string | undefined;
    if (!reportId || (!html && !jsonFile && !sr && !seg && !fhir)) throw new CliUsageError('give a report id and --html FILE, --json-file FILE, --sr FILE [--seg FILE] or --fhir FILE');
    const written = await withCore(context, async (core) => {
      const files: string[] = [];
      const warning = verificationWarning(core, reportId);
      if (warning) context.io.stderr(warning.text);
      if (html) {
        writeFileSync(html, withWarningBanner((await call(core, 'reports.exportHtml', { reportId })).html, warning));
        files.push(html);
      }
      if (jsonFile) {
        const json = await call(core, 'reports.exportJson', { reportId });
        writeFileSync(jsonFile, JSON.stringify(warning ? { verification: { ok: false, warning: warning.text.trim(), problems: warning.problems }, ...json } : json, null, 2) + '\n');
        files.push(jsonFile);
      }
      if (sr || seg) files.push(...(await core.services.exports.writeDicom(reportId, { sr, seg })));
      if (fhir) {
        writeFileSync(fhir, JSON.stringify(await call(core, 'standards.fhir', { reportId }), null, 2) + '\n');
        files.push(fhir);
      }
      return files;
    });
    print(context, { written }, () => written.map((f) => `wrote ${f}`).join('\n'));
    return 0;
  },
};

/** The report in the CLI's documented shape: sections of sentences with regionIds and checks. */
function reportJson(report: ReportView) {
  return {
    id: report.id,
    status: report.status,
    studyInstanceUid: report.studyInstanceUid,
    signedBy: report.signedBy,
    signedAt: report.signedAt,
    contentHash: report.contentHash,
    sections: report.sections.map((s) => ({
      name: s.name,
      sentences: s.sentences.map((x) => ({
        id: x.id,
        text: x.text,
        regionIds: x.regionIds,
        checks: x.checks.map((c) => ({ kind: c.kind, severity: c.severity, message: c.message })),
      })),
    })),
    addenda: report.addenda,
    imported: report.imported ?? null,
  };
}

/** The line that says a report was imported from a DICOM SR (read-only, signed elsewhere). */
export function importedBanner(imported: NonNullable<ReportView['imported']>): string {
  return (
    `Imported from ${imported.source === 'pacs' ? 'PACS' : 'a file'} (DICOM SR ${imported.latestSrSopInstanceUid}): signed by ${imported.signer} at ${imported.signedAt} ` +
    `(${imported.verificationFlag}); read-only, not signed on this workstation.`
  );
}

function reportText(report: ReturnType<typeof reportJson>): string {
  const lines = [`Report ${report.id} (${report.status}${report.imported ? ', imported' : ''})`];
  if (report.imported) lines.push(importedBanner(report.imported), ...report.imported.notes.map((n) => `  note: ${n}`));
  else if (report.signedBy) lines.push(`Signed by ${report.signedBy} at ${report.signedAt}`);
  for (const section of report.sections) {
    lines.push(`${section.name.toUpperCase()}`);
    for (const s of section.sentences) {
      lines.push(`  ${s.text}${s.regionIds.length ? `  [${s.regionIds.length} region${s.regionIds.length > 1 ? 's' : ''}]` : ''}`);
      for (const c of s.checks) lines.push(`    ${c.severity}: ${c.message}`);
    }
  }
  if (report.addenda.length) lines.push('ADDENDA', ...report.addenda.map((a) => `  ${a.text} (${a.author}, ${a.createdAt})`));
  return lines.join('\n');
}

function print<T>(context: CliContext, value: T, text: () => string): void {
  context.io.stdout(context.json ? JSON.stringify(value) + '\n' : text() + '\n');
}
