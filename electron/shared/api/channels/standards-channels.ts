import { z } from 'zod';
import { jsonChannel } from '../define-channel';

/** Interoperability exports beyond HTML/JSON: FHIR R4 (DICOM SR + SEG go to the PACS through the send queue). */
export const standardsChannels = {
  'standards.fhir': jsonChannel({
    description: 'The report as a FHIR R4 DiagnosticReport with its ImagingStudy (contained, referenced from imagingStudy).',
    request: z.object({ reportId: z.string().min(1) }).strict(),
    response: z.object({ resourceType: z.literal('DiagnosticReport') }).passthrough(),
  }),
} as const;
