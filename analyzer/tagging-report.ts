/**
 * `piiguard sources` and `piiguard sinks`: what the engine treats as personal data and as sinks,
 * printed per file (pretty) or as one JSON object. Plain functions from the result to text.
 */
import type { Tagging } from './analyze.js';

export const TAGGING_FORMATS = ['pretty', 'json'] as const;
export type TaggingFormat = (typeof TAGGING_FORMATS)[number];

export function formatSources(tagging: Tagging, format: TaggingFormat, version: string, heuristics: string): string {
  if (format === 'json') return JSON.stringify({ tool: { name: 'piiguard', version }, sources: tagging.sources }, null, 2) + '\n';
  const rows = tagging.sources.map((s) => ({
    file: s.file,
    cells: [
      `${s.line}:${s.column}`,
      s.name,
      s.category,
      s.why === 'config' && s.entry ? `config ${s.entry.key} (${s.entry.names})` : s.why === 'jsdoc' ? '@pii' : s.why,
    ],
  }));
  const counts = countBy(tagging.sources.map((s) => s.why));
  const tagged = tagging.sources.filter((s) => s.why !== 'heuristic').length;
  const summary =
    tagging.sources.length === 0
      ? 'nothing is tagged'
      : `${plural(tagging.sources.length, 'source')} in ${plural(new Set(tagging.sources.map((s) => s.file)).size, 'file')} (${counts})`;
  const note =
    tagged === 0
      ? '\nnothing is tagged: only the name heuristics find personal data (warnings). Tag it with a brand type, `@pii`, or `sources` in the config.'
      : '';
  return `${formatRows(rows)}${summary} · heuristics: ${heuristics}${note}\n`;
}

export function formatSinks(tagging: Tagging, format: TaggingFormat, version: string): string {
  if (format === 'json') return JSON.stringify({ tool: { name: 'piiguard', version }, sinks: tagging.sinks }, null, 2) + '\n';
  const rows = tagging.sinks.map((s) => ({
    file: s.file,
    cells: [
      `${s.line}:${s.column}`,
      s.callee,
      s.sink,
      s.why === 'config' ? `config ${s.entry}` : s.why === 'pack' ? `pack ${s.entry}` : 'inferred wrapper (a parameter reaches the sink)',
    ],
  }));
  const summary =
    tagging.sinks.length === 0
      ? 'no sink calls'
      : `${plural(tagging.sinks.length, 'sink call')} in ${plural(new Set(tagging.sinks.map((s) => s.file)).size, 'file')} (${countBy(tagging.sinks.map((s) => s.sink))})`;
  return `${formatRows(rows)}${summary}\n`;
}

/** Rows grouped under their file, columns aligned across the whole listing. */
function formatRows(rows: Array<{ file: string; cells: string[] }>): string {
  if (rows.length === 0) return '';
  const widths = rows[0].cells.map((_, i) => Math.max(...rows.map((r) => r.cells[i].length)));
  const out: string[] = [];
  let file: string | undefined;
  for (const row of rows) {
    if (row.file !== file) {
      if (file !== undefined) out.push('');
      out.push(row.file);
      file = row.file;
    }
    out.push(
      '  ' +
        row.cells
          .map((cell, i) => (i === row.cells.length - 1 ? cell : cell.padEnd(widths[i])))
          .join('  ')
          .trimEnd(),
    );
  }
  return out.join('\n') + '\n\n';
}

function countBy(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([v, n]) => `${n} ${v}`)
    .join(', ');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
