/**
 * Reads one report sentence into what grounding and checks need: the findings it mentions (positive
 * or negated), where (sides, zones, lobes, anatomy), how big (current and prior sizes), change and
 * comparison words, normal statements and anatomy-only statements.
 *
 * Method (NegEx-like, deterministic):
 *  1. tokens -> units: longest lexicon phrase at each position, sizes ("8 mm", "8 x 6 mm", "1.2 cm",
 *     "4-6 mm", "from 6 to 8 mm"), contextual "L"/"R"/"Lt"/"Rt" (only before a side-taking word
 *     such as "lower" or "lung", never after a number);
 *  2. clauses: split at ; : . ( ) ? !, at commas, at terminators ("but", "however", "except"...), and
 *     at "and"/"or" when a new statement follows ("and a 5 mm nodule");
 *  3. negation scope: a pre-negation cue ("no", "without", "negative for", "free of"...) negates the
 *     rest of its clause; a post-negation cue ("... is absent", "not seen", "has resolved") what
 *     precedes it; a clause after a comma continues a negated list ("no effusion, pneumothorax or
 *     consolidation") unless it starts a new statement (an article, a size, "there"...);
 *     pseudo-negations ("no change", "cannot be excluded") are not cues;
 *  4. mentions: each positive clause with finding words starts a finding mention; positive clauses
 *     without finding words lend their location and sizes to the mention before them in the same
 *     sentence (or, before any mention, to the next one: "In the right lower lobe, an 8 mm nodule").
 *
 * A review prompt ("Lungs: not verified by the automated analysis — ...") claims nothing: it names
 * what the analysis could not verify, for a reader to look at. It is read as `review` with no
 * mentions, normal or anatomy statements, or changes.
 */
import {
  LEXICON,
  NEW_STATEMENT_WORDS,
  SIDE_CONTEXT_WORDS,
  type ChangeKind,
  type Concept,
  type LexEntry,
  type Lobe,
  type Side,
  type Zone,
} from './lexicon';
import { tokenize, type Token } from './tokenize';

export interface FindingMention {
  polarity: 'positive' | 'negated';
  concepts: Concept[];
  plural: boolean;
  /** Sides named; both 'left' and 'right' (or "bilateral") set `bilateral`. */
  sides: Side[];
  bilateral: boolean;
  zones: Zone[];
  lobes: Lobe[];
  /** Anatomy terms ('lung', 'hilum', 'pleura', 'lobe', or a word of an anatomy region's label). */
  anatomy: string[];
  /** Current sizes stated, mm (longest dimension of each). */
  sizesMm: number[];
  /** Sizes stated as prior ("previously 6 mm", "from 6 mm"), mm. */
  priorSizesMm: number[];
  uncertain: boolean;
  /**
   * For lists ("nodules: 6 mm right upper zone, 5 mm right middle zone"): each listed item's own
   * location and sizes (what the item leaves out comes from the mention's head clause). Empty when
   * the sentence names one place. Grounding scores a region against its best-fitting part.
   */
  parts: MentionPart[];
  /** Character range of the clause(s) the mention came from. */
  span: [number, number];
}

export interface MentionPart extends AnatomyScope {
  sizesMm: number[];
}

/** Where a normal statement or an anatomy-only statement applies. */
export interface AnatomyScope {
  sides: Side[];
  bilateral: boolean;
  zones: Zone[];
  lobes: Lobe[];
  anatomy: string[];
}

export interface ChangeMention {
  kind: ChangeKind;
  words: string;
  /** Inside a negated scope ("no new nodules", "no prior study"). */
  negated: boolean;
}

export interface ParsedSentence {
  text: string;
  mentions: FindingMention[];
  normals: AnatomyScope[];
  anatomyStatements: AnatomyScope[];
  changes: ChangeMention[];
  /** A review prompt of the automated analysis (see above). */
  review: boolean;
}

export interface ParseOptions {
  /** Extra anatomy words (e.g. from anatomy region labels: "thymus", "body"). */
  extraAnatomy?: ReadonlySet<string>;
}

