export { formatDicomDate, formatPersonName } from '../../../electron/shared/format/dicom-text';

/** 'YYYY-MM-DD' (from a date input) -> 'YYYYMMDD', or undefined when empty. */
export function toDicomDate(isoDate: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? isoDate.replaceAll('-', '') : undefined;
}
