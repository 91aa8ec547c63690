/**
 * Where the header of an Explicit VR Little Endian data set ends (the top-level Pixel Data element), found
 * by walking its elements the way dicom-parser reads them (sequences, items, undefined lengths, implicit
 * VR inside UN) but without building anything, and counting every element and item it would build.
 * Used on the inflated start of a deflated data set, before dicom-parser sees it: a hostile stream of
 * millions of empty elements is refused here in milliseconds instead of costing seconds of parsing.
 */

const UNDEFINED_LENGTH = 0xffffffff;
const PIXEL_DATA = 0x7fe00010;
const ITEM = 0xfffee000;
const ITEM_DELIMITATION = 0xfffee00d;
const SEQUENCE_DELIMITATION = 0xfffee0dd;
const vrCode = (vr: string): number => (vr.charCodeAt(0) << 8) | vr.charCodeAt(1);
/** VRs dicom-parser reads with a 4-byte length (its getDataLengthSizeInBytesForVR), as two-byte codes. */
const LONG_LENGTH_VRS = new Set(['OB', 'OD', 'OL', 'OW', 'SQ', 'OF', 'UC', 'UR', 'UT', 'UN'].map(vrCode));
const SQ = vrCode('SQ');
const UN = vrCode('UN');

export type HeaderExtent =
  /** The top-level Pixel Data element starts at `pixelDataAt`; its value at `pixelValueAt`. */
  | { kind: 'pixel-data'; pixelDataAt: number; pixelValueAt: number; elements: number }
  /** The bytes end before the header does (or, when they are the whole data set, it has no Pixel Data). */
  | { kind: 'needs-more'; elements: number }
  /** Not readable as a data set at `at` (dicom-parser stops there too and says why). */
  | { kind: 'malformed'; at: number; elements: number }
  /** More elements or items than `maxElements`. */
  | { kind: 'too-many-elements'; elements: number }
  /** The header reaches past `maxBytes` before its Pixel Data. */
  | { kind: 'too-long'; elements: number };

class Stop {
  constructor(readonly extent: HeaderExtent) {}
}

interface Walk {
  bytes: Uint8Array;
  pos: number;
  elements: number;
  maxElements: number;
  maxBytes: number;
}

function need(w: Walk, at: number, count: number): void {
  if (at + count > w.maxBytes) throw new Stop({ kind: 'too-long', elements: w.elements });
  if (at + count > w.bytes.length) throw new Stop({ kind: 'needs-more', elements: w.elements });
}

function u16(w: Walk, at: number): number {
  need(w, at, 2);
  return w.bytes[at]! | (w.bytes[at + 1]! << 8);
}

function u32(w: Walk, at: number): number {
  need(w, at, 4);
  return (w.bytes[at]! | (w.bytes[at + 1]! << 8) | (w.bytes[at + 2]! << 16) | (w.bytes[at + 3]! << 24)) >>> 0;
}

function tagAt(w: Walk, at: number): number {
  return ((u16(w, at) << 16) | u16(w, at + 2)) >>> 0;
}

function count(w: Walk): void {
  w.elements += 1;
  if (w.elements > w.maxElements) throw new Stop({ kind: 'too-many-elements', elements: w.elements });
}

/** Moves past `length` value bytes; past the budget the header is too long whatever follows. */
function skip(w: Walk, length: number): void {
  w.pos += length;
  if (w.pos > w.maxBytes) throw new Stop({ kind: 'too-long', elements: w.elements });
}

/** dicom-parser's findItemDelimitationItemAndSetElementLength: scan (2-byte steps) for (FFFE,E00D). */
function skipToItemDelimitation(w: Walk): void {
  for (;;) {
    if (u16(w, w.pos) === 0xfffe && u16(w, w.pos + 2) === 0xe00d) {
      need(w, w.pos, 8);
      w.pos += 8;
      return;
    }
    w.pos += 2;
  }
}

