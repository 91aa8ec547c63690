import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call } from '../../../electron/cli/with-core';
import { buildPreloadBridge } from '../../../electron/preload/build-preload-bridge';
import { createHttpTransport } from '../../../renderer/src/api/http-transport';
import { createIpcTransport } from '../../../renderer/src/api/ipc-transport';
import { createFakeIpcPair } from '../../support/fake-ipc';
import { requireSharedData, sharedData } from '../../support/shared-data';
import { hostedTestCore } from '../../support/hosted-test-core';
import { bearerFetch } from '../../support/test-host';

const hasData = requireSharedData();

describe('files dropped on the page', () => {
  const t = hostedTestCore();
  const origin = () => `http://127.0.0.1:${t.host.port}`;

  it.skipIf(!hasData)('browser: the files are uploaded into one folder of the data dir, which then imports', async () => {
    const dir = sharedData('ct', 'chest_lung_pet_ct_dx_A0001');
    const names = readdirSync(dir).filter((f) => f.endsWith('.dcm')).sort().slice(0, 2);
    const transport = createHttpTransport({ baseUrl: origin(), fetch: bearerFetch(t.host.token) });
    const files = names.map((n) => ({ file: new File([readFileSync(join(dir, n))], n), relativePath: `A0001/${n}` }));
    const [batchDir] = await transport.importPathsForFiles(files);
    expect(batchDir!.startsWith(join(t.env.dataDir, 'uploads'))).toBe(true);
    expect(readdirSync(join(batchDir!, 'A0001')).sort()).toEqual(names);
    const summary = await call(t.env.core, 'studies.import', { paths: [batchDir!] });
    expect(summary.added.instances).toBe(2);
  });

  it('browser: uploads need the token and stay inside their folder', async () => {
    const noToken = await fetch(`${origin()}/api/upload/drop-abcdefgh?path=a.dcm`, { method: 'PUT', body: 'x' });
    expect(noToken.status).toBe(401);
    for (const path of ['../../escape.dcm', '/etc/passwd', '']) {
      const res = await fetch(`${origin()}/api/upload/drop-abcdefgh?path=${encodeURIComponent(path)}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${t.host.token}` },
        body: 'x',
      });
      expect(res.status, path).toBe(400);
    }
    const badBatch = await fetch(`${origin()}/api/upload/..%2F..?path=a.dcm`, { method: 'PUT', headers: { authorization: `Bearer ${t.host.token}` }, body: 'x' });
    expect(badBatch.status).toBe(400);
  });

  it('desktop: the preload gives the dropped files’ own paths (nothing is copied)', async () => {
    const pair = createFakeIpcPair({ url: 'app://radground/index.html', parent: null });
    const seen: Blob[] = [];
    const bridge = buildPreloadBridge(pair.ipcRenderer, { getPathForFile: (f) => (seen.push(f), '/studies/ct/1-01.dcm') });
    const file = new File(['x'], '1-01.dcm');
    expect(await createIpcTransport(bridge).importPathsForFiles([{ file, relativePath: '1-01.dcm' }])).toEqual(['/studies/ct/1-01.dcm']);
    expect(seen).toEqual([file]);
  });
});
