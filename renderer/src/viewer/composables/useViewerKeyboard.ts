import { presetById } from '../display/window-level';
import { keyToAction, type ViewerKeyAction } from '../interaction/keymap';
import type { ViewerStore } from '../stores/viewer-store';

/** Applies a keyboard action to the viewer store. */
export function applyKeyAction(store: ViewerStore, action: ViewerKeyAction): void {
  switch (action.kind) {
    case 'window-preset':
      // CT: the HU preset; other modalities: their own window choices on the same keys, in list order.
      if (store.ctPresets) store.applyWindowPreset(action.preset);
      else {
        const choice = store.windowChoices[presetById(action.preset).key.charCodeAt(0) - '1'.charCodeAt(0)];
        if (choice) store.applyWindowChoice(choice.id);
      }
      break;
    case 'scroll':
      store.scrollByConvention(store.activeView === 'volume' ? 'axial' : store.activeView, action.delta);
      break;
    case 'reset':
      store.resetViews();
      break;
    case 'layout':
      store.setLayout(action.layout);
      break;
    case 'tool':
      store.setTool(action.tool);
      break;
    case 'toggle-maximize':
      store.toggleMaximize();
      break;
  }
}

/** keydown handler for the viewer root: ignores keys typed into form fields. */
export function useViewerKeyboard(store: ViewerStore): (e: KeyboardEvent) => void {
  return (e) => {
    const target = e.target as HTMLElement | null;
    if (target && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName))) return;
    const action = keyToAction(e);
    if (!action) return;
    e.preventDefault();
    applyKeyAction(store, action);
  };
}
