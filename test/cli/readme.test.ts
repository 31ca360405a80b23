/**
 * The CI and monorepo setups the README documents are copied into real projects as they are:
 * every JSON block in those sections must parse, name the piiguard command it documents, and the
 * workflows must have what makes them work (SARIF upload after a failed check, its permission).
 * The JavaScript setup is run as written: its JSDoc-typed file linted with its eslint.config.js.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  expect(start).toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

function subsection(title: string): string {
  const start = readme.indexOf(`\n### ${title}\n`);
  expect(start).toBeGreaterThan(-1);
  const end = readme.slice(start + 1).search(/\n##+ /);
  return readme.slice(start, end === -1 ? undefined : start + 1 + end);
}

function blocks(text: string, lang: string): string[] {
  return [...text.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}

describe('README', () => {
  test('the GitHub Actions workflow checks, then uploads the SARIF even when the check failed', () => {
    const [workflow, gitlab] = blocks(section('CI'), 'yaml');
    expect(workflow).toContain('  security-events: write');
    expect(workflow).toContain('      - uses: actions/checkout@v4\n      - uses: actions/setup-node@v4\n');
    expect(workflow).toContain('      - run: npm ci\n');
    expect(workflow).toMatch(/run: npx piiguard check [^\n]*--format sarif > piiguard\.sarif\n/);
    expect(workflow).toMatch(
      /if: always\(\)[^\n]*\n\s+uses: github\/codeql-action\/upload-sarif@v3\n\s+with:\n\s+sarif_file: piiguard\.sarif\n/,
    );
    expect(workflow).not.toContain('\t');
    expect(gitlab).toContain('    - npx piiguard check');
  });

  test('the Monorepos section: every JSON block parses; turbo and Nx cache the SARIF and the package summary with the root config as input', () => {
    const json = blocks(section('Monorepos'), 'json').map((text) => JSON.parse(text));
    expect(json).toHaveLength(3);
    const [scripts, turbo, nx] = json;
    expect(scripts.scripts.piiguard).toBe('piiguard check --summaries --format sarif > piiguard.sarif');
    expect(turbo.tasks.piiguard).toEqual({
      dependsOn: ['^piiguard'],
      inputs: ['$TURBO_DEFAULT$', '$TURBO_ROOT$/piiguard.config.json', '$TURBO_ROOT$/piiguard-baseline.json'],
      outputs: ['piiguard.sarif', 'piiguard-summary.json'],
    });
    expect(nx.targetDefaults.piiguard).toMatchObject({
      cache: true,
      inputs: expect.arrayContaining(['default', '^default', '{workspaceRoot}/piiguard.config.json']),
      outputs: ['{projectRoot}/piiguard.sarif', '{projectRoot}/piiguard-summary.json'],
    });
  });

  test('the Privacy review section names the three commands', () => {
    const text = section('Privacy review');
    for (const command of ['npx piiguard report', 'npx piiguard init', 'npx piiguard explain <rule>']) expect(text).toContain(command);
  });

  test('the adoption section documents every option of tag and fix', async () => {
    const { OPTIONS } = await import('../../analyzer/cli.js');
    const text = section('Adopting piiguard in an existing code base');
    for (const command of ['piiguard tag', 'piiguard fix'] as const) {
      expect(text).toContain(`**\`${command} [`);
      for (const option of Object.keys(OPTIONS[command]).filter((o) => !['help', 'project', 'config'].includes(o)))
        expect(text, `${command} --${option}`).toContain(`--${option}`);
    }
  });

  test('the In JavaScript subsection: its JSDoc-typed file, linted with its eslint.config.js in a checkJs project, shows the flow; extends would lint nothing', async () => {
    const [app, config] = blocks(subsection('In JavaScript'), 'js');
    // Inside the package, so that `piiguard` and `piiguard/eslint` resolve to the build by self-reference.
    mkdirSync(path.join(root, 'test-artifacts'), { recursive: true });
    const dir = mkdtempSync(path.join(root, 'test-artifacts', 'readme-js-'));
    try {
      mkdirSync(path.join(dir, 'src'));
      const compilerOptions = {
        allowJs: true,
        checkJs: true,
        strict: true,
        module: 'esnext',
        moduleResolution: 'bundler',
        noEmit: true,
        types: [],
      };
      writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src'] }));
      writeFileSync(path.join(dir, 'src/app.js'), app!);
      writeFileSync(path.join(dir, 'eslint.config.mjs'), config!);
      const line = app!.split('\n').findIndex((l) => l.includes('console.log')) + 1;
      const lint = async (configFile: string) => {
        const eslint = new ESLint({ cwd: dir, overrideConfigFile: configFile });
        const [result] = await eslint.lintFiles(['src/app.js']);
        return result!.messages.map((m) => `${m.ruleId ?? 'none'} ${m.line}:${m.column} ${m.message}`);
      };
      expect(await lint('eslint.config.mjs')).toEqual([
        `piiguard/no-unapproved-pii-flow ${line}:25 email reaches console raw; no allow entry approves it (piiguard/unapproved-flow)`,
      ]);
      const extendsForm = config!.replace(
        /defineConfig\([\s\S]*\);/,
        "defineConfig({ files: ['**/*.js'], extends: [piiguard.configs.recommended] });",
      );
      expect(extendsForm).toContain('extends');
      writeFileSync(path.join(dir, 'extends.config.mjs'), extendsForm);
      expect(await lint('extends.config.mjs')).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
