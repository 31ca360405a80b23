/**
 * The config's `project` key (issue 17): a tsconfig path it names that does not exist is an error
 * at that key — the config file and `project` (or `piiguard.project` in package.json) — since
 * that is where the user wrote it; `-p` and the tsconfig.json found from the directory keep
 * their own messages. Each is run through the CLI on a small project written here.
 */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCliInProcess, useScratchProjects } from './helpers.js';

const project = useScratchProjects('config-project');

const TSCONFIG = JSON.stringify({
  compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler', target: 'es2022', skipLibCheck: true, types: [] },
  include: ['../src'],
});
const APP = `import type { Email } from 'piiguard';
export function signUp(email: Email) {
  console.info(email);
}
`;

/** `check` in `cwd` ends with exit 2 and the one line of the project key's error: `where` is the key, `got` what it holds. */
async function expectProjectKeyError(cwd: string, where: string, got: string): Promise<void> {
  expect(await runCliInProcess(['check'], cwd)).toEqual({
    code: 2,
    stdout: '',
    stderr: `piiguard: ${where} — expected the path of a tsconfig that exists, relative to the config file, got ${got}\n`,
  });
}

describe("the config's project key", () => {
  test('a file that does not exist: exit 2, naming the config file and the key', async () => {
    const dir = project('missing-file', {
      'piiguard.config.json': JSON.stringify({ project: './config/tsconfig.app.json' }),
      'config/tsconfig.json': TSCONFIG,
      'src/app.ts': APP,
    });
    await expectProjectKeyError(dir, 'piiguard.config.json: project', '"./config/tsconfig.app.json"');
  });

  test('a directory without a tsconfig.json: said so', async () => {
    const dir = project('directory-without-tsconfig', {
      'piiguard.config.json': JSON.stringify({ project: 'src' }),
      'src/app.ts': APP,
    });
    await expectProjectKeyError(dir, 'piiguard.config.json: project', '"src", a directory with no tsconfig.json');
  });

  test('in package.json, the key path is piiguard.project; the file is named from the directory checked', async () => {
    const dir = project('package-json', {
      'package.json': JSON.stringify({ name: 'app', piiguard: { project: 'tsconfig.app.json' } }),
      'src/app.ts': APP,
    });
    await expectProjectKeyError(path.join(dir, 'src'), '../package.json: piiguard.project', '"tsconfig.app.json"');
  });

  test('a directory with a tsconfig.json is that tsconfig, relative to the config file', async () => {
    const dir = project('directory', {
      'piiguard.config.json': JSON.stringify({ project: 'config' }),
      'config/tsconfig.json': TSCONFIG,
      'src/app.ts': APP,
    });
    const { code, stderr } = await runCliInProcess(['check', '--format', 'json'], path.join(dir, 'src'));
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' });
  });
});
