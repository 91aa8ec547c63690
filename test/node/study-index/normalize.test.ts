import { describe, expect, it } from 'vitest';
import {
  cleanPersonName,
  foldForSearch,
  likeContains,
  normalizeDicomDate,
  normalizeDicomTime,
  normalizeQueryDate,
  searchTokens,
} from '../../../electron/core/study-index/normalize';

describe('normalize', () => {
  it('normalizes DICOM dates and refuses impossible ones', () => {
    expect(normalizeDicomDate('20240315')).toBe('20240315');
    expect(normalizeDicomDate(' 1999.12.31 ')).toBe('19991231');
    expect(normalizeDicomDate('20240230')).toBeNull();
    expect(normalizeDicomDate('2024-03-15')).toBeNull();
    expect(normalizeDicomDate('')).toBeNull();
    expect(normalizeDicomDate(null)).toBeNull();
  });

  it('accepts query dates as YYYYMMDD, YYYY-MM-DD or ISO date-time', () => {
    expect(normalizeQueryDate('20240315')).toBe('20240315');
    expect(normalizeQueryDate('2024-03-15')).toBe('20240315');
    expect(normalizeQueryDate('2024-03-15T23:59:59.000Z')).toBe('20240315');
    expect(normalizeQueryDate('2024-0315')).toBeNull();
    expect(normalizeQueryDate('2023-02-29')).toBeNull();
    expect(normalizeQueryDate('15/03/2024')).toBeNull();
  });

  it('normalizes DICOM times so they sort as text', () => {
    expect(normalizeDicomTime('10')).toBe('100000');
    expect(normalizeDicomTime('1015')).toBe('101500');
    expect(normalizeDicomTime('101530.123')).toBe('101530.123');
    expect(normalizeDicomTime('10:15:30')).toBe('101530');
    expect(normalizeDicomTime('2515')).toBeNull();
    expect(normalizeDicomTime('1015.5')).toBeNull();
    expect(normalizeDicomTime('noon')).toBeNull();
  });

  it('folds names and text for search', () => {
    expect(cleanPersonName('DOE^JOHN^^^ ')).toBe('DOE^JOHN');
    expect(cleanPersonName('^^')).toBeNull();
    expect(foldForSearch('DEMO^PHANTOM')).toBe('demo phantom');
    expect(foldForSearch('Müller^Zoë=ミュラー')).toBe('muller zoe ミュラー');
    expect(searchTokens('  Demo   PHANTOM ')).toEqual(['demo', 'phantom']);
    expect(searchTokens(undefined)).toEqual([]);
    expect(likeContains('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});
