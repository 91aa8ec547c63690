import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RadGroundError } from '../../../electron/core/errors/radground-error';
import type { SqliteDatabase } from '../../../electron/core/storage/database-types';
import { closeDatabase, openDatabase } from '../../../electron/core/storage/open-database';
import {
  listStudies,
  StudySummarySchema,
  WorklistPageSchema,
  type WorklistQueryInput,
} from '../../../electron/core/study-index';
import { seedWorklist, UIDS } from './support/seed-worklist';

const NAME_OF = Object.fromEntries(Object.entries(UIDS).map(([k, v]) => [v, k]));

describe('listStudies (worklist)', () => {
  let db: SqliteDatabase;
  beforeAll(() => {
    db = openDatabase(':memory:');
    seedWorklist(db);
  });
  afterAll(() => closeDatabase(db));

  /** The studies a query returns, as seed letters, in order. */
  const letters = (query: WorklistQueryInput = {}) => listStudies(db, query).rows.map((r) => NAME_OF[r.studyInstanceUid]);

  it('lists every study, newest study date first, undated last', () => {
    const page = listStudies(db);
    expect(page.total).toBe(5);
    expect(page.rows.map((r) => NAME_OF[r.studyInstanceUid])).toEqual(['A', 'D', 'B', 'C', 'E']);
  });

  it('returns plain JSON rows with patient, date, modalities, description and counts', () => {
    const page = listStudies(db);
    expect(WorklistPageSchema.parse(page)).toEqual(page);
    expect(JSON.parse(JSON.stringify(page))).toEqual(page);
    expect(page.rows).toHaveLength(5);
    const a = page.rows[0]!;
    expect(StudySummarySchema.parse(a)).toEqual({
      studyInstanceUid: UIDS.A,
      patient: { patientId: 'RG-0001', name: 'DEMO^PHANTOM', birthDate: '19700101', sex: 'O' },
      studyDate: '20240315',
      studyTime: '101500',
      description: 'CT CHEST W/O CONTRAST',
      accessionNumber: 'ACC-10',
      modalities: ['CT'],
      seriesCount: 2,
      instanceCount: 5,
    });
    const d = page.rows[1]!;
    expect(d.modalities).toEqual(['CT', 'PT']);
    expect(d.seriesCount).toBe(2);
    expect(d.instanceCount).toBe(2);
    const e = page.rows[4]!;
    expect(e.patient).toEqual({ patientId: null, name: null, birthDate: null, sex: null });
    expect(e.studyDate).toBeNull();
  });

  it('matches patient names case-insensitively, with ^ as a space, word by word', () => {
    expect(letters({ patientName: 'demo phantom' })).toEqual(['A', 'B', 'C']);
    expect(letters({ patientName: 'phantom demo' })).toEqual(['A', 'B', 'C']);
    expect(letters({ patientName: 'DEMO^PHANTOM' })).toEqual(['A', 'B', 'C']);
    expect(letters({ patientName: 'phan' })).toEqual(['A', 'B', 'C']);
    expect(letters({ patientName: 'muller' })).toEqual(['D']);
    expect(letters({ patientName: 'MÜLLER anna' })).toEqual(['D']);
    expect(letters({ patientName: 'demo anna' })).toEqual([]);
    expect(letters({ patientName: '   ' })).toEqual(['A', 'D', 'B', 'C', 'E']);
  });

  it('matches patient IDs as case-insensitive substrings', () => {
    expect(letters({ patientId: 'rg-00' })).toEqual(['A', 'B', 'C']);
    expect(letters({ patientId: 'XY-42' })).toEqual(['D']);
    expect(letters({ patientId: '42' })).toEqual(['D']);
    expect(letters({ patientId: 'RG-0002' })).toEqual([]);
  });

  it('matches the patient box against name or ID, word by word', () => {
    expect(letters({ patient: 'phantom' })).toEqual(['A', 'B', 'C']);
    expect(letters({ patient: 'rg-0001' })).toEqual(['A', 'B', 'C']);
    expect(letters({ patient: 'demo 0001' })).toEqual(['A', 'B', 'C']);
    expect(letters({ patient: 'anna xy-42' })).toEqual(['D']);
    expect(letters({ patient: 'anna rg' })).toEqual([]);
  });

  it('filters by an inclusive date range, YYYYMMDD or ISO', () => {
    expect(letters({ dateFrom: '20240101', dateTo: '2024-03-15' })).toEqual(['A', 'D']);
    expect(letters({ dateFrom: '2024-01-02' })).toEqual(['A']);
    expect(letters({ dateTo: '20230110' })).toEqual(['B', 'C']);
    expect(letters({ dateFrom: '2023-01-10T00:00:00Z', dateTo: '2023-01-10' })).toEqual(['B']);
    expect(letters({ dateFrom: '20240316' })).toEqual([]);
  });

  it('filters by modality of any series, case-insensitively', () => {
    expect(letters({ modality: 'mr' })).toEqual(['B', 'C']);
    expect(letters({ modality: 'CT' })).toEqual(['A', 'D', 'B']);
    expect(letters({ modality: ['PT', 'US'] })).toEqual(['D', 'E']);
    expect(letters({ modality: 'XA' })).toEqual([]);
  });

  it('searches free text over descriptions, accession, body part and patient', () => {
    expect(letters({ text: 'brain' })).toEqual(['C']);
    expect(letters({ text: 'acc-77' })).toEqual(['C']);
    expect(letters({ text: 'flair' })).toEqual(['C']); // a series description
    expect(letters({ text: 'liver' })).toEqual(['B']); // a series body part
    expect(letters({ text: 'whole body' })).toEqual(['D']);
    expect(letters({ text: 'chest' })).toEqual(['A', 'B']); // A's description, B's body part
    expect(letters({ text: 'phantom chest' })).toEqual(['A', 'B']); // words may come from different fields
    expect(letters({ text: 'müller' })).toEqual(['D']);
    expect(letters({ text: 'XY-42' })).toEqual(['D']);
    expect(letters({ text: 'abdomen' })).toEqual(['E']);
    // LIKE wildcards are literal text
    expect(letters({ text: '%' })).toEqual([]);
    expect(letters({ text: 'acc_77' })).toEqual([]);
  });

  it('combines filters with AND', () => {
    expect(letters({ patientName: 'demo', modality: 'CT', dateTo: '20231231' })).toEqual(['B']);
    expect(letters({ patientName: 'demo', text: 'brain', modality: 'CT' })).toEqual([]);
  });

  it('pages with limit and offset and reports the total', () => {
    const page = listStudies(db, { limit: 2, offset: 1 });
    expect(page.total).toBe(5);
    expect(page.rows.map((r) => NAME_OF[r.studyInstanceUid])).toEqual(['D', 'B']);
    const filtered = listStudies(db, { patientName: 'demo', limit: 1 });
    expect(filtered.total).toBe(3);
    expect(filtered.rows).toHaveLength(1);
  });

  it('rejects a bad query with BAD_REQUEST', () => {
    const bad: unknown[] = [
      { dateFrom: 'yesterday' },
      { dateFrom: '20240230' },
      { dateFrom: '20240301', dateTo: '20240201' },
      { limit: 0 },
      { offset: -1 },
      { modality: '' },
      { sortBy: 'name' },
    ];
    for (const query of bad) {
      let err: unknown;
      try {
        listStudies(db, query as WorklistQueryInput);
      } catch (e) {
        err = e;
      }
      expect(err, JSON.stringify(query)).toBeInstanceOf(RadGroundError);
      expect((err as RadGroundError).code).toBe('BAD_REQUEST');
    }
  });
});
