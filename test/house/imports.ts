/** The module specifiers a source file imports, read from its text (comments do not count). */
import { readFileSync } from 'node:fs';

export interface Import {
  specifier: string;
  /** `import type …` / `export type … from`: erased at run time. */
  typeOnly: boolean;
}

export function getImports(file: string): Import[] {
  const code = readFileSync(file, 'utf8')
    .split('\n')
    // Lines of doc comments (` * …`, `// …`) do not count.
    .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
    .join('\n');
  const out: Import[] = [];
  for (const match of code.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?'([^']+)'/gm)) {
    out.push({ specifier: match[2]!, typeOnly: match[1] !== undefined });
  }
  // `import('x')` runs; `typeof import('x')` names a type.
  for (const match of code.matchAll(/(\btypeof\s+)?\bimport\s*\(\s*'([^']+)'\s*\)/g))
    out.push({ specifier: match[2]!, typeOnly: match[1] !== undefined });
  return out;
}
