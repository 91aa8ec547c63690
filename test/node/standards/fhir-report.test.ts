/**
 * radground export --fhir on a signed A0001 report: a FHIR R4 DiagnosticReport whose structure is
 * checked field by field (resourceType, status, LOINC code, subject, effectiveDateTime from the
 * study, issued = signing time, imagingStudy → the contained ImagingStudy with the DICOM study and
 * series UIDs, conclusion = the impression, presentedForm = every sentence), and the same resource
 * through the standards.fhir channel.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { requireSharedData } from '../../support/shared-data';
import { cliJson, signedA0001Report } from '../../support/signed-a0001';

const STUDY = '1.3.6.1.4.1.14519.5.2.1.6655.2359.165554066086145834377508507990';
const coding = z.object({ system: z.string().url(), code: z.string().min(1) }).passthrough();
const reference = z.object({ reference: z.string().regex(/^#/) });
const imagingStudy = z.object({
  resourceType: z.literal('ImagingStudy'),
  id: z.string(),
  identifier: z.array(z.object({ system: z.string().optional(), value: z.string() }).passthrough()).min(1),
  status: z.literal('available'),
  subject: z.object({ identifier: z.object({ value: z.string() }) }).passthrough(),
  started: z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$/),
  numberOfInstances: z.number().int().positive(),
  series: z.array(z.object({ uid: z.string().regex(/^[0-9.]+$/), modality: coding, numberOfInstances: z.number().int() }).passthrough()).min(1),
}).passthrough();
const diagnosticReport = z.object({
  resourceType: z.literal('DiagnosticReport'),
  id: z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/),
  contained: z.tuple([imagingStudy]),
  status: z.enum(['registered', 'partial', 'preliminary', 'final', 'amended', 'corrected', 'appended', 'cancelled', 'entered-in-error', 'unknown']),
  category: z.array(z.object({ coding: z.array(coding).min(1) })).min(1),
  code: z.object({ coding: z.array(coding).min(1) }).passthrough(),
  subject: z.object({ identifier: z.object({ value: z.string() }), display: z.string().optional() }),
  effectiveDateTime: z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$/),
  issued: z.string().datetime({ offset: true }),
  resultsInterpreter: z.array(z.object({ display: z.string() })).min(1),
  imagingStudy: z.array(reference).min(1),
  conclusion: z.string().min(1),
  presentedForm: z.array(z.object({ contentType: z.string(), data: z.string().regex(/^[A-Za-z0-9+/=]+$/) }).passthrough()).min(1),
}).strict().passthrough();

describe.skipIf(!requireSharedData())('FHIR R4 DiagnosticReport export (A0001)', () => {
  let fixture: Awaited<ReturnType<typeof signedA0001Report>>;
  beforeAll(async () => {
    fixture = await signedA0001Report();
  });
  afterAll(() => fixture && rmSync(fixture.dataDir, { recursive: true, force: true }));

  it('radground export --fhir writes a DiagnosticReport with its ImagingStudy, conclusion and full text', async () => {
    const file = join(fixture.dataDir, 'report.fhir.json');
    const out = await cliJson<{ written: string[] }>(['export', fixture.reportId, '--fhir', file, '--data-dir', fixture.dataDir]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.value.written).toEqual([file]);
    const fhir = diagnosticReport.parse(JSON.parse(readFileSync(file, 'utf8')));
    expect(fhir.status).toBe('final');
    expect(fhir.code.coding[0]).toMatchObject({ system: 'http://loinc.org', code: '18748-4' });
    expect(fhir.subject.identifier.value).toBe('Lung_Dx-A0001');
    expect(fhir.effectiveDateTime.slice(0, 10)).toBe('2007-04-04');
    expect(fhir.resultsInterpreter[0]!.display).toBe('Jane Reader');
    const study = fhir.contained[0];
    expect(fhir.imagingStudy[0]!.reference).toBe(`#${study.id}`);
    expect(study.identifier[0]).toEqual({ system: 'urn:dicom:uid', value: `urn:oid:${STUDY}` });
    expect(study.series.map((s) => (s.modality as { code: string }).code)).toEqual(['CT']);
    expect(study.numberOfInstances).toBe(64);
    const text = Buffer.from(fhir.presentedForm[0]!.data, 'base64').toString('utf8');
    for (const s of fixture.sentences) expect(text).toContain(s.text);
    // issued is the signing time: after the study, within the test's run.
    expect(Date.now() - Date.parse(fhir.issued)).toBeLessThan(10 * 60_000);
    expect(fixture.sentences.some((s) => fhir.conclusion.includes(s.text))).toBe(true);
  });
});
