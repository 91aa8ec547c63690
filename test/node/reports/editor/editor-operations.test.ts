import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../../../electron/cli/with-core';
import type { ReportView } from '../../../../electron/core/reports';
import { NO_SHARED_DATA_REASON, requireSharedData, sharedData } from '../../../support/shared-data';
import { createTestCore } from '../../../support/test-core';

const hasData = requireSharedData();

const texts = (v: ReportView, section: string) => v.sections.find((s) => s.name === section)!.sentences.map((s) => s.text);
const ids = (v: ReportView, section: string) => v.sections.find((s) => s.name === section)!.sentences.map((s) => s.id);

describe.skipIf(!hasData)(`report editor operations (${hasData ? 'real CR' : NO_SHARED_DATA_REASON})`, () => {
  let env: Awaited<ReturnType<typeof createTestCore>>;
  let studyInstanceUid: string;
  let report: ReportView;
  const get = () => call(env.core, 'reports.get', { reportId: report.id });
  beforeAll(async () => {
    env = await createTestCore();
    const summary = await call(env.core, 'studies.import', { paths: [sharedData('cxr', 'siim_CR_jpegbaseline.dcm')] });
    studyInstanceUid = summary.studies[0]!.studyInstanceUid;
    await call(env.core, 'settings.update', { reader: { name: 'Dr Ada Reader', id: 'R-42' } });
    report = await call(env.core, 'reports.create', { studyInstanceUid });
  });
  afterAll(() => env.dispose());

  it('offers the chest radiograph template and no AI draft for a CR (the chest-ct pack does not fit)', async () => {
    const options = await call(env.core, 'reports.options', { studyInstanceUid });
    expect(options.suggestedTemplateId).toBe('chest-radiograph');
    expect(options.draftingPackId).toBeNull();
    const chest = options.packs.find((p) => p.id === 'chest-ct')!;
    expect(chest).toMatchObject({ fits: false, drafts: true });
    expect(chest.reasons.join('; ')).toMatch(/needs CT, the series is CR/);
    expect(options.reason).toMatch(/chest-ct/);
    await expect(call(env.core, 'reports.draft', { studyInstanceUid })).rejects.toMatchObject({ code: 'UNSUPPORTED_INPUT' });
    expect(texts(report, 'findings')[0]).toBe('Lines and tubes: none.');
  });

  it('adds a sentence to any section, e.g. the indication', async () => {
    await call(env.core, 'reports.addSentence', { reportId: report.id, section: 'indication', text: 'Cough for two weeks.' });
    await call(env.core, 'reports.addSentence', { reportId: report.id, section: 'indication', text: 'Fever.', afterOrdinal: -1 });
    expect(texts(await get(), 'indication')).toEqual(['Fever.', 'Cough for two weeks.']);
  });

  it('moves a sentence within its section and into another; the stored order is the order shown', async () => {
    const before = await get();
    const [first, second] = ids(before, 'findings');
    await call(env.core, 'reports.moveSentence', { sentenceId: first!, toIndex: 1 });
    let v = await get();
    expect(ids(v, 'findings').slice(0, 2)).toEqual([second, first]);
    expect(v.sections.find((s) => s.name === 'findings')!.sentences.map((s) => s.ordinal)).toEqual([0, 1, 2, 3, 4]);
    await call(env.core, 'reports.moveSentence', { sentenceId: first!, toIndex: 99, toSection: 'impression' });
    v = await get();
    expect(ids(v, 'impression').at(-1)).toBe(first);
    expect(ids(v, 'findings')).not.toContain(first);
    expect(v.sections.find((s) => s.name === 'findings')!.sentences.map((s) => s.ordinal)).toEqual([0, 1, 2, 3]);
    await expect(call(env.core, 'reports.moveSentence', { sentenceId: first!, toIndex: 0, toSection: 'nonsense' as 'findings' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('deletes a sentence and undoes the deletion: same id, text, place', async () => {
    const before = await get();
    const victim = ids(before, 'findings')[1]!;
    const text = texts(before, 'findings')[1]!;
    await call(env.core, 'reports.deleteSentence', { sentenceId: victim });
    expect(ids(await get(), 'findings')).not.toContain(victim);
    const restored = await call(env.core, 'reports.restoreSentence', { reportId: report.id, sentenceId: victim });
    expect(restored.sentence).toMatchObject({ id: victim, text, section: 'findings' });
    expect(texts(await get(), 'findings')).toEqual(texts(before, 'findings'));
    await expect(call(env.core, 'reports.restoreSentence', { reportId: report.id, sentenceId: victim })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(call(env.core, 'reports.restoreSentence', { reportId: report.id, sentenceId: 'never-existed' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('an empty sentence is deleted, never stored blank', async () => {
    const before = await get();
    const target = ids(before, 'findings')[0]!;
    const result = await call(env.core, 'reports.updateSentence', { sentenceId: target, text: '   ' });
    expect(result).toEqual({ deleted: true, sentenceId: target });
    const after = await get();
    expect(ids(after, 'findings')).not.toContain(target);
    expect(after.sections.flatMap((s) => s.sentences).every((s) => s.text.trim() !== '')).toBe(true);
    const edited = await call(env.core, 'reports.updateSentence', { sentenceId: ids(after, 'findings')[0]!, text: 'Lungs: small left apical pneumothorax.' });
    expect(edited.deleted).toBe(false);
  });

  it('attributes the template to its creator, edits and the signature to the configured reader', async () => {
    await expect(call(env.core, 'reports.sign', { reportId: report.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    const signed = await call(env.core, 'reports.sign', { reportId: report.id, overrideReason: 'Pneumothorax seen; no region drawn' });
    expect(signed.signedBy).toBe('Dr Ada Reader (R-42)');
    const { entries, verification } = await call(env.core, 'reports.audit', { reportId: report.id });
    expect(verification.ok).toBe(true);
    expect(entries[0]).toMatchObject({ action: 'create', actor: 'Dr Ada Reader (R-42)', detail: { source: { kind: 'template', templateId: 'chest-radiograph' } } });
    const edits = entries.filter((e) => e.action !== 'create');
    expect(edits.map((e) => e.action)).toEqual(expect.arrayContaining(['sentence.add', 'sentence.update', 'sentence.delete', 'sign']));
    expect(new Set(edits.map((e) => e.actor))).toEqual(new Set(['Dr Ada Reader (R-42)']));
    expect(entries.find((e) => e.detail.restored === true)?.action).toBe('sentence.add');
    expect(entries.filter((e) => e.detail.moved !== undefined)).toHaveLength(2);
  });

  it('the exported HTML names the patient, the study, the signer and the override reason', async () => {
    await call(env.core, 'reports.addAddendum', { reportId: report.id, text: 'Discussed with the ward.' });
    const { html } = await call(env.core, 'reports.exportHtml', { reportId: report.id });
    const header = html.slice(html.indexOf('<header>'), html.indexOf('</header>'));
    expect(header).toContain('<dt>Patient ID</dt><dd>16d7f894-55d7-4d95-8957-d18987f0e981</dd>');
    expect(header).toContain('<dt>Sex</dt><dd>male</dd>');
    expect(header).toContain('<dt>Study date</dt><dd>1901-01-01</dd>');
    expect(header).toContain('<dt>Signed by</dt><dd>Dr Ada Reader (R-42)</dd>');
    expect(header).toMatch(/<dt>Signed at<\/dt><dd>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC<\/dd>/);
    expect(header).toContain('<dt>Signed despite errors</dt><dd>Pneumothorax seen; no region drawn</dd>');
    expect(html).toContain('Discussed with the ward.');
    expect(html).toContain('Dr Ada Reader (R-42), ');
  });

  it('the settings persist in the data folder', async () => {
    expect((await call(env.core, 'settings.get', {})).reader).toEqual({ name: 'Dr Ada Reader', id: 'R-42' });
    const { readFileSync } = await import('node:fs');
    expect(JSON.parse(readFileSync(`${env.dataDir}/settings.json`, 'utf8')).reader.name).toBe('Dr Ada Reader');
  });
});

describe('drafted text is attributed to the model pack and version', () => {
  it('createDraft writes the create row as "model <id> <version>" with the source', async () => {
    const { openReportDb, demoHeaders } = await import('../support/report-db');
    const r = openReportDb();
    try {
      const view = r.svc.createDraft(r.fx.exam.studyInstanceUid, { author: 'Dr Ada Reader', regions: r.fx.all, seriesHeaders: demoHeaders(r.fx), prior: null, model: { id: 'chest-ct', version: '1.1.0' } });
      const [create] = r.svc.audit(view.id);
      expect(create).toMatchObject({ action: 'create', actor: 'model chest-ct 1.1.0', detail: { source: { kind: 'model', modelId: 'chest-ct', modelVersion: '1.1.0' } } });
      expect(view.author).toBe('Dr Ada Reader');
    } finally {
      r.close();
    }
  });
});
