/**
 * Every example in docs/rules/*.md is linted with `configs.recommended`, as a file of
 * fixtures/rules/docs-examples (which provides ./model, ./analytics and ./privacy and a config):
 * each ❌ example is reported by the page's rule exactly on the lines marked `// ❌`, and each ✅
 * example is not reported by it at all. No example may fail to parse.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';
import plugin from '../../rules/index.js';

const root = path.resolve(import.meta.dirname, '../..');
const project = path.join(root, 'fixtures/rules/docs-examples');
const filePath = path.join(project, 'src/example.ts');

interface Example {
  rule: string;
  kind: 'incorrect' | 'correct';
  index: number;
  code: string;
}

/** The ```ts blocks under the page's "## ❌" and "## ✅" headings. */
function readExamples(page: string): Example[] {
  const rule = path.basename(page, '.md');
  const out: Example[] = [];
  let kind: Example['kind'] | undefined;
  const lines = readFileSync(page, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('## ')) kind = line.includes('❌') ? 'incorrect' : line.includes('✅') ? 'correct' : undefined;
    if (kind && /^```tsx?$/.test(line)) {
      const end = lines.indexOf('```', i + 1);
      out.push({ rule, kind, index: out.filter((e) => e.kind === kind).length + 1, code: lines.slice(i + 1, end).join('\n') + '\n' });
      i = end;
    }
  }
  return out;
}

const pages = readdirSync(path.join(root, 'docs/rules'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => path.join(root, 'docs/rules', f));
const examples = pages.flatMap(readExamples);
const eslint = new ESLint({ cwd: project, overrideConfigFile: true, overrideConfig: plugin.configs.recommended as never }); // one config or an array of one: ESLint takes both

describe('docs/rules examples', () => {
  test('every rule page has at least one ❌ and one ✅ example', () => {
    for (const name of Object.keys(plugin.rules)) {
      expect(examples.filter((e) => e.rule === name && e.kind === 'incorrect').length, `${name} ❌`).toBeGreaterThan(0);
      expect(examples.filter((e) => e.rule === name && e.kind === 'correct').length, `${name} ✅`).toBeGreaterThan(0);
    }
  });

  test.each(examples.map((e) => [`${e.rule} ${e.kind === 'incorrect' ? '❌' : '✅'} ${e.index}`, e]))('%s', async (_name, example) => {
    const [result] = await eslint.lintText(example.code, { filePath });
    expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
    const reported = [...new Set(result!.messages.filter((m) => m.ruleId === `piiguard/${example.rule}`).map((m) => m.line))].sort(
      (a, b) => a - b,
    );
    const marked = example.code
      .split('\n')
      .map((text, i) => (/\/\/ ❌/.test(text) ? i + 1 : 0))
      .filter(Boolean);
    if (example.kind === 'incorrect') {
      expect(marked.length).toBeGreaterThan(0);
      expect(reported).toEqual(marked);
    } else {
      expect(marked).toEqual([]);
      expect(reported).toEqual([]);
    }
  });
});
