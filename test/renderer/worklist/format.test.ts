import { describe, expect, it } from 'vitest';
import { formatDicomDate, formatPersonName, toDicomDate } from '../../../renderer/src/worklist/format';

describe('worklist formatting', () => {
  it('shows DICOM person names as "FAMILY, Given Middle"', () => {
    expect(formatPersonName('DOE^JANE^Q')).toBe('DOE, JANE Q');
    expect(formatPersonName('DEMO^PHANTOM')).toBe('DEMO, PHANTOM');
    expect(formatPersonName('Lung_Dx-A0001')).toBe('Lung_Dx-A0001');
    expect(formatPersonName(null)).toBe('—');
  });
  it('converts between DICOM and ISO dates', () => {
    expect(formatDicomDate('20070404')).toBe('2007-04-04');
    expect(formatDicomDate(null)).toBe('—');
    expect(formatDicomDate('2007')).toBe('—');
    expect(toDicomDate('2026-11-28')).toBe('20261128');
    expect(toDicomDate('')).toBeUndefined();
  });
});
