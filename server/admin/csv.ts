/**
 * CSV for Excel: UTF-8 with a BOM (without it Excel on Chinese Windows reads the bytes as GBK),
 * CRLF line ends, RFC 4180 quoting, and spreadsheet formulas neutralised: a cell starting with
 * `=`, `+`, `-`, `@` (or a tab / carriage return, which Excel also strips before evaluating) gets
 * a leading apostrophe, so a member named `=HYPERLINK(…)` stays text (OWASP "CSV injection").
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: neutralised, then quoted when it holds a comma, quote or line break. */
export function csvCell(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file as bytes: BOM, rows joined by CRLF, a final CRLF. */
export function csvBytes(rows: readonly (readonly string[])[]): Buffer {
  const body = rows.map((row) => row.map(csvCell).join(',')).join('\r\n');
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${body}\r\n`, 'utf8')]);
}

/**
 * `Content-Disposition` for a download with a Chinese name: an ASCII fallback `filename` for old
 * clients and the real name as RFC 5987 `filename*` (UTF-8, percent-encoded).
 */
export function contentDisposition(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  const fallback = asciiFallback.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
