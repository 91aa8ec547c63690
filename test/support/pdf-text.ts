import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF as Chromium (Skia) writes it, for tests on machines without poppler's pdftotext:
 * each indirect object is read, Flate streams are inflated, each Type0 font's ToUnicode CMap (bfchar and
 * bfrange) maps the 2-byte glyph codes of its Identity-H strings back to Unicode, and the page content
 * streams' Tj/TJ strings are decoded with the font their Tf selects. Runs in one line (Td with no vertical
 * move) are joined; a new text line or block starts a new line. Not a general PDF reader: a PDF it cannot
 * read yields text without the expected strings, so a test fails rather than passes.
 */
export function pdfText(pdf: Uint8Array): string {
  // Every capture group below is mandatory, so a match always sets it (hence the `!` on groups).
  const source = Buffer.from(pdf).toString('latin1');
  const objects = new Map<number, { dict: string; stream: Buffer | null }>();
  const objectPattern = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
  for (let m = objectPattern.exec(source); m; m = objectPattern.exec(source)) {
    const body = m[2]!;
    const streamAt = body.search(/stream\r?\n/);
    if (streamAt < 0) {
      objects.set(Number(m[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, streamAt);
    const start = streamAt + body.slice(streamAt).indexOf('\n') + 1;
    const end = body.lastIndexOf('endstream');
    let bytes: Buffer = Buffer.from(body.slice(start, end).replace(/\r?\n$/, ''), 'latin1');
    if (/\/FlateDecode/.test(dict)) {
      try {
        bytes = inflateSync(bytes);
      } catch {
        bytes = Buffer.alloc(0);
      }
    }
    objects.set(Number(m[1]), { dict, stream: bytes });
  }

  const cmapOf = (objectNumber: number): Map<number, string> => {
    const map = new Map<number, string>();
    const text = objects.get(objectNumber)?.stream?.toString('latin1') ?? '';
    const utf16 = (hex: string): string => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
    for (const block of text.match(/beginbfchar([\s\S]*?)endbfchar/g) ?? []) {
      for (const [, code, unicode] of block.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(code!, 16), utf16(unicode!));
    }
    for (const block of text.match(/beginbfrange([\s\S]*?)endbfrange/g) ?? []) {
      for (const [, lo, hi, first] of block.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
        const base = parseInt(first!, 16);
        for (let c = parseInt(lo!, 16); c <= parseInt(hi!, 16); c++) map.set(c, String.fromCharCode(base + c - parseInt(lo!, 16)));
      }
    }
    return map;
  };

  // Resource names (/F4) -> the ToUnicode map of the font object they name.
  const fonts = new Map<string, Map<number, string>>();
  for (const { dict } of objects.values()) {
    const fontDict = dict.match(/\/Font\s*<<([\s\S]*?)>>/);
    if (!fontDict) continue;
    for (const [, name, ref] of fontDict[1]!.matchAll(/\/(\S+?)\s+(\d+) 0 R/g)) {
      const toUnicode = objects.get(Number(ref))?.dict.match(/\/ToUnicode\s+(\d+) 0 R/);
      if (toUnicode) fonts.set(name!, cmapOf(Number(toUnicode[1])));
    }
  }

  const lines: string[] = [];
  for (const { dict, stream } of objects.values()) {
    if (!stream || /\/Length1|\/Subtype|begincmap/.test(dict + stream.subarray(0, 200).toString('latin1'))) continue;
    const content = stream.toString('latin1');
    if (!/\bTf\b/.test(content)) continue;
    let font = new Map<number, string>();
    let line = '';
    const flush = () => {
      if (line.trim()) lines.push(line);
      line = '';
    };
    const tokens = /\/(\S+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>|[-\d.]+\s+([-\d.]+)\s+T[dD]|\bT\*|\bET\b|\bTm\b/g;
    for (let t = tokens.exec(content); t; t = tokens.exec(content)) {
      if (t[1] !== undefined) font = fonts.get(t[1]) ?? new Map();
      else if (t[2] !== undefined) line += (t[2].match(/.{4}/g) ?? []).map((h) => font.get(parseInt(h, 16)) ?? '\uFFFD').join('');
      else if (t[3] !== undefined) {
        if (Number(t[3]) !== 0) flush();
      } else flush();
    }
    flush();
  }
  return lines.join('\n');
}
