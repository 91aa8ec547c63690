import { describe, expect, it } from 'vitest';
import { studyToOpenAfterLaunch } from '../../../renderer/src/worklist/launch-study';

const study = (uid: string) => ({ studyInstanceUid: uid }) as never;
const rejected = (code: string) => ({ path: '/x', code, reason: code }) as never;

describe('the study a desktop launch opens (issue 13.7)', () => {
  it('opens the one study of a clean import, files already imported included', () => {
    expect(studyToOpenAfterLaunch({ studies: [study('1.2.3')], rejected: [] })).toBe('1.2.3');
    expect(studyToOpenAfterLaunch({ studies: [study('1.2.3')], rejected: [rejected('ALREADY_IMPORTED')] })).toBe('1.2.3');
  });
  it('opens nothing for several studies, none, or a failed file', () => {
    expect(studyToOpenAfterLaunch({ studies: [study('1'), study('2')], rejected: [] })).toBeNull();
    expect(studyToOpenAfterLaunch({ studies: [], rejected: [] })).toBeNull();
    expect(studyToOpenAfterLaunch({ studies: [study('1.2.3')], rejected: [rejected('NOT_DICOM')] })).toBeNull();
  });
});
