/** Attributes the SR and SEG share: patient and study copied from the source images, equipment, dates. */
import type { DicomInstance } from '../dicom/dicom-instance';
import { derivedUid } from '../dicom/dataset/derived-uid';
import type { Dataset } from './dcmjs-writer';

export const MANUFACTURER = 'RadGround';
export const SOFTWARE_VERSION = '1';

/** A UID stable for the same inputs (2.25 form): re-exporting a report gives the same UIDs. */
export const stableUid = (...parts: string[]): string => derivedUid('radground-standards', ...parts);

export function patientStudyModules(source: DicomInstance): Dataset {
  return {
    PatientName: source.patientName ?? '',
    PatientID: source.patientId ?? '',
    PatientBirthDate: source.patientBirthDate ?? '',
    PatientSex: source.patientSex ?? '',
    StudyInstanceUID: source.studyInstanceUid,
    StudyDate: source.studyDate ?? '',
    StudyTime: source.studyTime ?? '',
    ReferringPhysicianName: '',
    StudyID: '',
    AccessionNumber: source.accessionNumber ?? '',
    StudyDescription: source.studyDescription ?? '',
  };
}

export function equipmentModules(modelName: string): Dataset {
  return { Manufacturer: MANUFACTURER, ManufacturerModelName: modelName, DeviceSerialNumber: '1', SoftwareVersions: SOFTWARE_VERSION };
}

/** DICOM DA and TM of an ISO timestamp, in UTC. */
export function dicomDateTime(iso: string): { date: string; time: string; dateTime: string } {
  const d = new Date(iso);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const date = `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}`;
  const time = `${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
  return { date, time, dateTime: `${date}${time}+0000` };
}

/** A free-text name as a DICOM PN (Family^Given): "Jane Q Doe" → "Doe^Jane Q"; names with ^ are kept. */
export function personName(name: string): string {
  if (name.includes('^')) return name;
  const parts = name.trim().split(/\s+/);
  return parts.length > 1 ? `${parts.at(-1)}^${parts.slice(0, -1).join(' ')}` : name.trim();
}
