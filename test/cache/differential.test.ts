/**
 * The fact cache against a from-scratch run, over random sequences of edits: a sink call added
 * and removed, a tag added and removed, a wrapper hop added, an export renamed, a function moved
 * between files, the config edited. After every edit, three incremental paths must give exactly
 * what a fresh analysis of the same program gives:
 * - the editor's: the next program keeps the SourceFile objects of unchanged files (as the
 *   language service does) and the ESLint rules' per-program engine (`getFindingsForFile`)
 *   answers each file from the store it keeps across programs;
 * - the watch path's: `analyzeProgram` with one FactStore kept across programs;
 * - the disk cache's: the store written as JSON and read back, with a program of new objects.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { analyzeProgram, BUILTIN_SINK_PACKS, FactStore, getProjectSourceFiles, loadConfigSync, type Finding } from '../../core/index.js';
import { getFindingsForFile } from '../../rules/program-analysis.js';
import { ENCODED_LABEL_KEYS, ENCODED_PARAM_REF_KEYS, ENCODED_TRACE_KEYS } from '../../core/cache/codecs.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TODAY = '2026-12-01';

type Files = Record<string, string>;

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FEATURES = ['src/features/signup.ts', 'src/features/billing.ts', 'src/features/profile.ts'];

function initialFiles(): Files {
  const feature = (name: string) =>
    [
      `import type { User } from '../model';`,
      `import { trackEvent, logInfo, logEmail } from '../analytics';`,
      ``,
      `export function ${name}Opened(user: User): void {`,
      `  trackEvent('${name} Opened', { plan: user.plan });`,
      `}`,
      `// end`,
      ``,
    ].join('\n');
  return {
    'tsconfig.json': JSON.stringify({
      compilerOptions: {
        strict: true,
        module: 'esnext',
        moduleResolution: 'bundler',
        target: 'es2022',
        skipLibCheck: true,
        noEmit: true,
        types: ['node'],
      },
      include: ['src'],
    }),
    'piiguard.config.json': JSON.stringify({ allow: [] }),
    'src/model.ts': [
      `import type { Email, UserId } from 'piiguard';`,
      `export interface User {`,
      `  id: UserId;`,
      `  email: Email;`,
      `  name: string;`,
      `  plan: string;`,
      `}`,
      ``,
    ].join('\n'),
    'src/analytics.ts': [
      `import posthog from 'posthog-js';`,
      ``,
      `function send(event: string, properties: Record<string, unknown>): void {`,
      `  posthog.capture(event, properties);`,
      `}`,
      ``,
      `export function trackEvent(event: string, properties: Record<string, unknown>): void {`,
      `  send(event, properties);`,
      `}`,
      ``,
      `export function logInfo(message: string, data: unknown): void {`,
      `  console.info(message, data);`,
      `}`,
      ``,
      `export function logEmail(email: string): void {`,
      `  console.info('email', email);`,
      `}`,
      `// end`,
      ``,
    ].join('\n'),
    // No edit touches it: a sink call in it that sends tagged data is replayed as the file was.
    'src/audit.ts': [
      `import type { User } from './model';`,
      ``,
      `export function audit(user: User): void {`,
      `  console.warn('audit', user.email, user.plan);`,
      `}`,
      ``,
    ].join('\n'),
    [FEATURES[0]!]: feature('signup'),
    [FEATURES[1]!]: feature('billing'),
    [FEATURES[2]!]: feature('profile'),
  };
}

interface Edit {
  name: string;
  apply(files: Files, random: () => number, n: number): boolean;
}

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;
const insertAtEnd = (text: string, code: string) => text.replace('// end', `${code}\n// end`);

const EDITS: Edit[] = [
  {
    name: 'add a sink call',
    apply(files, random, n) {
      const file = pick(FEATURES, random);
      const property = pick(['email', 'id', 'name', 'plan'], random);
      const choice = random();
      const call =
        choice < 0.4
          ? `trackEvent('Step ${n}', { ${property}: user.${property} })`
          : choice < 0.7
            ? `logInfo('step ${n}', user.${property})`
            : `logEmail(user.${property})`;
      files[file] = insertAtEnd(files[file]!, `export function step${n}(user: User): void {\n  ${call};\n}`);
      return true;
    },
  },
  {
    name: 'remove a sink call',
    apply(files, random) {
      const file = pick(FEATURES, random);
      const match = [...files[file]!.matchAll(/export function step\d+\(user: User\): void \{\n.*\n\}\n/g)];
      if (match.length === 0) return false;
      files[file] = files[file]!.replace(pick(match, random)[0], '');
      return true;
    },
  },
  {
    name: 'tag a field',
    apply(files) {
      if (files['src/model.ts']!.includes('name: PersonName')) return false;
      files['src/model.ts'] = files['src/model.ts']!.replace('name: string', 'name: PersonName').replace(
        'Email, UserId',
        'Email, PersonName, UserId',
      );
      return true;
    },
  },
  {
    name: 'untag a field',
    apply(files) {
      if (!files['src/model.ts']!.includes('email: Email')) return false;
      files['src/model.ts'] = files['src/model.ts']!.replace('email: Email', 'email: string');
      return true;
    },
  },
  {
    name: 'retag a field',
    apply(files) {
      if (files['src/model.ts']!.includes('email: Email')) return false;
      files['src/model.ts'] = files['src/model.ts']!.replace('email: string', 'email: Email');
      return true;
    },
  },
  {
    name: 'add a wrapper hop',
    apply(files, random, n) {
      files['src/analytics.ts'] = insertAtEnd(
        files['src/analytics.ts']!,
        `export function hop${n}(event: string, properties: Record<string, unknown>): void {\n  trackEvent(event, properties);\n}`,
      );
      const file = pick(FEATURES, random);
      files[file] = files[file]!.replace(
        `import { trackEvent, logInfo, logEmail } from '../analytics';`,
        `import { trackEvent, logInfo, logEmail, hop${n} } from '../analytics';`,
      );
      files[file] = insertAtEnd(
        files[file]!,
        `export function viaHop${n}(user: User): void {\n  hop${n}('Hop ${n}', { email: user.email });\n}`,
      );
      return true;
    },
  },
  {
    name: 'rename an export',
    apply(files) {
      const [from, to] = files['src/analytics.ts']!.includes('function trackEvent(')
        ? ['trackEvent', 'recordEvent']
        : ['recordEvent', 'trackEvent'];
      for (const name of Object.keys(files)) if (name.endsWith('.ts')) files[name] = files[name]!.replaceAll(from, to);
      return true;
    },
  },
  {
    name: 'move a function between files',
    apply(files, random) {
      const source = pick(FEATURES, random);
      const target = pick(
        FEATURES.filter((f) => f !== source),
        random,
      );
      const match = [...files[source]!.matchAll(/export function (step|viaHop)\d+\(user: User\): void \{\n.*\n\}\n/g)];
      if (match.length === 0) return false;
      const fn = pick(match, random)[0];
      if (fn.includes('hop') && !fn.includes('trackEvent')) {
        const hop = /hop\d+/.exec(fn)![0];
        if (!files[target]!.includes(hop))
          files[target] = files[target]!.replace(` } from '../analytics';`, `, ${hop} } from '../analytics';`);
      }
      files[source] = files[source]!.replace(fn, '');
      files[target] = insertAtEnd(files[target]!, fn.trimEnd());
      return true;
    },
  },
  {
    name: 'edit the config',
    apply(files, random) {
      const config = JSON.parse(files['piiguard.config.json']!) as { allow: unknown[]; heuristics?: string };
      if (random() < 0.5) {
        config.allow = config.allow.length > 0 ? [] : [{ category: 'email', form: 'raw', sink: 'posthog', events: '*', reason: 'support' }];
      } else {
        config.heuristics = config.heuristics === 'error' ? 'warn' : 'error';
      }
      files['piiguard.config.json'] = JSON.stringify(config);
      return true;
    },
  },
];

/** A compiler host over in-memory texts that keeps the SourceFile of a text it parsed before. */
function createHost(dir: string, files: () => Files, parsed: Map<string, ts.SourceFile>): ts.CompilerHost {
  const host = ts.createCompilerHost({});
  const own = (fileName: string) => {
    const relative = path.relative(dir, fileName).replaceAll('\\', '/');
    return relative.startsWith('..') ? undefined : files()[relative];
  };
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (fileName) => own(fileName) !== undefined || ts.sys.fileExists(fileName);
  host.readFile = (fileName) => own(fileName) ?? ts.sys.readFile(fileName);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const text = own(fileName);
    if (text === undefined) {
      const key = `lib:${fileName}`;
      let file = parsed.get(key);
      if (!file) {
        file = getSourceFile(fileName, languageVersion, onError, shouldCreate);
        if (file) parsed.set(key, file);
      }
      return file;
    }
    const key = `${fileName}\0${text}`;
    let file = parsed.get(key);
    if (!file) parsed.set(key, (file = ts.createSourceFile(fileName, text, languageVersion, true)));
    return file;
  };
  return host;
}

