import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { StudySummary, WorklistQuery } from '../../../../electron/shared/api/channels/study-channels';
import type { ImportSummary } from '../../../../electron/shared/api/channels/study-channels';
import { useApi } from '../../api/api-client';
import type { DroppedFile } from '../../api/api-transport';

export interface ImportProgress {
  phase: string;
  done: number;
  total: number;
  rejected: number;
}

/** The worklist: the query the user typed, the matching studies, and imports in flight. */
export const useWorklistStore = defineStore('worklist', () => {
  const query = ref<WorklistQuery>({});
  const rows = ref<(StudySummary & { reportStatus: string | null })[]>([]);
  const total = ref(0);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const importProgress = ref<ImportProgress | null>(null);
  const lastImport = ref<ImportSummary | null>(null);
  let unsubscribe: (() => void) | null = null;

  async function refresh(): Promise<void> {
    const { api } = useApi();
    loading.value = true;
    try {
      const page = await api['studies.list'](cleanQuery(query.value));
      rows.value = page.rows;
      total.value = page.total;
      error.value = null;
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      loading.value = false;
    }
  }

  async function importPaths(paths: string[]): Promise<void> {
    const { api } = useApi();
    importProgress.value = { phase: 'scanning', done: 0, total: 0, rejected: 0 };
    try {
      lastImport.value = await api['studies.import']({ paths });
      error.value = null;
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      importProgress.value = null;
      await refresh();
    }
  }

  /** Files dropped on the worklist: paths (desktop) or an uploaded folder (browser), then imported. */
  async function importDropped(files: DroppedFile[]): Promise<void> {
    if (!files.length) return;
    importProgress.value = { phase: 'uploading', done: 0, total: files.length, rejected: 0 };
    try {
      const paths = await useApi().transport.importPathsForFiles(files);
      await importPaths(paths);
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
      importProgress.value = null;
    }
  }

  /**
   * Desktop "Open folder…" / "Open files…": the paths chosen in the open dialog, imported as typed ones
   * (nothing when the dialog is cancelled).
   */
  async function importChosen(pick: 'folders' | 'files'): Promise<void> {
    const choose = useApi().transport.chooseImportPaths;
    if (!choose) return;
    try {
      const { paths, omitted } = await choose(pick);
      if (paths.length) await importPaths(paths);
      if (omitted) error.value = `${omitted} of the chosen paths were not imported (too many at once): import their folder instead.`;
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    }
  }

  let launchQueue: Promise<unknown> = Promise.resolve();
  /**
   * Desktop: imports the folders and DICOM files the app was opened with that are not imported yet (one
   * take at a time); `beforeImport` runs when there are some. Resolves true when there were.
   */
  function importLaunchPaths(beforeImport: () => void = () => {}): Promise<boolean> {
    const launch = useApi().transport.launchPaths;
    if (!launch) return Promise.resolve(false);
    const run = launchQueue.then(async () => {
      let paths: string[];
      try {
        paths = await launch.take();
      } catch (e) {
        error.value = e instanceof Error ? e.message : String(e);
        return false;
      }
      if (!paths.length) return false;
      beforeImport();
      await importPaths(paths);
      return true;
    });
    launchQueue = run.catch(() => {});
    return run;
  }

  /**
   * Desktop: imports launch paths as they come (a second launch, a file opened on macOS); `afterImport`
   * runs once they are imported. Returns a function that stops.
   */
  function followLaunchPaths(beforeImport: () => void = () => {}, afterImport: () => Promise<void> | void = () => {}): () => void {
    const launch = useApi().transport.launchPaths;
    if (!launch) return () => {};
    return launch.onPending(() => void importLaunchPaths(beforeImport).then((imported) => (imported ? afterImport() : undefined)));
  }

  /** Keeps the list current while imports from anywhere (CLI, another window) land. */
  function follow(): void {
    if (unsubscribe) return;
    const { transport } = useApi();
    unsubscribe = transport.subscribe((event) => {
      if (event.type === 'studies.changed') void refresh();
      if (event.type === 'import.progress' && importProgress.value) {
        importProgress.value = { phase: event.phase, done: event.done, total: event.total, rejected: event.rejected };
      }
    });
  }

  function stopFollowing(): void {
    unsubscribe?.();
    unsubscribe = null;
  }

  return {
    query,
    rows,
    total,
    loading,
    error,
    importProgress,
    lastImport,
    refresh,
    importPaths,
    importDropped,
    importChosen,
    importLaunchPaths,
    followLaunchPaths,
    follow,
    stopFollowing,
  };
});

/** Empty fields mean "no filter"; the API rejects empty strings for dates. */
function cleanQuery(q: WorklistQuery): WorklistQuery {
  const out: WorklistQuery = {};
  for (const [key, value] of Object.entries(q) as [keyof WorklistQuery, unknown][]) {
    if (typeof value === 'string' && value.trim() === '') continue;
    if (value === undefined) continue;
    (out as Record<string, unknown>)[key] = typeof value === 'string' ? value.trim() : value;
  }
  return out;
}
