/** A series thumbnail dragged onto a viewer (or a compare pane) shows that series there. */
export const SERIES_DRAG_TYPE = 'application/x-radground-volume';

export function startSeriesDrag(e: DragEvent, volumeId: string): void {
  e.dataTransfer?.setData(SERIES_DRAG_TYPE, volumeId);
}

/** The volume id a drop carries, or null when it is not a series thumbnail. */
export function droppedSeries(e: DragEvent): string | null {
  return e.dataTransfer?.getData(SERIES_DRAG_TYPE) || null;
}