type Unit =
  | { t: 'lex'; e: LexEntry; start: number; end: number; text: string }
  | { t: 'size'; mm: number; prior: boolean; start: number; end: number }
  | { t: 'anat'; term: string; start: number; end: number }
  | { t: 'punct'; ch: string; start: number; end: number }
  | { t: 'word'; w: string; start: number; end: number }
  | { t: 'number'; start: number; end: number };

const SIZE_SEPARATORS = new Set(['x', 'by', '×', '*']);
const RANGE_SEPARATORS = new Set(['-', '–', '—', 'to']);
const HARD_BREAKS = new Set([';', ':', '.', '(', ')', '[', ']', '?', '!']);
const SENTENCE_ENDS = new Set(['.', '?', '!']);
const LIST_WORDS = new Set(['and', 'or', 'nor', 'and/or']);

function unitOf(tokens: Token[], i: number): { mm: number; len: number } | null {
  const t = tokens[i];
  if (!t || t.kind !== 'word') return null;
  for (const e of LEXICON.get(t.text) ?? []) {
    if (e.unitMm !== undefined && e.words.length === 1) return { mm: e.unitMm, len: 1 };
  }
  return null;
}

function isSep(t: Token | undefined, set: ReadonlySet<string>): boolean {
  return !!t && t.kind !== 'number' && set.has(t.text);
}

function lexAt(tokens: Token[], i: number): LexEntry | null {
  const first = tokens[i];
  if (!first || first.kind !== 'word') return null;
  for (const e of LEXICON.get(first.text) ?? []) {
    let ok = true;
    for (let w = 1; w < e.words.length; w++) {
      const t = tokens[i + w];
      if (!t || t.kind !== 'word' || t.text !== e.words[w]) {
        ok = false;
        break;
      }
    }
    if (ok) return e;
  }
  return null;
}

/** The previous word (skipping opening brackets) carries a prior-size cue. */
function priorCueBefore(tokens: Token[], i: number): boolean {
  for (let j = i - 1, seen = 0; j >= 0 && seen < 2; j--) {
    const t = tokens[j]!;
    if (t.kind === 'punct') {
      if (t.text === '(' || t.text === ',') continue;
      return false;
    }
    seen++;
    const e = lexAt(tokens, j);
    if (e?.priorCue) return true;
    if (t.kind === 'word' && !['measuring', 'measured', 'at', 'of', 'about', 'approximately'].includes(t.text)) return false;
  }
  return false;
}

/**
 * A size starting at number token i: returns the size units and the index after it, or null.
 * Dimensions: "8 x 6 x 5 mm", "8 mm x 6 mm"; ranges: "4-6 mm", "4 to 6 mm" (the larger is the size),
 * "from 6 to 8 mm" (6 prior, 8 current).
 */
function readSize(tokens: Token[], i: number): { units: Unit[]; next: number } | null {
  const start = tokens[i]!.start;
  const dims: number[] = [tokens[i]!.value];
  let j = i + 1;
  let unit = unitOf(tokens, j);
  let mmPerUnit = 1;
  const scaled: number[] = [];
  for (;;) {
    if (unit) {
      mmPerUnit = unit.mm;
      scaled.push(...dims.splice(0).map((d) => d * mmPerUnit));
      j += unit.len;
      if (isSep(tokens[j], SIZE_SEPARATORS) && tokens[j + 1]?.kind === 'number') {
        dims.push(tokens[j + 1]!.value);
        j += 2;
        unit = unitOf(tokens, j);
        if (!unit) scaled.push(...dims.splice(0).map((d) => d * mmPerUnit));
        else continue;
      }
      break;
    }
    if (isSep(tokens[j], SIZE_SEPARATORS) && tokens[j + 1]?.kind === 'number' && dims.length < 3) {
      dims.push(tokens[j + 1]!.value);
      j += 2;
      unit = unitOf(tokens, j);
      continue;
    }
    if (dims.length === 1 && isSep(tokens[j], RANGE_SEPARATORS) && tokens[j + 1]?.kind === 'number') {
      const u2 = unitOf(tokens, j + 2);
      if (!u2) return null;
      const a = dims[0]! * u2.mm;
      const b = tokens[j + 1]!.value * u2.mm;
      const end = tokens[j + 2]!.end;
      if (priorCueBefore(tokens, i)) {
        return {
          units: [
            { t: 'size', mm: a, prior: true, start, end: tokens[i]!.end },
            { t: 'size', mm: b, prior: false, start: tokens[j + 1]!.start, end },
          ],
          next: j + 3,
        };
      }
      return { units: [{ t: 'size', mm: Math.max(a, b), prior: false, start, end }], next: j + 3 };
    }
    return null;
  }
  if (scaled.length === 0) return null;
  const mm = Math.max(...scaled);
  return { units: [{ t: 'size', mm, prior: priorCueBefore(tokens, i), start, end: tokens[j - 1]!.end }], next: j };
}

