// One typed ESLint run over a generated app:
//   node bench/eslint-run.mjs <app dir> with|without [path/to/dist/rules/index.js]
// (the optional plugin path measures another build of piiguard, e.g. an older one).
// Both sides use the same realistic typed setup — typescript-eslint's recommendedTypeChecked over
// the project service, so the type checker is built and used in both — and `with` adds
// piiguard.configs.recommended on top. The difference is what the piiguard rules cost.
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from '@typescript-eslint/eslint-plugin';
import { pathToFileURL } from 'node:url';

const [dir, mode, pluginPath] = process.argv.slice(2);
const { default: piiguard } = await import(pluginPath ? pathToFileURL(path.resolve(pluginPath)).href : '../dist/rules/index.js');
const typed = [
  ...tseslint.configs['flat/recommended-type-checked'],
  { files: ['**/*.ts'], languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: path.resolve(dir) } } },
];
const config = mode === 'with' ? [...typed, ...piiguard.configs.recommended] : typed;
const eslint = new ESLint({ cwd: path.resolve(dir), overrideConfigFile: true, overrideConfig: config });
const results = await eslint.lintFiles(['src/**/*.ts']);
const count = (prefix) => results.reduce((n, r) => n + r.messages.filter((m) => m.ruleId?.startsWith(prefix)).length, 0);
const fatal = results.reduce((n, r) => n + r.messages.filter((m) => m.fatal).length, 0);
process.stdout.write(
  JSON.stringify({
    files: results.length,
    piiguard: count('piiguard/no-unapproved-pii-flow'),
    piiguardAll: count('piiguard/'),
    typescriptEslint: count('@typescript-eslint/'),
    fatal,
  }) + '\n',
);
