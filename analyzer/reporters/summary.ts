import type { ReporterContext } from './types.js';

/** The summary of a run with nothing to report: with a baseline, what it recorded or left out. */
export function formatCleanSummary(files: number, baseline: ReporterContext['baseline']): string {
  const checked = `${plural(files, 'file')} checked`;
  if (baseline?.recorded !== undefined) {
    return `✔ recorded ${plural(baseline.recorded, 'finding')} in ${baseline.file} (${checked}); later runs fail only on new ones`;
  }
  if (baseline && baseline.accepted > 0) {
    return `✔ no unapproved flows beyond the ${plural(baseline.accepted, 'finding')} recorded in ${baseline.file} (${checked})`;
  }
  return `✔ no unapproved flows in ${plural(files, 'file')}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