function toUnits(tokens: Token[], options: ParseOptions): Unit[] {
  const units: Unit[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (t.kind === 'number') {
      const size = readSize(tokens, i);
      if (size) {
        units.push(...size.units);
        i = size.next;
      } else {
        units.push({ t: 'number', start: t.start, end: t.end });
        i++;
      }
      continue;
    }
    if (t.kind === 'punct') {
      units.push({ t: 'punct', ch: t.text, start: t.start, end: t.end });
      i++;
      continue;
    }
    // "L lower lobe", "R hilum", "Lt lung": a side only before a side-taking word, never after a number.
    if (['l', 'r', 'lt', 'rt'].includes(t.text)) {
      const next = tokens[i + 1];
      const prev = tokens[i - 1];
      if (next?.kind === 'word' && SIDE_CONTEXT_WORDS.has(next.text) && prev?.kind !== 'number') {
        const side: Side = t.text.startsWith('l') ? 'left' : 'right';
        units.push({ t: 'lex', e: { words: [t.text], side }, start: t.start, end: t.end, text: t.text });
        i++;
        continue;
      }
    }
    const e = lexAt(tokens, i);
    if (e) {
      const last = tokens[i + e.words.length - 1]!;
      units.push({ t: 'lex', e, start: t.start, end: last.end, text: e.words.join(' ') });
      i += e.words.length;
      continue;
    }
    if (options.extraAnatomy?.has(t.text)) units.push({ t: 'anat', term: t.text, start: t.start, end: t.end });
    else units.push({ t: 'word', w: t.text, start: t.start, end: t.end });
    i++;
  }
  return units;
}

interface Clause {
  units: Unit[];
  /** Started after a comma or a list word, i.e. it may continue a list. */
  soft: boolean;
  /** Ends a sentence (mentions do not lend attributes across). */
  endsSentence: boolean;
}

function startsNewStatement(u: Unit | undefined): boolean {
  if (!u) return false;
  if (u.t === 'number' || u.t === 'size') return true;
  return u.t === 'word' && NEW_STATEMENT_WORDS.has(u.w);
}

function splitClauses(units: Unit[]): Clause[] {
  const clauses: Clause[] = [];
  let cur: Unit[] = [];
  let soft = false;
  const flush = (nextSoft: boolean, endsSentence: boolean): void => {
    if (cur.length > 0 || endsSentence) clauses.push({ units: cur, soft, endsSentence });
    cur = [];
    soft = nextSoft;
  };
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (u.t === 'punct') {
      if (HARD_BREAKS.has(u.ch)) flush(false, SENTENCE_ENDS.has(u.ch));
      else if (u.ch === ',') flush(true, false);
      continue;
    }
    if (u.t === 'lex' && u.e.terminator) {
      flush(false, false);
      continue;
    }
    if (u.t === 'word' && LIST_WORDS.has(u.w) && startsNewStatement(units[i + 1])) {
      flush(true, false);
      continue;
    }
    cur.push(u);
  }
  flush(false, true);
  return clauses;
}

interface Segment {
  negated: boolean;
  units: Unit[];
  endsSentence: boolean;
}

function hasNegationCue(units: Unit[]): boolean {
  return units.some((u) => u.t === 'lex' && u.e.negation !== undefined && !u.e.pseudo);
}

