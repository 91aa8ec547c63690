import { describe, expect, it } from 'vitest';
import { createLogger, redactPhi } from '../../../electron/core/logging/logger';

describe('structured logging', () => {
  it('writes one JSON object per line with level, message and fields', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', write: (l) => lines.push(l) }).child({ component: 'import' });
    log.debug('hidden');
    log.info('imported', { files: 64 });
    log.error('failed', { reason: 'truncated' });
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0]!);
    expect(first).toMatchObject({ level: 'info', msg: 'imported', component: 'import', files: 64 });
    expect(Number.isNaN(Date.parse(first.time))).toBe(false);
  });

  it('never writes patient names or IDs in plain text', () => {
    const lines: string[] = [];
    const log = createLogger({ write: (l) => lines.push(l) });
    log.info('study opened', { patientName: 'DOE^JANE', patientId: 'MRN-12345', study: { patientBirthDate: '19600101', modality: 'CT' } });
    const text = lines.join('\n');
    expect(text).not.toContain('DOE^JANE');
    expect(text).not.toContain('MRN-12345');
    expect(text).not.toContain('19600101');
    expect(text).toContain('"modality":"CT"');
    // Counts are not identifiers.
    expect(redactPhi({ added: { patients: 2 } })).toEqual({ added: { patients: 2 } });
    // The same value always maps to the same token, so lines about one patient can be correlated.
    expect(redactPhi({ patientId: 'MRN-12345' })).toEqual(redactPhi({ patientId: 'MRN-12345' }));
  });
});
