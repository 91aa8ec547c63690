// Opening a study asks reports.options (and the model list): the packs are checked from their model
// files, so neither starts the inference worker nor loads onnxruntime (issue 13 item 4: the host's
// memory while reading). Its own test file: vitest runs each file in a fresh process.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_SHARED_DATA_REASON, requireSharedData, sharedData } from '../../support/shared-data';
import { createTestCore } from '../../support/test-core';

const hasData = requireSharedData();
const onnxruntimeMapped = () => readFileSync('/proc/self/maps', 'utf8').includes('libonnxruntime');

describe.skipIf(!hasData)(`opening a study loads no onnxruntime (${hasData ? 'A0001' : NO_SHARED_DATA_REASON})`, () => {
  let t: Awaited<ReturnType<typeof createTestCore>>;
  beforeAll(async () => {
    t = await createTestCore();
  });
  afterAll(() => t.dispose());

  it('reports.options and models.list answer which packs fit with no inference worker started', async () => {
    const studyInstanceUid = await t.core.services.studies.importStudy(sharedData('ct', 'chest_lung_pet_ct_dx_A0001'));
    const options = await t.core.dispatch('reports.options', { studyInstanceUid }, { transport: 'in-process' });
    const models = await t.core.dispatch('models.list', {}, { transport: 'in-process' });
    expect(options.ok && models.ok).toBe(true);
    const value = options.ok ? (options.value as { draftingPackId: string | null; packs: { id: string; fits: boolean }[] }) : null;
    expect(value?.draftingPackId).toBe('chest-ct');
    const listed = models.ok ? (models.value as { packs: { id: string; status: string }[] }).packs : [];
    expect(listed.find((p) => p.id === 'chest-ct')?.status).toBe('ok');
    expect(t.core.inference.threadCount).toBe(0);
    if (process.platform === 'linux') expect(onnxruntimeMapped()).toBe(false);
  });
});