/** dicom-parser's isSequence for implicit VR: the next tag is an item or a sequence delimitation. */
function nextIsItem(w: Walk): boolean {
  const next = tagAt(w, w.pos);
  return next === ITEM || next === SEQUENCE_DELIMITATION;
}

function item(w: Walk, explicit: boolean): void {
  const tag = tagAt(w, w.pos);
  const length = u32(w, w.pos + 4);
  if (tag !== ITEM) throw new Stop({ kind: 'malformed', at: w.pos, elements: w.elements });
  count(w);
  w.pos += 8;
  if (length === UNDEFINED_LENGTH) {
    for (;;) if (element(w, explicit, false) === ITEM_DELIMITATION) return;
  }
  const end = w.pos + length;
  if (end > w.maxBytes) throw new Stop({ kind: 'too-long', elements: w.elements });
  while (w.pos < end) element(w, explicit, false);
}

function sequence(w: Walk, length: number, explicit: boolean): void {
  if (length === UNDEFINED_LENGTH) {
    for (;;) {
      if (tagAt(w, w.pos) === SEQUENCE_DELIMITATION) {
        need(w, w.pos, 8);
        w.pos += 8;
        return;
      }
      item(w, explicit);
    }
  }
  const end = w.pos + length;
  if (end > w.maxBytes) throw new Stop({ kind: 'too-long', elements: w.elements });
  while (w.pos < end) item(w, explicit);
}

/** Encapsulated Pixel Data inside an item (dicom-parser walks its fragments as items). */
function fragments(w: Walk): void {
  for (;;) {
    const tag = tagAt(w, w.pos);
    const length = u32(w, w.pos + 4);
    count(w);
    w.pos += 8;
    if (tag === SEQUENCE_DELIMITATION) return;
    if (tag !== ITEM) throw new Stop({ kind: 'malformed', at: w.pos - 8, elements: w.elements });
    skip(w, length);
  }
}

/** Reads one element at w.pos and returns its tag; at the top level, stops at Pixel Data. */
function element(w: Walk, explicit: boolean, top: boolean): number {
  const start = w.pos;
  const tag = tagAt(w, start);
  count(w);
  let vr = 0;
  let length: number;
  if (explicit) {
    need(w, start + 4, 2);
    vr = (w.bytes[start + 4]! << 8) | w.bytes[start + 5]!;
    if (LONG_LENGTH_VRS.has(vr)) {
      length = u32(w, start + 8);
      w.pos = start + 12;
    } else {
      length = u16(w, start + 6);
      w.pos = start + 8;
    }
  } else {
    length = u32(w, start + 4);
    w.pos = start + 8;
  }
  if (top && tag === PIXEL_DATA) throw new Stop({ kind: 'pixel-data', pixelDataAt: start, pixelValueAt: w.pos, elements: w.elements });
  if (explicit && vr === SQ) sequence(w, length, true);
  else if (!explicit && nextIsItem(w)) sequence(w, length, false);
  else if (length === UNDEFINED_LENGTH) {
    if (tag === PIXEL_DATA) fragments(w);
    else if (explicit && vr === UN) sequence(w, length, false);
    else skipToItemDelimitation(w);
  } else skip(w, length);
  return tag;
}

/**
 * Walks the Explicit VR Little Endian data set in `bytes` from `start` (its first element) to the top-level
 * Pixel Data element. Offsets count from the start of `bytes`; `maxBytes` bounds the header's end the same way.
 */
export function findHeaderExtent(bytes: Uint8Array, start: number, limits: { maxElements: number; maxBytes: number }): HeaderExtent {
  const w: Walk = { bytes, pos: start, elements: 0, maxElements: limits.maxElements, maxBytes: limits.maxBytes };
  try {
    for (;;) element(w, true, true);
  } catch (e) {
    if (e instanceof Stop) return e.extent;
    throw e;
  }
}
