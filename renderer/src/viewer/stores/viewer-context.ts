import { inject, provide, type InjectionKey } from 'vue';
import type { ViewerStore } from './viewer-store';

/** The viewer store of the enclosing ReadingViewer, provided to its subtree. */
export const VIEWER_STORE_KEY: InjectionKey<ViewerStore> = Symbol('radground-viewer-store');

export function provideViewerStore(store: ViewerStore): void {
  provide(VIEWER_STORE_KEY, store);
}

/** The store of the viewer this component is inside; throws outside a ReadingViewer. */
export function useViewerStore(): ViewerStore {
  const store = inject(VIEWER_STORE_KEY, null);
  if (!store) throw new Error('useViewerStore: no viewer store here; use it inside a ReadingViewer (or provideViewerStore)');
  return store;
}
