import { inject, provide, type InjectionKey } from 'vue';
import type { ProjectionStore } from './projection-store';

export const PROJECTION_STORE_KEY: InjectionKey<ProjectionStore> = Symbol('radground-projection-store');

export function provideProjectionStore(store: ProjectionStore): void {
  provide(PROJECTION_STORE_KEY, store);
}

/** The store of the enclosing ProjectionViewer. */
export function useProjectionStore(): ProjectionStore {
  const store = inject(PROJECTION_STORE_KEY, null);
  if (!store) throw new Error('useProjectionStore: use it inside a ProjectionViewer');
  return store;
}
