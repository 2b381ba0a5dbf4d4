/**
 * CSV as spreadsheets read it (RFC 4180): fields quoted when they hold a comma, a quote or a line
 * break, quotes doubled, CRLF between rows. A field that a spreadsheet would take for a formula
 * (starting with =, +, -, @, a tab or a carriage return) is prefixed with an apostrophe: the
 * names in a gradebook are whatever people typed (OWASP's CSV injection advice).
 */
const FORMULA = /^[=+\-@\t\r]/;

export function csvField(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRows(rows: readonly (readonly (string | number | null)[])[]): string {
  return rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}
