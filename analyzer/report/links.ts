import type { SourceLocation } from '../../core/index.js';

/** Where a code location links to in a report; `undefined` for no link. */
export type SourceLink = (location: SourceLocation) => string | undefined;

/**
 * Links to code locations. With a template (`--source-url`), its `{file}`, `{line}` and
 * `{column}` are filled in: `https://github.com/acme/app/blob/main/{file}#L{line}`. Without one,
 * the link is the file's path relative to the project root, which opens the file when the
 * report is saved there (`piiguard report > piiguard-report.html`). Paths are never absolute,
 * so the report has the same bytes on every machine.
 */
export function createSourceLink(template: string | undefined, baseDir = ''): SourceLink {
  const prefix = baseDir ? `${baseDir.replace(/\/+$/, '')}/` : '';
  return (location) => {
    const file = prefix + location.file;
    const encoded = file.split('/').map(encodeURIComponent).join('/');
    if (template === undefined) return encoded;
    return template
      .replaceAll('{file}', encoded)
      .replaceAll('{line}', String(location.line))
      .replaceAll('{column}', String(location.column));
  };
}
