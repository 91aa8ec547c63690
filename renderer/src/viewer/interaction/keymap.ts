import { presetForKey, type WindowPresetId } from '../display/window-level';
import type { ViewerLayout, ViewerTool } from '../types';

export type ViewerKeyAction =
  | { kind: 'window-preset'; preset: WindowPresetId }
  | { kind: 'scroll'; delta: number }
  | { kind: 'reset' }
  | { kind: 'layout'; layout: ViewerLayout }
  | { kind: 'tool'; tool: ViewerTool }
  | { kind: 'toggle-maximize' };

interface KeyLike {
  key: string;
  code?: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

/**
 * The viewer's keyboard shortcuts:
 *   1..5 window presets (lung, mediastinum, bone, brain, abdomen)
 *   ↑/↓ (and ←/→) previous/next slice, PageUp/PageDown ±10 slices
 *   R reset · F maximise the active view (1x1) or go back to 2x2
 *   Shift+1 / Shift+3 / Shift+4 layouts 1x1, 1x3, 2x2
 *   C crosshair, M length measurement, P pan; Escape back to the crosshair
 */
export function keyToAction(e: KeyLike): ViewerKeyAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.shiftKey) {
    switch (e.code) {
      case 'Digit1':
        return { kind: 'layout', layout: '1x1' };
      case 'Digit3':
        return { kind: 'layout', layout: '1x3' };
      case 'Digit4':
        return { kind: 'layout', layout: '2x2' };
    }
  }
  const preset = e.shiftKey ? null : presetForKey(e.key);
  if (preset) return { kind: 'window-preset', preset: preset.id };
  switch (e.key) {
    case 'ArrowUp':
    case 'ArrowLeft':
      return { kind: 'scroll', delta: -1 };
    case 'ArrowDown':
    case 'ArrowRight':
      return { kind: 'scroll', delta: 1 };
    case 'PageUp':
      return { kind: 'scroll', delta: -10 };
    case 'PageDown':
      return { kind: 'scroll', delta: 10 };
    case 'r':
    case 'R':
      return { kind: 'reset' };
    case 'f':
    case 'F':
      return { kind: 'toggle-maximize' };
    case 'c':
    case 'C':
      return { kind: 'tool', tool: 'crosshair' };
    case 'm':
    case 'M':
      return { kind: 'tool', tool: 'length' };
    case 'p':
    case 'P':
      return { kind: 'tool', tool: 'pan' };
    case 'o':
    case 'O':
      return { kind: 'tool', tool: 'roi' };
    case 'Escape':
      return { kind: 'tool', tool: 'crosshair' };
  }
  return null;
}
