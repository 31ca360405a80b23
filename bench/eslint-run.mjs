// One typed ESLint run over a generated app, with piiguard's recommended config or the same
// typed setup without the piiguard rules: node bench/eslint-run.mjs <app dir> with|without
import path from 'node:path';
import { ESLint } from 'eslint';
import parser from '@typescript-eslint/parser';
import piiguard from '../dist/rules/index.js';

const [dir, mode] = process.argv.slice(2);
const base = { files: ['**/*.ts'], languageOptions: { parser, parserOptions: { projectService: true, tsconfigRootDir: path.resolve(dir) } } };
const config = mode === 'with' ? piiguard.configs.recommended : [base];
const eslint = new ESLint({ cwd: path.resolve(dir), overrideConfigFile: true, overrideConfig: config });
const results = await eslint.lintFiles(['src/**/*.ts']);
const count = results.reduce((n, r) => n + r.messages.filter((m) => m.ruleId === 'piiguard/no-unapproved-pii-flow').length, 0);
process.stdout.write(JSON.stringify({ files: results.length, piiguard: count }) + '\n');
