/** `fileName` relative to `dir`, with forward slashes, as every output names files (SPEC §7). */
export function relativePath(dir: string, fileName: string): string {
  const normalizedDir = dir.replace(/\\/g, '/').replace(/\/$/, '');
  const normalized = fileName.replace(/\\/g, '/');
  if (normalized.startsWith(normalizedDir + '/')) return normalized.slice(normalizedDir.length + 1);
  // Outside the config's directory: walk up with `..`.
  const from = normalizedDir.split('/');
  const to = normalized.split('/');
  let i = 0;
  while (i < from.length && i < to.length && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
}
