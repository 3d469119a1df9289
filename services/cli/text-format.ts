/** Plain-text rendering helpers: aligned tables, times and elapsed durations. */

/** Renders rows as columns separated by two spaces, the header first; `-` for empty cells. */
export function table(header: string[], rows: (string | number | null)[][]): string {
  const cells = [
    header,
    ...rows.map((row) => row.map((c) => (c === null || c === '' ? '-' : String(c)))),
  ];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  return cells
    .map((row) =>
      row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '),
    )
    .join('\n');
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** `19:47:13` in local time. */
export function clockTime(date: Date = new Date()): string {
  return `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}`;
}

/** An RFC 3339 timestamp as `2026-01-31 19:47:13` local time; null stays null. */
export function localTime(rfc3339: string | null): string | null {
  if (rfc3339 === null || rfc3339 === '') return null;
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${clockTime(d)}`;
}

/** `4.2s`, `3m05s`, `1h02m`: how long something took, for people. */
export function elapsed(ms: number): string {
  if (ms < 60_000) return `${(Math.max(ms, 0) / 1000).toFixed(1)}s`;
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return hours > 0 ? `${hours}h${pad2(minutes)}m` : `${minutes}m${pad2(seconds)}s`;
}

/** Elapsed time between two RFC 3339 timestamps, or undefined when either is missing. */
export function between(from: string, to: string): string | undefined {
  const start = Date.parse(from);
  const end = Date.parse(to);
  return Number.isNaN(start) || Number.isNaN(end) ? undefined : elapsed(end - start);
}
