// What each front end does in a user's project, from the built package: `check` (and `tag`, the
// control), an ESLint run with the recommended config, and a build through the transformer.
import path from 'node:path';

const [what, dir] = process.argv.slice(2);
if (what === 'check' || what === 'tag') {
  const { runCli } = await import('../../../../dist/analyzer/cli.js');
  const sink = { write: () => true };
  const code = await runCli([what, '-p', path.join(dir, 'tsconfig.json')], {
    stdout: sink,
    stderr: sink,
    cwd: dir,
    env: {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
  });
  process.stdout.write(`exit ${code}\n`);
} else if (what === 'eslint') {
  const { ESLint } = await import('eslint');
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: 'configs/array.mjs' });
  const [result] = await eslint.lintFiles(['src/app.ts']);
  process.stdout.write(`${result.messages.length} messages\n`);
} else if (what === 'build') {
  const ts = (await import('typescript')).default;
  const transformer = (await import('../../../../dist/transformer/index.js')).default;
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(dir, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  const program = ts.createProgram(config.fileNames, { ...config.options, noEmit: false, outDir: path.join(dir, 'out') });
  let files = 0;
  program.emit(undefined, () => files++, undefined, false, { before: [transformer(program)] });
  process.stdout.write(`${files} files\n`);
}
