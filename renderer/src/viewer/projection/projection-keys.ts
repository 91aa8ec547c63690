import type { ProjectionTool } from './stores/projection-store';

export type ProjectionKeyAction =
  | { kind: 'step'; delta: number }
  | { kind: 'tool'; tool: ProjectionTool }
  | { kind: 'window'; index: number }
  | { kind: 'reset' };

/**
 * Keys of the 2D image viewer: ↓/→ next image, ↑/← previous, PageDown/PageUp ±10, number keys the
 * window choices in the list's order, R reset, M length, B rectangle, E ellipse, P or Esc pan.
 */
export function projectionKeyAction(key: string): ProjectionKeyAction | null {
  switch (key) {
    case 'ArrowDown':
    case 'ArrowRight':
      return { kind: 'step', delta: 1 };
    case 'ArrowUp':
    case 'ArrowLeft':
      return { kind: 'step', delta: -1 };
    case 'PageDown':
      return { kind: 'step', delta: 10 };
    case 'PageUp':
      return { kind: 'step', delta: -10 };
    case 'r':
    case 'R':
      return { kind: 'reset' };
    case 'm':
    case 'M':
      return { kind: 'tool', tool: 'length' };
    case 'b':
    case 'B':
      return { kind: 'tool', tool: 'rectangle' };
    case 'e':
    case 'E':
      return { kind: 'tool', tool: 'ellipse' };
    case 'p':
    case 'P':
    case 'Escape':
      return { kind: 'tool', tool: 'pan' };
    default:
      return /^[1-9]$/.test(key) ? { kind: 'window', index: Number(key) - 1 } : null;
  }
}
