/**
 * Change sentences of a report compared with a prior exam, one per tracked lesion, linked to the
 * lesion in BOTH exams (the current region and the prior one). Sizes are the measured long-axis
 * diameters, statuses those of the tracking (tracking/change-status.ts); zones are lung zones, never
 * lobes. Examples:
 *
 *  increased / decreased / stable
 *    "The left upper lung zone mass measures 37 mm (series 2, image 32), previously 30 mm on
 *     2023-03-15 (series 3, image 28); increased."
 *  new       "New since 2023-03-15: an 8 mm nodule in the right lower lung zone (series 2, image 40)."
 *  resolved  "The 9 mm nodule in the left mid lung zone on 2023-03-15 (series 3, image 20) has resolved."
 *
 * Impression lines: "37 mm mass in the left upper lung zone, increased from 30 mm.", "New 8 mm
 * nodule in the right lower lung zone."
 */
import type { Region } from '../../regions/region';
import type { TrackedChange } from '../schemas';
import { articleForNumber, formatDicomDate, locationPhrase, sizeMm, type SliceRef } from './templates';

/** " (series 3, image 28)", or "" without a reference. */
function where(ref: SliceRef | null): string {
  if (!ref) return '';
  const parts = [ref.seriesNumber !== null ? `series ${ref.seriesNumber}` : null, ref.instanceNumber !== null ? `image ${ref.instanceNumber}` : null].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function onDate(priorDate: string | null): string {
  const d = formatDicomDate(priorDate);
  return d ? `on ${d}` : 'on the prior exam';
}

function sized(r: Region): string {
  const size = sizeMm(r);
  return size !== null ? `${size} mm` : 'unmeasured';
}

/** The sentence of a lesion seen in both exams. */
export function pairedChangeSentence(current: Region, prior: Region, status: TrackedChange['status'], refs: { current: SliceRef | null; prior: SliceRef | null }, priorDate: string | null): string {
  const place = locationPhrase(current);
  return `The ${place ? `${place} ` : ''}${current.label} measures ${sized(current)}${where(refs.current)}, previously ${sized(prior)} ${onDate(priorDate)}${where(refs.prior)}; ${status}.`;
}

export function newLesionSentence(current: Region, ref: SliceRef | null, priorDate: string | null): string {
  const size = sizeMm(current);
  const place = locationPhrase(current);
  const since = formatDicomDate(priorDate) ?? 'the prior exam';
  const article = size !== null ? articleForNumber(size).toLowerCase() : /^[aeiou]/i.test(current.label) ? 'an' : 'a';
  return `New since ${since}: ${article} ${size !== null ? `${size} mm ` : ''}${current.label}${place ? ` in the ${place}` : ''}${where(ref)}.`;
}

export function resolvedLesionSentence(prior: Region, ref: SliceRef | null, priorDate: string | null): string {
  const size = sizeMm(prior);
  const place = locationPhrase(prior);
  return `The ${size !== null ? `${size} mm ` : ''}${prior.label}${place ? ` in the ${place}` : ''} ${onDate(priorDate)}${where(ref)} has resolved.`;
}

/** Impression line of a lesion seen in both exams, or a new one. */
export function changeImpressionSentence(current: Region, prior: Region | null, status: TrackedChange['status']): string {
  const size = sizeMm(current);
  const place = locationPhrase(current);
  const body = `${size !== null ? `${size} mm ` : ''}${current.label}${place ? ` in the ${place}` : ''}`;
  if (!prior || status === 'new') return `New ${body}.`;
  const before = sizeMm(prior);
  if (status === 'stable') return `${capitalise(body)}, stable${before !== null ? ` at ${before} mm` : ''}.`;
  return `${capitalise(body)}, ${status}${before !== null ? ` from ${before} mm` : ''}.`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
