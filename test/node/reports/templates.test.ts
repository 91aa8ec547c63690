import { describe, expect, it } from 'vitest';
import { chooseTemplate, templateScore, type TemplateStudy } from '../../../electron/core/reports/templates/choose-template';
import { builtInTemplates, parseTemplates, templateById } from '../../../electron/core/reports/templates/report-templates';
import { templateReport } from '../../../electron/core/reports/templates/template-report';

const study = (series: TemplateStudy['series'], description: string | null = null): TemplateStudy => ({ description, series });
const chosen = (s: TemplateStudy) => chooseTemplate(builtInTemplates(), s)?.id;

describe('report templates', () => {
  it('are JSON data files validated with zod: chest CT, chest radiograph, brain MR and a generic one', () => {
    expect(builtInTemplates().map((t) => t.id)).toEqual(['chest-ct', 'chest-radiograph', 'brain-mr', 'generic']);
    expect(() => parseTemplates([{ id: 'Bad Id', name: 'x', match: {}, sections: {} }])).toThrow(/'Bad Id': id:/);
    expect(() => parseTemplates([{ id: 'x', name: 'x', match: {}, sections: { findings: [''] } }])).toThrow(/sections\.findings\.0/);
    expect(() => parseTemplates([{ id: 'x', name: 'x', match: {}, sections: { remarks: [] } }])).toThrow(/sections/);
    const a = { id: 'x', name: 'x', match: {}, sections: {} };
    expect(() => parseTemplates([a, a])).toThrow(/defined twice/);
    expect(() => templateById('nope')).toThrow(/no report template 'nope'/);
  });

  it('are chosen by modality and body part', () => {
    expect(chosen(study([{ modality: 'CR', bodyPart: 'CHEST', description: 'view: PA' }]))).toBe('chest-radiograph');
    expect(chosen(study([{ modality: 'DX', bodyPart: null, description: null }]))).toBe('chest-radiograph');
    expect(chosen(study([{ modality: 'MR', bodyPart: 'BRAIN', description: 't1_fl2d_sag' }]))).toBe('brain-mr');
    expect(chosen(study([{ modality: 'MR', bodyPart: 'HEAD', description: null }]))).toBe('brain-mr');
    expect(chosen(study([{ modality: 'CT', bodyPart: null, description: '5mm' }], 'Chest'))).toBe('chest-ct');
    expect(chosen(study([{ modality: 'CT', bodyPart: 'THORAX', description: null }]))).toBe('chest-ct');
  });

  it('fall back to the generic template when the body part or the modality does not match', () => {
    expect(chosen(study([{ modality: 'CT', bodyPart: 'ABDOMEN', description: 'abdomen' }]))).toBe('generic');
    expect(chosen(study([{ modality: 'CR', bodyPart: 'HAND', description: null }]))).toBe('generic');
    expect(chosen(study([{ modality: 'MR', bodyPart: 'KNEE', description: 'knee' }]))).toBe('generic');
    expect(chosen(study([{ modality: 'US', bodyPart: null, description: null }]))).toBe('generic');
    expect(chosen(study([]))).toBe('generic');
  });

  it('prefer the recorded body part over a description word, and a description word over nothing', () => {
    const ct = templateById('chest-ct');
    expect(templateScore(ct, study([{ modality: 'CT', bodyPart: 'CHEST', description: null }]))).toBe(3);
    expect(templateScore(ct, study([{ modality: 'CT', bodyPart: null, description: 'Thorax 1mm' }]))).toBe(2);
    expect(templateScore(ct, study([{ modality: 'CT', bodyPart: null, description: null }]))).toBe(1);
    expect(templateScore(ct, study([{ modality: 'MR', bodyPart: 'CHEST', description: null }]))).toBe(-1);
    expect(templateScore(templateById('generic'), study([]))).toBe(0);
  });

  it('start a report with their sentences (typed by people: origin human, no links); technique from the headers, comparison from the prior', () => {
    const headers = [{ seriesInstanceUid: '1.2', modality: 'CR', bodyPartExamined: 'CHEST', sliceThickness: null, contrastBolusAgent: null, kvp: null }];
    const t = templateReport({ template: templateById('chest-radiograph'), seriesHeaders: headers, prior: { studyDate: '20240102', description: 'CXR' }, indication: ' Cough. ' });
    const text = (name: string) => t.sections.find((s) => s.name === name)!.sentences.map((s) => s.text);
    expect(text('indication')).toEqual(['Cough.']);
    expect(text('technique')).toEqual(['Radiograph of the chest.']);
    expect(text('comparison')).toEqual(['CXR of 2024-01-02.']);
    expect(text('findings')).toEqual(templateById('chest-radiograph').sections.findings);
    expect(t.sections.flatMap((s) => s.sentences).every((s) => s.origin === 'human' && s.regionIds.length === 0)).toBe(true);
    const blank = templateReport({ template: null, seriesHeaders: headers, prior: null });
    expect(blank.sections.map((s) => [s.name, s.sentences.map((x) => x.text)])).toEqual([
      ['indication', []],
      ['technique', ['Radiograph of the chest.']],
      ['comparison', ['None available.']],
      ['findings', []],
      ['impression', []],
    ]);
  });
});
