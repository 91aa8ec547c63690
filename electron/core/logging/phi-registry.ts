/**
 * Values known to be PHI in this process: the names, patient IDs and birth dates of the studies it
 * imports or opens. The logger removes each of them wherever it appears in a log line (messages,
 * error strings, paths), not only in fields whose name says "patient".
 *
 * Variants: a name also by its components ('^' or space separated, 3+ characters); an ID also by its
 * alphanumeric parts holding a digit (4+ characters), as folder names often carry them; a birth
 * date also as YYYY-MM-DD. Matching ignores case.
 */
import { createHmac } from 'node:crypto';
import type { SqliteDatabase } from '../storage/database-types';
import { logSecret } from './log-secret';

const known = new Set<string>();
let pattern: RegExp | null = null;

/** The pseudonym of an identifier in logs: HMAC-SHA256 under the install's secret, 16 hex digits. */
export function phiToken(value: string): string {
  return `phi:${createHmac('sha256', logSecret()).update(value, 'utf8').digest('hex').slice(0, 16)}`;
}

function add(value: string): void {
  const v = value.trim();
  if (v.length < 3 || known.has(v.toLowerCase())) return;
  known.add(v.toLowerCase());
  pattern = null;
}

export interface PatientPhi {
  name?: string | null;
  patientId?: string | null;
  birthDate?: string | null;
}

export function registerPatientPhi(p: PatientPhi): void {
  if (p.name) {
    add(p.name);
    add(p.name.replace(/\^+/g, ' '));
    for (const part of p.name.split(/[\^=\s]+/)) add(part);
  }
  if (p.patientId) {
    add(p.patientId);
    for (const part of p.patientId.split(/[^0-9A-Za-z]+/)) if (part.length >= 4 && /\d/.test(part)) add(part);
  }
  if (p.birthDate) {
    add(p.birthDate);
    const m = /^(\d{4})(\d{2})(\d{2})$/.exec(p.birthDate);
    if (m) add(`${m[1]}-${m[2]}-${m[3]}`);
  }
}

/** Every patient of the study index (a core opening a data folder registers them all). */
export function registerIndexedPatients(db: SqliteDatabase): void {
  for (const p of db.prepare('SELECT patient_id, name, birth_date FROM patients').iterate() as Iterable<{ patient_id: string; name: string; birth_date: string | null }>) {
    registerPatientPhi({ name: p.name, patientId: p.patient_id, birthDate: p.birth_date });
  }
}

/** The text with every known PHI value replaced by its token. */
export function scrubKnownPhi(text: string): string {
  if (known.size === 0) return text;
  if (!pattern) {
    const alternatives = [...known].sort((a, b) => b.length - a.length).map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    pattern = new RegExp(alternatives.join('|'), 'gi');
  }
  return text.replace(pattern, (m) => phiToken(m.toLowerCase()));
}

/** For tests: forget every registered value. */
export function clearKnownPhi(): void {
  known.clear();
  pattern = null;
}
