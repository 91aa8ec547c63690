import { watch, type Ref } from 'vue';
import type { ViewerStore } from '../viewer/stores/viewer-store';
import { SLICE_VIEW_IDS } from '../viewer/types';
import { applyMatrix, invertRigid, type Matrix4 } from './rigid-map';

export interface SyncOptions {
  /** Registration PRIOR -> CURRENT (row-major 4x4); identity for one frame of reference. */
  priorToCurrent: Ref<Matrix4 | null>;
  /** Also link window/level (off by default: the exams may differ in contrast). */
  windowLevel: Ref<boolean>;
}

/**
 * Links two viewers of a comparison: the crosshair (so scrolling, clicking and jumping) through the
 * registration (the point in patient coordinates, mapped), zoom and pan of each 2D view, and
 * optionally window/level. The current viewer leads: a viewer that has just opened a volume
 * follows the other instead of moving it. Changes are applied synchronously under a guard, so a
 * change made by the link is never echoed back.
 */
export function useViewerSync(current: Ref<ViewerStore | null>, prior: Ref<ViewerStore | null>, options: SyncOptions): void {
  let applying = false;
  const opened = new Map<ViewerStore, string | null>();
  const toPrior = (): Matrix4 | null => (options.priorToCurrent.value ? invertRigid(options.priorToCurrent.value) : null);

  function run(body: () => void): void {
    if (applying) return;
    applying = true;
    try {
      body();
    } finally {
      applying = false;
    }
  }
  function follow(target: ViewerStore, source: ViewerStore, m: Matrix4 | null): void {
    if (!m || !target.grid || !source.grid) return;
    target.jumpTo(applyMatrix(m, source.crosshair));
  }
  /** True (once) when `s` shows a volume it did not show at the last crosshair change. */
  function justOpened(s: ViewerStore): boolean {
    const seen = opened.get(s);
    opened.set(s, s.volumeId);
    return seen !== s.volumeId;
  }

  watch(
    () => [current.value, current.value?.crosshair] as const,
    ([c]) => {
      const p = prior.value;
      if (!c || !p) return;
      justOpened(c);
      run(() => follow(p, c, toPrior()));
    },
    { flush: 'sync' },
  );
  watch(
    () => [prior.value, prior.value?.crosshair] as const,
    ([p]) => {
      const c = current.value;
      if (!c || !p) return;
      if (justOpened(p)) run(() => follow(p, c, toPrior()));
      else run(() => follow(c, p, options.priorToCurrent.value));
    },
    { flush: 'sync' },
  );
  watch(options.priorToCurrent, () => {
    if (current.value && prior.value) run(() => follow(prior.value!, current.value!, toPrior()));
  });

  for (const [from, to] of [
    [current, prior],
    [prior, current],
  ] as const) {
    watch(
      () => from.value?.transforms,
      (t) => {
        const target = to.value;
        if (!t || !target) return;
        run(() => {
          for (const v of SLICE_VIEW_IDS) target.setViewTransform(v, t[v]);
        });
      },
      { flush: 'sync' },
    );
    watch(
      () => [from.value?.windowLevel, options.windowLevel.value] as const,
      ([wl, on]) => {
        const target = to.value;
        if (!wl || !on || !target) return;
        run(() => target.setWindowLevel(wl));
      },
      { flush: 'sync' },
    );
  }
}
