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

/** `812 ns`, `12.3 µs`, `4.56 ms`, `1.23 s` */
export function formatDuration(ns: number): string {
  if (!Number.isFinite(ns)) return '–';
  if (ns < 1e3) return `${ns.toFixed(0)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toPrecision(3)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toPrecision(3)} ms`;
  return `${(ns / 1e9).toPrecision(3)} s`;
}

/** `812 B`, `12.3 KiB`, `1.23 MiB`, `24.0 GiB` */
export function formatBytes(bytes: number): string {
  // Per-decision figures are averages: whole bytes are precise enough.
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toPrecision(3)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toPrecision(3)} MiB`;
  return `${(bytes / 1024 ** 3).toPrecision(3)} GiB`;
}

/** `37×`, `1.4×`, `0.52×` */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return '–';
  return `${ratio >= 10 ? formatCount(ratio) : ratio.toPrecision(2)}×`;
}
