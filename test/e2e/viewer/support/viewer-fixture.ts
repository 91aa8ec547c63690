import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningHost } from '../../support/browser-host-fixture';

export interface DemoLesion {
  id: string;
  kind: 'nodule' | 'mass';
  lobe: string;
  side: 'left' | 'right';
  centre: [number, number, number];
  diameterMm: number;
}

export interface DemoStudy {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  volumeId: string;
  lesions: DemoLesion[];
}

/** The demo study the core generated (`serve --demo`), from `<dataDir>/demo/demo-manifest.json`. */
export function readDemoManifest(dataDir: string): Omit<DemoStudy, 'volumeId'> {
  const manifest = JSON.parse(readFileSync(join(dataDir, 'demo', 'demo-manifest.json'), 'utf8')) as {
    exams: { current: { studyInstanceUid: string; seriesInstanceUid: string; lesions: DemoLesion[] } };
  };
  const current = manifest.exams.current;
  return { studyInstanceUid: current.studyInstanceUid, seriesInstanceUid: current.seriesInstanceUid, lesions: current.lesions };
}

/**
 * Opens the app as a reader does: the tokened URL of `serve --demo`, which opens the demo study,
 * whose only volume the study view mounts in <ReadingViewer>.
 */
export async function openViewerPage(page: Page, host: RunningHost): Promise<void> {
  await page.goto(host.url);
  await page.waitForURL(`${host.origin}/`);
}

/** Asks the core which volume the demo study has (the volume id the App would pass to the viewer). */
export async function demoVolumeId(page: Page, host: RunningHost, studyInstanceUid: string): Promise<string> {
  const res = await page.request.post(`${host.origin}/api/call/studies.get`, {
    data: { studyInstanceUid },
    headers: { authorization: `Bearer ${host.token}` },
  });
  const envelope = (await res.json()) as { ok: boolean; value?: { volumes: { volumeId: string }[] }; error?: unknown };
  const volume = envelope.ok ? envelope.value?.volumes[0] : undefined;
  if (!volume) throw new Error(`studies.get failed: ${JSON.stringify(envelope.error ?? envelope)}`);
  return volume.volumeId;
}

export { test } from '../../support/browser-host-fixture';
export { expect } from '@playwright/test';
