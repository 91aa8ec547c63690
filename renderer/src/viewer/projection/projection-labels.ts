import { oppositeDirection } from '../../../../electron/shared/geometry/patient-axes';

/** Orientation labels at the four edges of a 2D image (empty string: unknown). */
export interface EdgeLabels {
  top: string;
  bottom: string;
  left: string;
  right: string;
  /** Where the labels come from; null when neither attribute gives them. */
  source: 'patient-orientation' | 'view-position' | null;
}

/**
 * Labels from Patient Orientation (0020,0020): its first value is the direction of the rows (screen
 * right), its second the direction of the columns (screen down); left and top are their opposites.
 * Without it, View Position (0018,5101) of a frontal chest film (PA or AP) gives the standard
 * display: the patient's left on screen right, feet down. Other views are not guessed.
 */
export function projectionLabels(info: { patientOrientation: readonly [string, string] | null; viewPosition: string | null }): EdgeLabels {
  const po = info.patientOrientation;
  if (po && po[0] && po[1]) {
    return { right: po[0], bottom: po[1], left: oppositeDirection(po[0]), top: oppositeDirection(po[1]), source: 'patient-orientation' };
  }
  const view = (info.viewPosition ?? '').toUpperCase();
  if (view === 'PA' || view === 'AP') return { right: 'L', left: 'R', bottom: 'F', top: 'H', source: 'view-position' };
  return { top: '', bottom: '', left: '', right: '', source: null };
}
