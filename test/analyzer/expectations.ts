/**
 * Reads the expectations that fixtures carry inline (`// $ unapproved-flow:email` on the line that
 * must be reported) and in `expect.json` beside the tsconfig (for findings in the config file, and
 * all of the demo's: its code is what `npm start` shows first, so it carries no markers), and
 * compares them with findings. Shared by every front end's tests.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../../core/findings.js';

export interface Expectation {
  file: string;
  line: number;
  rule: string;
  category?: string;
  /**
   * A known gap (the README lists them): `// $ MISSING: rule:category` is a finding piiguard should
   * report here and does not yet; `// $ SPURIOUS: rule:category` one it reports and should not.
   * The comparison fails once the gap is fixed, so the marker goes with the fix.
   */
  gap?: 'missing' | 'spurious';
}

const MARKER = /\/\/\s*\$\s+(.+?)\s*$/;

/** TypeScript sources (what ESLint's preset lints), and with `js` the JavaScript files that `allowJs` brings in. */
export function listSourceFiles(dir: string, { js = false }: { js?: boolean } = {}): string[] {
  const pattern = js ? /\.(c|m)?(t|j)sx?$/ : /\.(c|m)?tsx?$/;
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d).sort()) {
      if (entry === 'node_modules' || entry === 'dist') continue;
      const full = path.join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (pattern.test(entry) && !entry.endsWith('.d.ts')) out.push(full);
    }
  };
  walk(dir);
  return out;
}

/** Whether the fixture's tsconfig analyses JavaScript (`"allowJs": true`). */
export function isJavaScriptProject(dir: string): boolean {
  const tsconfig = path.join(dir, 'tsconfig.json');
  return existsSync(tsconfig) && /"allowJs"\s*:\s*true/.test(readFileSync(tsconfig, 'utf8'));
}

export function readExpectations(dir: string): Expectation[] {
  const out: Expectation[] = [];
  // JavaScript files carry expectations in projects that analyse them (`allowJs`); elsewhere a
  // .js file is an emitted golden file or a config.
  const js = isJavaScriptProject(dir);
  for (const file of listSourceFiles(dir, { js })) {
    const rel = path.relative(dir, file).split(path.sep).join('/');
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((text, i) => {
        const match = MARKER.exec(text);
        if (!match) return;
        for (const item of match[1]!.split(',')) {
          const gap = /^\s*(MISSING|SPURIOUS):\s*/.exec(item);
          const [rule, category] = item
            .slice(gap?.[0].length ?? 0)
            .trim()
            .split(':');
          if (rule) {
            out.push({
              file: rel,
              line: i + 1,
              rule: rule.trim(),
              ...(category ? { category: category.trim() } : {}),
              ...(gap ? { gap: gap[1] === 'MISSING' ? 'missing' : 'spurious' } : {}),
            });
          }
        }
      });
  }
  const extra = path.join(dir, 'expect.json');
  if (existsSync(extra)) out.push(...(JSON.parse(readFileSync(extra, 'utf8')) as Expectation[]));
  return out;
}

const shortRule = (ruleId: string) => ruleId.replace(/^piiguard\//, '');

/** Lines that differ, as readable strings: `missing src/a.ts:3 unapproved-flow:email`, `unexpected …`. */
export function compareWithExpectations(
  expectations: Expectation[],
  findings: Array<Pick<Finding, 'ruleId' | 'category' | 'location'>>,
): string[] {
  const problems: string[] = [];
  for (const e of expectations) {
    const found = findings.some(
      (f) =>
        f.location.file === e.file &&
        f.location.line === e.line &&
        shortRule(f.ruleId) === e.rule &&
        (!e.category || f.category === e.category),
    );
    const what = `${e.file}:${e.line} ${e.rule}${e.category ? ':' + e.category : ''}`;
    if (e.gap === 'missing') {
      if (found) problems.push(`gap fixed  ${what} is reported now: remove its MISSING marker`);
    } else if (!found) {
      problems.push(e.gap === 'spurious' ? `gap fixed  ${what} is no longer reported: remove its SPURIOUS marker` : `missing    ${what}`);
    }
  }
  // A finding at a MISSING marker was named above (the gap is fixed).
  for (const f of findings) {
    const expected = expectations.some(
      (e) =>
        f.location.file === e.file &&
        f.location.line === e.line &&
        shortRule(f.ruleId) === e.rule &&
        (!e.category || e.category === f.category),
    );
    if (!expected) problems.push(`unexpected ${f.location.file}:${f.location.line} ${shortRule(f.ruleId)}:${f.category ?? ''}`);
  }
  return problems.sort();
}

/** Every fixture project under a folder: directories with a tsconfig.json. */
export function listFixtureProjects(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .sort()
    .map((name) => path.join(root, name))
    .filter((dir) => existsSync(path.join(dir, 'tsconfig.json')));
}