function createProgram(dir: string, files: Files, parsed: Map<string, ts.SourceFile>): ts.Program {
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  const config = ts.parseJsonConfigFileContent(
    JSON.parse(files['tsconfig.json']!),
    ts.sys,
    dir,
    undefined,
    path.join(dir, 'tsconfig.json'),
  );
  return ts.createProgram({ rootNames: config.fileNames, options: config.options, host: createHost(dir, () => files, parsed) });
}

function analyze(dir: string, program: ts.Program, facts?: FactStore) {
  const config = loadConfigSync({ cwd: dir });
  const result = analyzeProgram({
    ts,
    program,
    config,
    packs: BUILTIN_SINK_PACKS,
    files: getProjectSourceFiles(program),
    today: TODAY,
    wholeProgram: true,
    ...(facts ? { facts } : {}),
  });
  const flows = result.flows.map((f) => ({ ...f, call: undefined, sinkCall: undefined, at: f.call.getStart() }));
  return { json: JSON.stringify({ findings: result.findings, summary: result.summary, problems: result.problems, flows }), result };
}

const show = (findings: readonly Finding[]) => findings.map((f) => `${f.location.file}:${f.location.line} ${f.ruleId} ${f.category ?? ''}`);

describe('the fact cache gives what a fresh run gives, after every edit', () => {
  for (const seed of [1, 2, 3]) {
    test(`edit sequence ${seed}`, () => {
      const dir = path.join(ROOT, 'test-artifacts', 'differential', String(seed));
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(path.join(dir, 'src/features'), { recursive: true });
      const random = mulberry32(seed);
      const files = initialFiles();
      const parsed = new Map<string, ts.SourceFile>();
      const watchStore = new FactStore();
      let diskData = JSON.stringify(new FactStore().toJSON());
      const applied: string[] = [];
      let reused = 0;
      for (let step = 0; step <= 12; step++) {
        if (step > 0) {
          let edit = pick(EDITS, random);
          while (!edit.apply(files, random, step)) edit = pick(EDITS, random);
          applied.push(edit.name);
        }
        const program = createProgram(dir, files, parsed);
        const fresh = analyze(dir, program);
        const context = `after: ${applied.join(', ') || '(no edit)'}`;

        const watch = analyze(dir, createProgram(dir, files, parsed), watchStore);
        expect(watch.json, context).toBe(fresh.json);
        reused += watch.result.cacheStats!.hits;

        const disk = FactStore.fromJSON(JSON.parse(diskData));
        // New SourceFile objects for the project's files, as a new process has (libraries shared: they do not change).
        const fromDisk = analyze(dir, createProgram(dir, files, new Map([...parsed].filter(([key]) => key.startsWith('lib:')))), disk);
        expect(fromDisk.json, context).toBe(fresh.json);
        diskData = JSON.stringify(disk.toJSON());

        const editorProgram = createProgram(dir, files, parsed);
        const byFile = new Map<string, Finding[]>();
        for (const f of fresh.result.findings)
          if (f.ruleId !== 'piiguard/unused-approval') byFile.set(f.location.file, [...(byFile.get(f.location.file) ?? []), f]);
        for (const file of getProjectSourceFiles(editorProgram)) {
          const relative = path.relative(dir, file.fileName).replaceAll('\\', '/');
          expect(show(getFindingsForFile(editorProgram, file.fileName, TODAY)), `${context} (${relative})`).toEqual(
            show(byFile.get(relative) ?? []),
          );
        }
      }
      // The cache did its work: most answers came from it.
      expect(reused).toBeGreaterThan(0);
    });
  }
});

describe('the codec of the fact cache', () => {
  test('knows every property of a parameter reference and a label (a new one must be stored too)', () => {
    // Keys of the interfaces, as the compiler sees them: a property added to ParamRef or Label
    // without a line in core/cache/codecs.ts would be lost between programs.
    const program = ts.createProgram([path.join(ROOT, 'core/taint/value.ts')], { noEmit: true, skipLibCheck: true });
    const file = program.getSourceFile(path.join(ROOT, 'core/taint/value.ts'))!;
    const keysOf = (name: string) => {
      const declaration = file.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name)!;
      return declaration.members.map((m) => (m.name as ts.Identifier).text).sort();
    };
    expect(keysOf('ParamRef')).toEqual([...ENCODED_PARAM_REF_KEYS].sort());
    expect(keysOf('Label')).toEqual([...ENCODED_LABEL_KEYS].sort());
    expect(keysOf('TraceRef')).toEqual([...ENCODED_TRACE_KEYS].sort());
  });
});
