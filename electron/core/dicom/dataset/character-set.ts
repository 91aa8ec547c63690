import { TextDecoder } from 'node:util';

/**
 * Decoding of text values according to Specific Character Set (0008,0005). dicom-parser reads every
 * byte as one char code, which garbles UTF-8 and most non-Latin-1 names; this picks a real decoder.
 */
const TERM_TO_LABEL: Record<string, string> = {
  'ISO_IR 6': 'windows-1252',
  'ISO 2022 IR 6': 'windows-1252',
  'ISO_IR 100': 'windows-1252',
  'ISO 2022 IR 100': 'windows-1252',
  'ISO_IR 101': 'iso-8859-2',
  'ISO 2022 IR 101': 'iso-8859-2',
  'ISO_IR 109': 'iso-8859-3',
  'ISO 2022 IR 109': 'iso-8859-3',
  'ISO_IR 110': 'iso-8859-4',
  'ISO 2022 IR 110': 'iso-8859-4',
  'ISO_IR 144': 'iso-8859-5',
  'ISO 2022 IR 144': 'iso-8859-5',
  'ISO_IR 127': 'iso-8859-6',
  'ISO 2022 IR 127': 'iso-8859-6',
  'ISO_IR 126': 'iso-8859-7',
  'ISO 2022 IR 126': 'iso-8859-7',
  'ISO_IR 138': 'iso-8859-8',
  'ISO 2022 IR 138': 'iso-8859-8',
  'ISO_IR 148': 'windows-1254',
  'ISO 2022 IR 148': 'windows-1254',
  'ISO_IR 203': 'iso-8859-15',
  'ISO 2022 IR 203': 'iso-8859-15',
  'ISO_IR 166': 'windows-874',
  'ISO 2022 IR 166': 'windows-874',
  'ISO_IR 13': 'shift_jis',
  'ISO 2022 IR 13': 'shift_jis',
  'ISO 2022 IR 87': 'iso-2022-jp',
  'ISO 2022 IR 159': 'iso-2022-jp',
  'ISO 2022 IR 149': 'euc-kr',
  'ISO 2022 IR 58': 'gbk',
  'ISO_IR 192': 'utf-8',
  GB18030: 'gb18030',
  GBK: 'gbk',
};

const decoders = new Map<string, TextDecoder>();

function decoderFor(label: string): TextDecoder {
  let decoder = decoders.get(label);
  if (!decoder) {
    try {
      decoder = new TextDecoder(label);
    } catch {
      decoder = new TextDecoder('windows-1252');
    }
    decoders.set(label, decoder);
  }
  return decoder;
}

/**
 * The decoder for a Specific Character Set value (possibly multi-valued, e.g. "ISO 2022 IR 6\ISO 2022 IR 87").
 * With code extensions the most specific term wins: a Japanese multi-byte set means ISO-2022-JP escapes.
 */
export function textDecoderForCharacterSet(specificCharacterSet: string | null | undefined): TextDecoder {
  if (!specificCharacterSet) return decoderFor('windows-1252');
  const terms = specificCharacterSet
    .split('\\')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  let label = 'windows-1252';
  for (const term of terms) {
    const mapped = TERM_TO_LABEL[term];
    if (mapped && (mapped !== 'windows-1252' || label === 'windows-1252')) label = mapped;
  }
  return decoderFor(label);
}
