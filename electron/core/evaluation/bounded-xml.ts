/**
 * A small, bounded XML reader for annotation files (LIDC reading XML, Pascal VOC), which are
 * hostile input: it builds an element tree of names, child elements and text, and nothing else.
 *
 * Safety: no DTD at all (a DOCTYPE is refused, so no entity can be declared or expanded); only the
 * five predefined entities and numeric character references are decoded; input length, element
 * count and nesting depth are capped; attributes are skipped (these formats carry none we use);
 * comments, processing instructions and CDATA are handled, and anything malformed is a typed
 * CORRUPT_INPUT error naming the offset. Namespace prefixes are dropped from element names.
 */
import { RadGroundError } from '../errors/radground-error';

export interface XmlElement {
  name: string;
  children: XmlElement[];
  /** The element's own text (not its children's), entity-decoded and trimmed. */
  text: string;
}

export interface XmlLimits {
  maxChars: number;
  maxElements: number;
  maxDepth: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxChars: 32 * 1024 * 1024, maxElements: 2_000_000, maxDepth: 64 };

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME = /^[A-Za-z_][\w.:-]*$/;

function corrupt(what: string, message: string, at: number): RadGroundError {
  return new RadGroundError('CORRUPT_INPUT', `${what}: ${message} at offset ${at}`);
}

function decodeEntities(raw: string, what: string, at: number): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&\s]{1,10});/g, (_, ref: string) => {
    if (ref in PREDEFINED) return PREDEFINED[ref]!;
    const code = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : ref.startsWith('#') ? parseInt(ref.slice(1), 10) : NaN;
    if (!Number.isInteger(code) || code < 1 || code > 0x10ffff) throw corrupt(what, `unknown entity &${ref};`, at);
    return String.fromCodePoint(code);
  });
}

/** Parses `xml` into its root element; `what` names the file in errors. */
export function parseXml(xml: string, what: string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlElement {
  if (xml.length > limits.maxChars) throw new RadGroundError('UNSUPPORTED_INPUT', `${what}: ${xml.length} characters is over the ${limits.maxChars} limit`);
  const stack: { el: XmlElement; parts: string[] }[] = [];
  let root: XmlElement | null = null;
  let elements = 0;
  let p = 0;
  const n = xml.length;
  while (p < n) {
    const lt = xml.indexOf('<', p);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > p) {
      const text = xml.slice(p, textEnd);
      if (stack.length > 0) stack[stack.length - 1]!.parts.push(decodeEntities(text, what, p));
      else if (text.trim() !== '' && !(p === 0 && text === '\uFEFF')) throw corrupt(what, 'text outside the root element', p);
    }
    if (lt < 0) break;
    p = lt;
    if (xml.startsWith('<!--', p)) {
      const end = xml.indexOf('-->', p + 4);
      if (end < 0) throw corrupt(what, 'unterminated comment', p);
      p = end + 3;
    } else if (xml.startsWith('<![CDATA[', p)) {
      const end = xml.indexOf(']]>', p + 9);
      if (end < 0 || stack.length === 0) throw corrupt(what, 'bad CDATA section', p);
      stack[stack.length - 1]!.parts.push(xml.slice(p + 9, end));
      p = end + 3;
    } else if (xml.startsWith('<!', p)) {
      throw new RadGroundError('UNSUPPORTED_INPUT', `${what}: DOCTYPE and other declarations are not accepted (offset ${p})`);
    } else if (xml.startsWith('<?', p)) {
      const end = xml.indexOf('?>', p + 2);
      if (end < 0) throw corrupt(what, 'unterminated processing instruction', p);
      p = end + 2;
    } else if (xml.startsWith('</', p)) {
      const end = xml.indexOf('>', p + 2);
      if (end < 0) throw corrupt(what, 'unterminated end tag', p);
      const name = localName(xml.slice(p + 2, end).trim());
      const top = stack.pop();
      if (!top || top.el.name !== name) throw corrupt(what, `end tag </${name}> does not close <${top?.el.name ?? ''}>`, p);
      top.el.text = top.parts.join('').trim();
      if (stack.length === 0) root = top.el;
      p = end + 1;
    } else {
      const end = tagEnd(xml, p + 1);
      if (end < 0) throw corrupt(what, 'unterminated start tag', p);
      const selfClosing = xml[end - 1] === '/';
      const body = xml.slice(p + 1, selfClosing ? end - 1 : end);
      const rawName = body.match(/^[^\s/>]+/)?.[0] ?? '';
      if (!NAME.test(rawName)) throw corrupt(what, `bad element name "${rawName.slice(0, 40)}"`, p);
      if (root || (stack.length === 0 && elements > 0)) throw corrupt(what, 'more than one root element', p);
      if (++elements > limits.maxElements) throw new RadGroundError('UNSUPPORTED_INPUT', `${what}: more than ${limits.maxElements} elements`);
      const el: XmlElement = { name: localName(rawName), children: [], text: '' };
      if (stack.length > 0) stack[stack.length - 1]!.el.children.push(el);
      if (selfClosing) {
        if (stack.length === 0) root = el;
      } else {
        if (stack.length >= limits.maxDepth) throw new RadGroundError('UNSUPPORTED_INPUT', `${what}: nesting deeper than ${limits.maxDepth}`);
        stack.push({ el, parts: [] });
      }
      p = end + 1;
    }
  }
  if (stack.length > 0) throw corrupt(what, `<${stack[stack.length - 1]!.el.name}> is never closed`, n);
  if (!root) throw corrupt(what, 'no root element', 0);
  return root;
}

/** Index of the '>' ending a start tag, skipping quoted attribute values; -1 when none. */
function tagEnd(xml: string, from: number): number {
  let quote = '';
  for (let q = from; q < xml.length; q++) {
    const c = xml[q]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return q;
    else if (c === '<') return -1;
  }
  return -1;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon >= 0 ? name.slice(colon + 1) : name;
}

/** Child elements named `name`. */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** The first child named `name`, or null. */
export function childNamed(el: XmlElement, name: string): XmlElement | null {
  return el.children.find((c) => c.name === name) ?? null;
}

/** A child's text as a finite number, or null. */
export function childNumber(el: XmlElement, name: string): number | null {
  const c = childNamed(el, name);
  if (!c || c.text === '') return null;
  const v = Number(c.text);
  return Number.isFinite(v) ? v : null;
}
