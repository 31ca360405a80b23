// Per-edit lint of one open file, as an editor runs ESLint:
//   node bench/eslint-edit.mjs <app dir> with|without <file> <edits>
// One ESLint instance (typescript-eslint's project service, recommendedTypeChecked; `with` adds
// piiguard.configs.recommended) lints the file's text once (the first lint: the program, the
// checker and piiguard's whole-program analysis are built), then after each edit (a new
// statement typed at the end of a function, then a changed string) lints the edited text again,
// as the editor does after a keystroke. Prints the first lint and every re-lint in ms, and the
// piiguard messages of the last lint (the same with and without edits, which keep the flows).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from '@typescript-eslint/eslint-plugin';
import { editText } from './dev-run.mjs';

const [dir, mode, file, editsArg] = process.argv.slice(2);
const edits = Number(editsArg ?? 10);
const { default: piiguard } = await import('../dist/rules/index.js');
const root = path.resolve(dir);
const typed = [
  ...tseslint.configs['flat/recommended-type-checked'],
  { files: ['**/*.ts'], languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } } },
];
const config = mode === 'with' ? [...typed, ...piiguard.configs.recommended] : typed;
const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config });
const filePath = path.join(root, file);
const original = readFileSync(filePath, 'utf8');

const lint = async (text) => {
  const start = performance.now();
  const [result] = await eslint.lintText(text, { filePath });
  return { ms: performance.now() - start, messages: result.messages };
};

const first = await lint(original);
const relints = [];
let last = first;
for (let i = 1; i <= edits; i++) {
  // Typing in a function body: a statement appears, then its text changes.
  const text = editText(original, i);
  last = await lint(text);
  relints.push(last.ms);
}
/** The piiguard reports of a lint, as `line:rule`. */
const piiguardReports = (messages) => messages.filter((m) => m.ruleId?.startsWith('piiguard/')).map((m) => `${m.line}:${m.ruleId}`);
const piiguardMessages = piiguardReports(last.messages);
const firstMessages = piiguardReports(first.messages);
process.stdout.write(JSON.stringify({ first: first.ms, relints, firstMessages, piiguard: piiguardMessages }) + '\n');
