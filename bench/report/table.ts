/** A table rendered both to the terminal and into Markdown. The first column is left-aligned, the rest right. */
export interface Table {
  header: string[];
  rows: string[][];
}

/** A GitHub Markdown table. */
export function markdownTable(table: Table): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  const rule = table.header.map((_, i) => (i === 0 ? '---' : '---:'));
  return [line(table.header), line(rule), ...table.rows.map(line)].join('\n');
}

/** Columns padded to their widest cell, for a terminal. */
export function consoleTable(table: Table, indent = '  '): string {
  const all = [table.header, ...table.rows];
  const widths = table.header.map((_, i) => Math.max(...all.map((row) => [...(row[i] ?? '')].length)));
  const pad = (cell: string, i: number) => {
    const gap = ' '.repeat((widths[i] ?? 0) - [...cell].length);
    return i === 0 ? cell + gap : gap + cell;
  };
  return all.map((row) => indent + row.map(pad).join('  ')).join('\n');
}

/** `12,345` */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–';
}

/**
 * `value` to three significant digits in the first of `units` (each a size and its name, ascending) in
 * which it stays below 1,000 once rounded, so that 999.7 µs reads `1.00 ms`, not `1.00e+3 µs`.
 */
function threeDigits(value: number, units: readonly (readonly [number, string])[]): string {
  for (const [i, [size, name]] of units.entries()) {
    if (value / size < 999.5 || i === units.length - 1) return `${(value / size).toPrecision(3)} ${name}`;
  }
  return '–';
}

const DURATION_UNITS = [
  [1e3, 'µs'],
  [1e6, 'ms'],
  [1e9, 's'],
] as const;

const BYTE_UNITS = [
  [1024, 'KiB'],
  [1024 ** 2, 'MiB'],
  [1024 ** 3, 'GiB'],
] as const;

/** `812 ns`, `12.3 µs`, `4.56 ms`, `1.23 s` */
export function formatDuration(ns: number): string {
  if (!Number.isFinite(ns)) return '–';
  if (ns < 999.5) return `${ns.toFixed(0)} ns`;
  return threeDigits(ns, DURATION_UNITS);
}

/** `812 B`, `12.3 KiB`, `1.23 MiB`, `24.0 GiB` */
export function formatBytes(bytes: number): string {
  // Per-decision figures are averages: whole bytes are precise enough.
  if (bytes < 1023.5) return `${Math.round(bytes)} B`;
  return threeDigits(bytes, BYTE_UNITS);
}

/** `37×`, `1.4×`, `0.52×` */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return '–';
  return `${ratio >= 10 ? formatCount(ratio) : ratio.toPrecision(2)}×`;
}