/** Splits clauses into positive and negated segments (negation scope). */
function segments(clauses: Clause[]): Segment[] {
  const out: Segment[] = [];
  let prevTailNegated = false;
  for (const c of clauses) {
    const pre = c.units.findIndex((u) => u.t === 'lex' && u.e.negation === 'pre' && !u.e.pseudo);
    const post = c.units.findIndex((u) => u.t === 'lex' && u.e.negation === 'post' && !u.e.pseudo);
    const firstContent = c.units.find((u) => !(u.t === 'word' && LIST_WORDS.has(u.w)));
    if (pre >= 0) {
      if (pre > 0) out.push({ negated: post > 0 && post < pre, units: c.units.slice(0, pre), endsSentence: false });
      out.push({ negated: true, units: c.units.slice(pre), endsSentence: c.endsSentence });
      prevTailNegated = true;
    } else if (post >= 0) {
      out.push({ negated: true, units: c.units.slice(0, post + 1), endsSentence: false });
      out.push({ negated: false, units: c.units.slice(post + 1), endsSentence: c.endsSentence });
      prevTailNegated = false;
    } else if (c.soft && prevTailNegated && !startsNewStatement(firstContent) && !c.units.some((u) => u.t === 'size') && !hasNegationCue(c.units)) {
      out.push({ negated: true, units: c.units, endsSentence: c.endsSentence });
    } else {
      out.push({ negated: false, units: c.units, endsSentence: c.endsSentence });
      prevTailNegated = false;
    }
  }
  return out;
}

interface Attrs {
  concepts: Set<Concept>;
  plural: boolean;
  sides: Set<Side>;
  bilateral: boolean;
  zones: Set<Zone>;
  lobes: Set<Lobe>;
  anatomy: Set<string>;
  sizes: number[];
  priorSizes: number[];
  uncertain: boolean;
  normal: boolean;
  /** Attributes of finding-less clauses merged into this one (list items). */
  parts: Attrs[];
  /** This mention's own clause, before list items were merged in. */
  head?: Attrs;
  start: number;
  end: number;
}

function emptyAttrs(): Attrs {
  return {
    concepts: new Set(),
    plural: false,
    sides: new Set(),
    bilateral: false,
    zones: new Set(),
    lobes: new Set(),
    anatomy: new Set(),
    sizes: [],
    priorSizes: [],
    uncertain: false,
    normal: false,
    parts: [],
    start: Infinity,
    end: -Infinity,
  };
}

function attrsOf(units: Unit[]): Attrs {
  const a = emptyAttrs();
  for (const u of units) {
    a.start = Math.min(a.start, u.start);
    a.end = Math.max(a.end, u.end);
    if (u.t === 'size') (u.prior ? a.priorSizes : a.sizes).push(u.mm);
    else if (u.t === 'anat') a.anatomy.add(u.term);
    else if (u.t === 'lex') {
      const e = u.e;
      if (e.side === 'bilateral') a.bilateral = true;
      else if (e.side) a.sides.add(e.side);
      if (e.zone) a.zones.add(e.zone);
      if (e.lobe) a.lobes.add(e.lobe);
      if (e.anatomy) a.anatomy.add(e.anatomy);
      if (e.concept) {
        a.concepts.add(e.concept);
        if (e.plural) a.plural = true;
      }
      if (e.uncertain) a.uncertain = true;
      if (e.normal) a.normal = true;
    }
  }
  return a;
}

function merge(into: Attrs, from: Attrs): void {
  for (const c of from.concepts) into.concepts.add(c);
  into.plural ||= from.plural;
  for (const s of from.sides) into.sides.add(s);
  into.bilateral ||= from.bilateral;
  for (const z of from.zones) into.zones.add(z);
  for (const l of from.lobes) into.lobes.add(l);
  for (const t of from.anatomy) into.anatomy.add(t);
  into.sizes.push(...from.sizes);
  into.priorSizes.push(...from.priorSizes);
  into.uncertain ||= from.uncertain;
  into.start = Math.min(into.start, from.start);
  into.end = Math.max(into.end, from.end);
}

function hasLocation(a: Attrs): boolean {
  return a.sides.size > 0 || a.bilateral || a.zones.size > 0 || a.lobes.size > 0 || a.anatomy.size > 0;
}

