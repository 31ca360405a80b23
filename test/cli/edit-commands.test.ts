/**
 * `piiguard tag` and `piiguard fix` on copies of fixtures/cli/ projects, with the real engine:
 * each test copies its fixture to a directory of its own, runs the command, and compares every
 * file of the copy with the golden files in fixtures/golden/<fixture>/<case>/files/ (a file not
 * there must be as the fixture has it) and the printed diff with …/<case>/stdout.txt. Then the
 * result must type-check (the compiler's diagnostics for its tsconfig, as `tsc --noEmit`) and
 * `piiguard check` must see it: after `tag --write` the tagged flows are errors, after
 * `fix --write` the fixed ones are gone. `PIIGUARD_UPDATE_GOLDEN=1` rewrites the golden files
 * (review the diff before committing them).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterEach, describe, expect, test } from 'vitest';
import { runCli, type CliDeps } from '../../analyzer/cli.js';
import { generatePrismaClient } from '../../scripts/generate-prisma-fixtures.mjs';
import { makeIo } from './helpers.js';

const repo = path.resolve(import.meta.dirname, '../..');
// Copies sit as deep under the repository as fixtures/cli/<name>, so their relative paths hold.
const scratch = path.join(repo, 'test-artifacts', 'edit');
const golden = path.join(repo, 'fixtures/golden');
const update = process.env.PIIGUARD_UPDATE_GOLDEN === '1';
const TODAY = '2026-12-03';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function copyFixture(name: string): string {
  mkdirSync(scratch, { recursive: true });
  const dir = mkdtempSync(path.join(scratch, `${name}-`));
  cpSync(path.join(repo, 'fixtures/cli', name), dir, { recursive: true });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function cli(dir: string, args: string[], deps: Partial<CliDeps> = {}) {
  const io = makeIo({ cwd: dir });
  const code = await runCli(args, io, { today: TODAY, ...deps });
  return { code, stdout: io.out(), stderr: io.err() };
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((file) => !file.startsWith('.git/'))
    .sort();
}

/** Every file of the copy is the golden one, else the fixture's; the printed output is the golden stdout. */
function expectGolden(dir: string, fixture: string, name: string, stdout?: string): void {
  const source = path.join(repo, 'fixtures/cli', fixture);
  const expected = path.join(golden, fixture, name);
  const files = listFiles(dir);
  if (update) {
    rmSync(expected, { recursive: true, force: true });
    for (const file of files) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      const original = path.join(source, file);
      if (existsSync(original) && readFileSync(original, 'utf8') === text) continue;
      mkdirSync(path.dirname(path.join(expected, 'files', file)), { recursive: true });
      writeFileSync(path.join(expected, 'files', file), text);
    }
    if (stdout !== undefined) {
      mkdirSync(expected, { recursive: true });
      writeFileSync(path.join(expected, 'stdout.txt'), stdout);
    }
  }
  expect(files).toEqual([...new Set([...listFiles(source), ...listFiles(path.join(expected, 'files'))])].sort());
  for (const file of files) {
    const goldenFile = path.join(expected, 'files', file);
    const want = readFileSync(existsSync(goldenFile) ? goldenFile : path.join(source, file), 'utf8');
    expect(readFileSync(path.join(dir, file), 'utf8'), file).toBe(want);
  }
  if (stdout !== undefined) expect(stdout).toBe(readFileSync(path.join(expected, 'stdout.txt'), 'utf8'));
}

/** The copy's files are the fixture's, byte for byte. */
function expectUnchanged(dir: string, fixture: string): void {
  const source = path.join(repo, 'fixtures/cli', fixture);
  expect(listFiles(dir)).toEqual(listFiles(source));
  for (const file of listFiles(source))
    expect(readFileSync(path.join(dir, file), 'utf8'), file).toBe(readFileSync(path.join(source, file), 'utf8'));
}

