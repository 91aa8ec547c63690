/** Splits report text into lower-case words, numbers and punctuation, keeping character offsets. */

export interface Token {
  kind: 'word' | 'number' | 'punct';
  /** Lower-case word, the number's text, or the punctuation character. */
  text: string;
  /** The number's value (NaN for other tokens). */
  value: number;
  start: number;
  end: number;
}

const TOKEN_RE = /(\d+(?:\.\d+)?)|([a-z]+)|([^\sa-z\d])/g;

/**
 * Hyphens inside words ("ground-glass", "left-sided") and between a number and a unit ("8-mm") are
 * read as spaces; a hyphen between numbers ("4-6 mm") stays, as a range.
 */
export function tokenize(text: string): Token[] {
  const lower = text.toLowerCase().replace(/([a-z])-(?=[a-z])/g, '$1 ').replace(/(\d)-(?=[a-z])/g, '$1 ');
  const tokens: Token[] = [];
  for (const m of lower.matchAll(TOKEN_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[1] !== undefined) tokens.push({ kind: 'number', text: m[1], value: Number(m[1]), start, end });
    else if (m[2] !== undefined) tokens.push({ kind: 'word', text: m[2], value: NaN, start, end });
    else tokens.push({ kind: 'punct', text: m[3]!, value: NaN, start, end });
  }
  return tokens;
}