function scope(a: Attrs): AnatomyScope {
  const bilateral = a.bilateral || a.sides.size > 1;
  return { sides: [...a.sides], bilateral, zones: [...a.zones], lobes: [...a.lobes], anatomy: [...a.anatomy] };
}

/** A list item's part: its own location and sizes, the rest from the head clause. */
function part(head: Attrs, item: Attrs): MentionPart {
  const hasSide = item.sides.size > 0 || item.bilateral;
  const hasPlace = item.zones.size > 0 || item.lobes.size > 0;
  const s = scope({
    ...head,
    sides: hasSide ? item.sides : head.sides,
    bilateral: hasSide ? item.bilateral : head.bilateral,
    zones: hasPlace ? item.zones : head.zones,
    lobes: hasPlace ? item.lobes : head.lobes,
    anatomy: new Set([...head.anatomy, ...item.anatomy]),
  });
  return { ...s, sizesMm: item.sizes.length > 0 ? item.sizes : head.sizes };
}

function mention(a: Attrs, polarity: FindingMention['polarity']): FindingMention {
  const s = scope(a);
  const items = a.parts.filter((p) => hasLocation(p) || p.sizes.length > 0);
  return {
    polarity,
    concepts: [...a.concepts],
    plural: a.plural || s.bilateral,
    ...s,
    sizesMm: a.sizes,
    priorSizesMm: a.priorSizes,
    uncertain: a.uncertain,
    parts: items.length >= 2 ? items.map((p) => part(a.head ?? a, p)) : [],
    span: [a.start === Infinity ? 0 : a.start, a.end === -Infinity ? 0 : a.end],
  };
}

export function parseSentence(text: string, options: ParseOptions = {}): ParsedSentence {
  const units = toUnits(tokenize(text), options);
  if (units.some((u) => u.t === 'lex' && u.e.review)) return { text, mentions: [], normals: [], anatomyStatements: [], changes: [], review: true };
  const segs = segments(splitClauses(units));
  const positives: Attrs[] = [];
  const negatives: Attrs[] = [];
  const normals: AnatomyScope[] = [];
  const anatomyStatements: AnatomyScope[] = [];
  const changes: ChangeMention[] = [];
  let current: Attrs | null = null;
  let pending: Attrs | null = null;

  const closeSentence = (): void => {
    if (pending && hasLocation(pending)) anatomyStatements.push(scope(pending));
    pending = null;
    current = null;
  };

  for (const seg of segs) {
    for (const u of seg.units) {
      if (u.t === 'lex' && u.e.change) changes.push({ kind: u.e.change, words: u.text, negated: seg.negated });
    }
    const a = attrsOf(seg.units);
    if (seg.negated) {
      if (a.concepts.size > 0) negatives.push(a);
    } else if (a.concepts.size > 0) {
      if (pending) merge(a, pending);
      pending = null;
      positives.push(a);
      current = a;
    } else if (a.normal) {
      if (hasLocation(a)) normals.push(scope(a));
      else normals.push({ sides: [], bilateral: false, zones: [], lobes: [], anatomy: [] });
    } else if (current) {
      const c: Attrs = current;
      c.head ??= { ...c, parts: [], sides: new Set(c.sides), zones: new Set(c.zones), lobes: new Set(c.lobes), anatomy: new Set(c.anatomy), sizes: [...c.sizes] };
      c.parts.push(a);
      merge(c, a);
    } else if (hasLocation(a) || a.sizes.length > 0 || a.uncertain) {
      if (pending) merge(pending, a);
      else pending = a;
    }
    if (seg.endsSentence) closeSentence();
  }
  closeSentence();

  return {
    text,
    mentions: [...positives.map((a) => mention(a, 'positive')), ...negatives.map((a) => mention(a, 'negated'))],
    normals,
    anatomyStatements,
    changes,
    review: false,
  };
}

/** The change or comparison claims that need a prior: change words, and comparison words outside negation. */
export function changeClaims(parsed: ParsedSentence): ChangeMention[] {
  return parsed.changes.filter((c) => c.kind !== 'comparison' || !c.negated);
}
