/**
 * Reading a roster file as Excel writes it on Chinese Windows: the bytes (UTF-8 with or
 * without BOM, GB18030/GBK, or UTF-16 "Unicode text") and the records (RFC 4180 quoting,
 * comma or tab separated, CRLF/LF/CR line ends, line breaks inside quoted fields).
 */

export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

/**
 * Bytes → text. Rule: a UTF-16 BOM → UTF-16 (Excel's "Unicode 文本"); bytes that are valid
 * UTF-8 → UTF-8 (a BOM is dropped); anything else → GB18030, the superset of GBK/GB2312 that
 * Excel's "CSV (逗号分隔)" writes on Chinese Windows. Pure-ASCII files are valid UTF-8.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  try {
    // ignoreBOM: false (the default) strips a leading UTF-8 BOM.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

export interface ParsedTable {
  /** Every record, blank ones included, so that index + 1 is the row number Excel shows. */
  records: string[][];
  delimiter: ',' | '\t';
}

export type ParseResult = { ok: true; table: ParsedTable } | { ok: false; row: number; reason: 'unclosed-quote' };

/**
 * The delimiter: tab if the first line (the header) has a tab outside quotes, else comma.
 * Excel's "文本文件(制表符分隔)" and copy-paste from a sheet give tabs; CSV gives commas.
 */
function detectDelimiter(text: string): ',' | '\t' {
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === '\t') return '\t';
  }
  return ',';
}

/**
 * RFC 4180 records. A field is quoted when its first character is `"`; inside, `""` is a quote
 * and line breaks are data. A quote in the middle of an unquoted field is kept as a character
 * (what Excel does with `a"b`). Characters after a closing quote are appended (lenient, as
 * Excel). A quote left open at the end of the file is an error at the row where it opened.
 */
export function parseDelimited(input: string, delimiter: ',' | '\t' = detectDelimiter(input)): ParseResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let fieldStart = true;
  let quoteOpenedAt = 0;
  const endField = () => {
    record.push(field);
    field = '';
    fieldStart = true;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
      quoteOpenedAt = records.length + 1;
      i++;
      continue;
    }
    if (ch === delimiter) {
      endField();
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += ch;
    fieldStart = false;
    i++;
  }
  if (quoted) return { ok: false, row: quoteOpenedAt, reason: 'unclosed-quote' };
  // The last line may or may not end with a line break.
  if (!fieldStart || field !== '' || record.length > 0) endRecord();
  return { ok: true, table: { records, delimiter } };
}