/** What `tsc --noEmit -p tsconfig.json` reports for the copy. */
function typeErrors(dir: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(dir, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  )!;
  const program = ts.createProgram(config.fileNames, config.options);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${path.relative(dir, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start!).line + 1} ` : '';
    return `${where}TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

/** `piiguard check --format json` on the copy: its exit code and `rule file:line message` per finding. */
async function check(dir: string): Promise<{ code: number; findings: string[] }> {
  const { code, stdout, stderr } = await cli(dir, ['check', '--format', 'json']);
  expect(stderr).toBe('');
  const report = JSON.parse(stdout) as { findings: Array<{ ruleId: string; message: string; location: { file: string; line: number } }> };
  return { code, findings: report.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.line} ${f.message}`) };
}

function git(dir: string, ...args: string[]): void {
  const result = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
}

describe('piiguard fix', () => {
  const fixture = 'fix-unapproved-flows';

  test('prints the diff and what it would change, writes nothing, exits 1', async () => {
    const dir = copyFixture(fixture);
    const { code, stdout, stderr } = await cli(dir, ['fix']);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expectUnchanged(dir, fixture);
    expectGolden(dir, fixture, 'diff', stdout);
  });

  test('--write wraps and drops (imports merged, comments kept); check then sees only the flow no fix changes; a second run changes nothing', async () => {
    const dir = copyFixture(fixture);
    const before = await check(dir);
    expect(before.findings.filter((f) => f.startsWith('piiguard/unapproved-flow'))).toHaveLength(6);

    const { code, stdout, stderr } = await cli(dir, ['fix', '--write']);
    expect(stderr).toBe('');
    // The phone is left: nothing approves it in a form a wrapper gives.
    expect(code).toBe(1);
    expect(stdout).toBe(`src/login.ts
  9:3  truncateIp(user.ip) (ip-address): allow[1] approves generalized
src/signup.ts
  7:3  removed "email" (email): the plan of "Signed Up" does not send it
  7:3  pseudonymize(user.id, 'user-id') (user-id): allow[0] approves pseudonymized
  16:3  pseudonymize(id, 'user-id') (user-id): allow[0] approves pseudonymized
  17:3  pseudonymize(invitedBy?.id, 'user-id') (user-id): allow[0] approves pseudonymized
skipped (1)
  src/signup.ts:18:3  phone to posthog (event "Support Opened"): no allow entry approves a form a runtime wrapper gives; add one (form pseudonymized, say), or approve it as it is with --approve
Wrote 5 fixes in 2 files. Run \`piiguard check\` to see the flows now.
`);
    expectGolden(dir, fixture, 'write');
    expect(typeErrors(dir)).toEqual([]);
    const after = await check(dir);
    expect(after.code).toBe(1);
    expect(after.findings).toEqual([
      'piiguard/unapproved-flow src/signup.ts:18 phone reaches posthog (event "Support Opened") raw; no allow entry approves it',
    ]);

    const again = await cli(dir, ['fix', '--write']);
    expect(again.stdout).toBe(`skipped (1)
  src/signup.ts:18:3  phone to posthog (event "Support Opened"): no allow entry approves a form a runtime wrapper gives; add one (form pseudonymized, say), or approve it as it is with --approve
Nothing changed.
`);
    expect(again.code).toBe(1);
    expectGolden(dir, fixture, 'write');
  });

  test('--approve writes allow entries from --reason, --owner and --expires into the TS config, comments and layout kept; check then passes', async () => {
    const dir = copyFixture(fixture);
    expect((await cli(dir, ['fix', '--write'])).code).toBe(1);
    const approve = ['fix', '--approve', '--write', '--reason', 'support calls back', '--owner', 'support', '--expires', '2027-06-30'];
    const { code, stdout, stderr } = await cli(dir, approve);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(`src/signup.ts
  18:3  approved by allow[2] (phone raw to posthog, event "Support Opened")
Wrote 1 approved flow in 1 file. Run \`piiguard check\` to see the flows now.
`);
    expectGolden(dir, fixture, 'write-approve');
    expect(typeErrors(dir)).toEqual([]);
    expect(await check(dir)).toEqual({ code: 0, findings: [] });
    const again = await cli(dir, approve);
    expect(again).toEqual({ code: 0, stdout: 'Nothing to fix.\n', stderr: '' });
    expectGolden(dir, fixture, 'write-approve');
  });

  test('paths, --sink, --category and --rule select the findings it acts on', async () => {
    const dir = copyFixture(fixture);
    const changed = async (args: string[]) => {
      const { stdout } = await cli(dir, ['fix', ...args]);
      return stdout
        .split('\n')
        .filter((line) => /^\+\+\+ b\//.test(line))
        .map((line) => line.slice('+++ b/'.length));
    };
    expect(await changed(['src/login.ts'])).toEqual(['src/login.ts']);
    expect(await changed(['src'])).toEqual(['src/login.ts', 'src/signup.ts']);
    expect(await changed(['--sink', 'logger'])).toEqual(['src/login.ts']);
    expect(await changed(['--category', 'email'])).toEqual(['src/signup.ts']);
    expect(await changed(['--rule', 'unplanned-property'])).toEqual([]);
    const one = await cli(dir, ['fix', '--category', 'email']);
    expect(one.stdout).toContain('  7:3  removed "email" (email): the plan of "Signed Up" does not send it\n');
    expect(one.stdout).not.toContain('pseudonymize(user.id');
    expect(one.stdout.endsWith('1 fix in 1 file (not written; --write writes them).\n')).toBe(true);
    const approvals = await cli(dir, ['fix', '--approve', '--reason', 'r', '--sink', 'logger']);
    expect(approvals.stdout).toContain("+    { category: 'ip-address', form: 'raw', sink: 'logger', events: '*', reason: 'r' },\n");
    expectUnchanged(dir, fixture);
  });

  test('with "transform": true, an unplanned property (a warning) is removed when --rule unplanned-property asks', async () => {
    const dir = copyFixture(fixture);
    const config = path.join(dir, 'piiguard.config.ts');
    writeFileSync(config, readFileSync(config, 'utf8').replace("  heuristics: 'off',\n", "  heuristics: 'off',\n  transform: true,\n"));
    const { code, stdout } = await cli(dir, ['fix', '--rule', 'unplanned-property', '--write']);
    expect(code).toBe(0);
    expect(stdout).toBe(`src/signup.ts
  7:3  removed "email" (email): the plan of "Signed Up" does not send it
Wrote 1 fix in 1 file. Run \`piiguard check\` to see the flows now.
`);
    expect((await check(dir)).findings.filter((f) => f.includes('unplanned-property'))).toEqual([]);
  });

  test('a value built into a string: the value inside is wrapped, not the whole text; when it cannot be told apart, skipped with why', async () => {
    const dir = copyFixture(fixture);
    const login = path.join(dir, 'src/login.ts');
    const added = [
      '',
      'export function audited(user: User, previous: User) {',
      '  logger.info(`login from ${user.ip}`);',
      "  logger.info('moved ' + user.ip + ' from ' + previous.ip);",
      '}',
      '',
    ].join('\n');
    writeFileSync(login, readFileSync(login, 'utf8') + added);
    const { stdout } = await cli(dir, ['fix', 'src/login.ts']);
    expect(stdout).toContain('+  logger.info(`login from ${truncateIp(user.ip)}`);\n');
    expect(stdout).toContain(
      '  src/login.ts:15:3  ip-address is built into a string here; wrap the value inside it (${truncateIp(…)}), or leave it out\n',
    );
    expect(stdout).not.toContain('truncateIp(`');
    expect(stdout).not.toContain("truncateIp('moved");
  });

  test('refuses to write into a file with uncommitted changes (exit 2, nothing written) unless --force', async () => {
    const dir = copyFixture(fixture);
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'fixture');
    const signup = path.join(dir, 'src/signup.ts');
    const edited = readFileSync(signup, 'utf8').replace('export function viewed', '// work in progress\nexport function viewed');
    writeFileSync(signup, edited);
    const refused = await cli(dir, ['fix', '--write']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('piiguard: not writing: src/signup.ts has uncommitted changes; commit or stash them, or pass --force\n');
    expect(readFileSync(signup, 'utf8')).toBe(edited);
    expect(readFileSync(path.join(dir, 'src/login.ts'), 'utf8')).toBe(
      readFileSync(path.join(repo, 'fixtures/cli', fixture, 'src/login.ts'), 'utf8'),
    );
    // Without --write nothing is at risk: the diff is printed.
    expect((await cli(dir, ['fix'])).code).toBe(1);

    const forced = await cli(dir, ['fix', '--write', '--force']);
    expect(forced.code).toBe(1);
    expect(readFileSync(signup, 'utf8')).toContain('// work in progress\nexport function viewed');
    expect(readFileSync(signup, 'utf8')).toContain("userId: pseudonymize(user.id, 'user-id')");
  });

  test('usage mistakes are exit 2 with a message', async () => {
    const dir = copyFixture(fixture);
    expect(await cli(dir, ['fix', '--approve'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("'--approve' needs '--reason <text>'"),
    });
    expect(await cli(dir, ['fix', '--reason', 'x'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("'--reason', '--owner' and '--expires' go with '--approve'"),
    });
    expect(await cli(dir, ['fix', '--approve', '--reason', 'x', '--expires', 'next year'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("option '--expires' expects a date (YYYY-MM-DD), got 'next year'"),
    });
    expectUnchanged(dir, fixture);
  });
});

describe('piiguard tag', () => {
  test('prints the diff (imports in each file’s quotes and semicolons), writes nothing, exits 1; look-alikes untouched', async () => {
    const fixture = 'tag-untagged-models';
    const dir = copyFixture(fixture);
    const { code, stdout, stderr } = await cli(dir, ['tag']);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expectUnchanged(dir, fixture);
    expectGolden(dir, fixture, 'diff', stdout);
    expect(stdout).not.toContain('lookalikes.ts');
  });

  test('--write brands the project’s own types; check then reports the tagged flows as errors; a second run changes nothing', async () => {
    const fixture = 'tag-untagged-models';
    const dir = copyFixture(fixture);
    const { code, stderr } = await cli(dir, ['tag', '--write']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expectGolden(dir, fixture, 'write');
    expect(typeErrors(dir)).toEqual([]);
    const after = await check(dir);
    expect(after.code).toBe(1);
    expect(after.findings).toEqual([
      'piiguard/unapproved-flow src/signup.ts:9 email reaches posthog (event "Signed Up") raw; no allow entry approves it',
      'piiguard/unapproved-flow src/signup.ts:10 person-name reaches logger raw; no allow entry approves it',
      'piiguard/unapproved-flow src/signup.ts:10 ip-address reaches logger raw; no allow entry approves it',
      'piiguard/unapproved-flow src/signup.ts:11 postal-address reaches logger raw; no allow entry approves it',
      'piiguard/unapproved-flow src/signup.ts:13 postal-code reaches console raw; no allow entry approves it',
      'piiguard/unapproved-flow src/signup.ts:17 payment-card reaches logger raw; no allow entry approves it',
      'piiguard/unapproved-flow src/signup.ts:17 precise-location reaches logger raw; no allow entry approves it',
      'piiguard/unapproved-flow src/signup.ts:18 person-name reaches logger raw; no allow entry approves it',
      'piiguard/unapproved-flow src/signup.ts:18 phone reaches logger raw; no allow entry approves it',
    ]);
    const again = await cli(dir, ['tag', '--write']);
    expect(again).toEqual({
      code: 0,
      stdout: 'Nothing to tag: the heuristics found no untagged value reaching a sink.\n',
      stderr: '',
    });
    expectGolden(dir, fixture, 'write');
  });

  test('JavaScript (allowJs) gets JSDoc @pii tags, never TypeScript syntax; it still type-checks and check reports the flows', async () => {
    mkdirSync(scratch, { recursive: true });
    const dir = mkdtempSync(path.join(scratch, 'tag-javascript-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const compilerOptions = { strict: true, allowJs: true, checkJs: true, module: 'esnext', moduleResolution: 'bundler', noEmit: true };
    writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { ...compilerOptions, types: [] }, include: ['src'] }),
    );
    mkdirSync(path.join(dir, 'src'));
    const source = `/**
 * @param {string} email
 * @param {number} phone
 */
export function signUp(email, phone) {
  console.log(email);
  console.log(String(phone));
}
`;
    writeFileSync(path.join(dir, 'src/signup.js'), source);
    const { code, stdout, stderr } = await cli(dir, ['tag', '--write']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain('src/signup.js\n  5:24  email: @pii email\n  5:31  phone: @pii phone\n');
    expect(readFileSync(path.join(dir, 'src/signup.js'), 'utf8')).toBe(
      source.replace('signUp(email, phone)', 'signUp(/** @pii email */ email, /** @pii phone */ phone)'),
    );
    expect(typeErrors(dir)).toEqual([]);
    expect(await check(dir)).toEqual({
      code: 1,
      findings: [
        'piiguard/unapproved-flow src/signup.js:6 email reaches console raw; no allow entry approves it',
        'piiguard/unapproved-flow src/signup.js:7 phone reaches console raw; no allow entry approves it',
      ],
    });
  });

  test('then fix --approve writes allow entries into the JSON config, its comment kept', async () => {
    const fixture = 'tag-untagged-models';
    const dir = copyFixture(fixture);
    await cli(dir, ['tag', '--write']);
    const { code, stderr } = await cli(dir, [
      'fix',
      '--approve',
      '--write',
      '--reason',
      'adoption: reviewed 2026-12',
      '--owner',
      'privacy',
      '--category',
      'email',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expectGolden(dir, fixture, 'write-then-approve');
    const after = await check(dir);
    expect(after.findings).toHaveLength(8);
    expect(after.findings.some((f) => f.includes('email reaches'))).toBe(false);
  });

  describe('zod schemas, a generated Prisma client, node_modules types and an ambiguous name', () => {
    const fixture = 'tag-schemas-and-clients';

    /** The copy gets a Prisma client of its own (generated from its schema) so tagging the schema cannot touch the fixture's. */
    function copyWithClient(): string {
      const dir = copyFixture(fixture);
      const own = `piiguard-prisma/${path.basename(dir)}/client`;
      for (const file of ['prisma/schema.prisma', 'tsconfig.json']) {
        const at = path.join(dir, file);
        writeFileSync(at, readFileSync(at, 'utf8').replace(`piiguard-prisma/${fixture}/client`, own));
      }
      generatePrismaClient(path.join(dir, 'prisma/schema.prisma'));
      cleanups.push(() => rmSync(path.join(repo, 'node_modules/.cache', path.dirname(own)), { recursive: true, force: true }));
      return dir;
    }

    /** The copy's files with its own client path put back to the fixture's, for the golden comparison. */
    function restoreClientPath(dir: string): void {
      for (const file of ['prisma/schema.prisma', 'tsconfig.json']) {
        const at = path.join(dir, file);
        writeFileSync(
          at,
          readFileSync(at, 'utf8').replace(`piiguard-prisma/${path.basename(dir)}/client`, `piiguard-prisma/${fixture}/client`),
        );
      }
    }

    test('--write with --category: @pii on the zod fields, /// @pii in schema.prisma, a sources entry for express; after prisma generate check reports every one', async () => {
      const dir = copyWithClient();
      const { code, stdout, stderr } = await cli(dir, ['tag', '--write', '--category', 'address=postal-address']);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toBe(`piiguard.config.json
  sources[1] Request.ip (module express-serve-static-core), read at src/server.ts:8:21
prisma/schema.prisma
  16:3  User.email: /// @pii email (run prisma generate for the client to carry it)
  18:3  User.name: /// @pii person-name (run prisma generate for the client to carry it)
src/contacts.ts
  7:3  address: string → PostalAddress
src/signup.ts
  8:3  contactEmail: @pii email
  13:45  phone: @pii phone
Wrote 6 tags in 4 files. Run \`piiguard check\` to see the flows now.
`);
      generatePrismaClient(path.join(dir, 'prisma/schema.prisma'));
      expect(typeErrors(dir)).toEqual([]);
      const after = await check(dir);
      expect(after.code).toBe(1);
      expect(after.findings).toEqual([
        'piiguard/unused-source piiguard.config.json:6 sources[0] (CrmContact.mail) matched nothing: no type or value named CrmContact with a property mail in the program',
        'piiguard/unapproved-flow src/contacts.ts:13 postal-address reaches logger raw; no allow entry approves it',
        'piiguard/unapproved-flow src/server.ts:8 ip-address reaches logger raw; no allow entry approves it',
        'piiguard/unapproved-flow src/signup.ts:18 email reaches logger raw; no allow entry approves it',
        'piiguard/unapproved-flow src/signup.ts:20 phone reaches logger raw; no allow entry approves it',
        'piiguard/unapproved-flow src/users.ts:10 email reaches logger raw; no allow entry approves it',
        'piiguard/unapproved-flow src/users.ts:11 person-name reaches logger raw; no allow entry approves it',
      ]);
      const again = await cli(dir, ['tag', '--write']);
      expect(again.code).toBe(0);
      expect(again.stdout).toBe('Nothing to tag: the heuristics found no untagged value reaching a sink.\n');
      restoreClientPath(dir);
      expectGolden(dir, fixture, 'write');
    });

    test('an ambiguous name is skipped without a terminal, and asked about with one', async () => {
      const dir = copyWithClient();
      const skipped = await cli(dir, ['tag']);
      expect(skipped.code).toBe(1);
      expect(skipped.stdout).toContain(
        'skipped (1)\n  src/contacts.ts:12:26  address: ambiguous: it could be postal-address, email, ip-address; pass --category address=<category>\n',
      );
      expect(skipped.stdout).not.toContain('src/contacts.ts\n');

      const questions: unknown[] = [];
      const asked = await cli(dir, ['tag'], {
        ask: async (question) => {
          questions.push(question);
          return '2';
        },
      });
      expect(questions).toEqual([{ name: 'address', at: 'src/contacts.ts:12:26', choices: ['postal-address', 'email', 'ip-address'] }]);
      expect(asked.stdout).toContain('src/contacts.ts\n  7:3  address: string → Email\n');
      expect(asked.stdout).not.toContain('skipped');

      const wrong = await cli(dir, ['tag', '--category', 'address=postal']);
      expect(wrong).toMatchObject({ code: 2, stderr: "piiguard: --category address=postal: unknown category 'postal'\n" });
    });
  });
});

describe('config entries written into every config form, the rest kept as written', () => {
  const entry = { category: 'email', form: 'raw', sink: 'posthog', events: ['Signed Up'], reason: 'support' };

  async function add(name: string, text: string): Promise<string> {
    const { addConfigEntries } = await import('../../analyzer/config-edits.js');
    const morph = await import('ts-morph');
    mkdirSync(scratch, { recursive: true });
    const dir = mkdtempSync(path.join(scratch, 'config-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(path.join(dir, name), text);
    return addConfigEntries(morph, { configFile: path.join(dir, name), root: dir, key: 'allow', entries: [entry] }).after;
  }

  test('JSON without the key: the list is added one entry a line, in the file’s indentation', async () => {
    expect(await add('piiguard.config.json', '{\n    // ours\n    "heuristics": "warn"\n}\n')).toBe(
      '{\n    // ours\n    "heuristics": "warn",\n    "allow": [\n        { "category": "email", "form": "raw", "sink": "posthog", "events": ["Signed Up"], "reason": "support" }\n    ]\n}\n',
    );
  });

  test('package.json: under "piiguard"', async () => {
    expect(await add('package.json', '{\n  "name": "app",\n  "piiguard": { "allow": [] }\n}\n')).toBe(
      '{\n  "name": "app",\n  "piiguard": { "allow": [\n    { "category": "email", "form": "raw", "sink": "posthog", "events": ["Signed Up"], "reason": "support" }\n  ] }\n}\n',
    );
  });

  test('JSONC with a trailing comma and a comment after the last entry', async () => {
    expect(await add('.piiguardrc.json', '{\n  "allow": [\n    { "category": "user-id", "reason": "x" }, // growth\n  ]\n}\n')).toBe(
      '{\n  "allow": [\n    { "category": "user-id", "reason": "x" }, // growth\n    { "category": "email", "form": "raw", "sink": "posthog", "events": ["Signed Up"], "reason": "support" },\n  ]\n}\n',
    );
  });

  test('ESM config without the key, in its double quotes', async () => {
    expect(await add('piiguard.config.mjs', '// @ts-check\nexport default {\n  heuristics: "warn",\n};\n')).toBe(
      '// @ts-check\nexport default {\n  heuristics: "warn",\n  allow: [{ category: "email", form: "raw", sink: "posthog", events: ["Signed Up"], reason: "support" }],\n};\n',
    );
  });

  test('CommonJS config with the list on one line, through a variable', async () => {
    expect(
      await add('piiguard.config.cjs', "const config = { allow: [{ category: 'user-id', reason: 'x' }] };\nmodule.exports = config;\n"),
    ).toBe(
      "const config = { allow: [{ category: 'user-id', reason: 'x' }, { category: 'email', form: 'raw', sink: 'posthog', events: ['Signed Up'], reason: 'support' }] };\nmodule.exports = config;\n",
    );
  });
});

describe('the pieces tag decides with', () => {
  test('an ambiguous word makes a name ambiguous, unless the whole name says more', async () => {
    const { getAmbiguity } = await import('../../analyzer/tag.js');
    expect(getAmbiguity('address')).toEqual(['postal-address', 'email', 'ip-address']);
    // Found in a real app: a plan's slug, which the heuristics read as an email.
    expect(getAmbiguity('planIdentifier')).toEqual(['email', 'user-id', 'device-id']);
    expect(getAmbiguity('user_address')).toEqual(['postal-address', 'email', 'ip-address']);
    expect(getAmbiguity('billingAddress')).toBeUndefined();
    expect(getAmbiguity('emailAddress')).toBeUndefined();
    expect(getAmbiguity('firstName')).toBeUndefined();
  });

  test('a file without imports gets a new one in the style of its statements', async () => {
    const { getCodeStyle } = await import('../../analyzer/source-edits.js');
    const { Project } = await import('ts-morph');
    const project = new Project({ useInMemoryFileSystem: true });
    const withSemicolons = project.createSourceFile(
      'a.ts',
      'export function f(h: string): string {\n  const ip = h.trim();\n  return ip;\n}\n',
    );
    expect(getCodeStyle(withSemicolons)).toEqual({ quote: "'", semicolon: true });
    const without = project.createSourceFile(
      'b.ts',
      'export function f(h: string): string {\n  const ip = h.trim()\n  return "x" + ip\n}\n',
    );
    expect(getCodeStyle(without)).toEqual({ quote: '"', semicolon: false });
  });

  test('without a config file, the sources go into a new piiguard.config.json, one entry a line', async () => {
    const { addConfigEntries } = await import('../../analyzer/config-edits.js');
    const morph = await import('ts-morph');
    const entries = [
      { type: 'Request', property: 'ip', module: 'express-serve-static-core', category: 'ip-address' },
      { type: 'DefaultUser', property: 'email', module: 'next-auth', category: 'email' },
    ];
    const change = addConfigEntries(morph, { configFile: undefined, root: scratch, key: 'sources', entries });
    expect(change.created).toBe(true);
    expect(change.after).toBe(`{
  "sources": [
    { "type": "Request", "property": "ip", "module": "express-serve-static-core", "category": "ip-address" },
    { "type": "DefaultUser", "property": "email", "module": "next-auth", "category": "email" }
  ]
}
`);
  });

  test('a Prisma schema folder: the file that declares the model is found and tagged', async () => {
    const { addPrismaPiiComments, findPrismaSchema } = await import('../../analyzer/prisma-schema.js');
    mkdirSync(scratch, { recursive: true });
    const root = mkdtempSync(path.join(scratch, 'prisma-'));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    mkdirSync(path.join(root, 'prisma/schema'), { recursive: true });
    writeFileSync(path.join(root, 'prisma/schema/schema.prisma'), 'generator client {\n  provider = "prisma-client-js"\n}\n');
    const user = 'model User {\n  id    String @id\n  email String\n}\n';
    writeFileSync(path.join(root, 'prisma/schema/user.prisma'), user);
    // A client without its index.js (moved, or of another generator): Prisma's default places.
    expect(findPrismaSchema(path.join(root, 'node_modules/.prisma/client'), root, 'User')).toBe(
      path.join(root, 'prisma/schema/user.prisma'),
    );
    expect(findPrismaSchema(path.join(root, 'node_modules/.prisma/client'), root, 'Team')).toBeUndefined();
    expect(addPrismaPiiComments(user, [{ model: 'User', field: 'email', category: 'email' }])).toEqual({
      text: 'model User {\n  id    String @id\n  /// @pii email\n  email String\n}\n',
      lines: [4],
    });
    // Already tagged: left as it is.
    const tagged = 'model User {\n  /// @pii email\n  email String\n}\n';
    expect(addPrismaPiiComments(tagged, [{ model: 'User', field: 'email', category: 'email' }]).text).toBe(tagged);
  });
});
