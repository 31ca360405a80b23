/**
 * `piiguard init`: writes a starter `piiguard.config.json` and tells what piiguard sees in the
 * project — the telemetry SDKs it depends on, the sink calls, and the untagged values that the
 * heuristics think are personal, with how to tag each. It never overwrites a config.
 */
import {
  BUILTIN_SINK_PACKS,
  CATEGORY_ALIASES,
  CONFIG_FILE_NAMES,
  getFindingSite,
  getTypedPackageName,
  matchesPackage,
  type Finding,
} from '../core/index.js';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AnalyzeResult } from './analyze.js';

export const INIT_CONFIG_FILE = 'piiguard.config.json';
/** Where the schema is when piiguard is installed beside the config; used when it cannot be found. */
export const SCHEMA_REFERENCE = './node_modules/piiguard/schema.json';

/**
 * The `$schema` of a config written in `dir`: the path from there to `node_modules/piiguard/
 * schema.json` in the nearest directory up that has it (a hoisted install in a monorepo gives
 * `../../node_modules/…`). Symlinks are kept, not resolved: with pnpm the real path names a
 * version, which the next upgrade would break.
 */
export function findSchemaReference(dir: string): string {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    const schema = path.join(at, 'node_modules', 'piiguard', 'schema.json');
    if (existsSync(schema)) {
      const relative = path.relative(dir, schema).split(path.sep).join('/');
      return relative.startsWith('.') ? relative : `./${relative}`;
    }
    if (path.dirname(at) === at) return SCHEMA_REFERENCE;
  }
}

/** A config that already applies in `dir` itself (not above it), or undefined. */
export function findConfigInDirectory(dir: string): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    if (existsSync(path.join(dir, name))) return name;
  }
  const manifest = readPackageJson(dir);
  if (manifest && Object.hasOwn(manifest, 'piiguard')) return 'package.json ("piiguard" key)';
  return undefined;
}

/** The starter config: the schema for completion, heuristics on, nothing approved yet. */
export function createStarterConfig(options: { project?: string; schema?: string }): string {
  const config = {
    $schema: options.schema ?? SCHEMA_REFERENCE,
    ...(options.project ? { project: options.project } : {}),
    heuristics: 'warn',
    allow: [],
  };
  return JSON.stringify(config, null, 2) + '\n';
}

export interface InstalledSdk {
  sink: string;
  vendor: string;
  packages: string[];
}

/** The sink packs whose packages the project's package.json names (SPEC §4), in catalog order. */
export function findInstalledSdks(dir: string): InstalledSdk[] {
  const manifest = readPackageJson(dir) ?? {};
  const names = new Set<string>();
  for (const key of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const deps = manifest[key];
    if (deps && typeof deps === 'object') for (const name of Object.keys(deps)) names.add(name);
  }
  // `@types/gtag.js` declares `gtag`; `@types/scope__x` is `@scope/x`. Listed as written.
  const out: InstalledSdk[] = [];
  for (const pack of BUILTIN_SINK_PACKS) {
    // console is a global of every project; its pack names TypeScript's lib and @types/node.
    if (pack.id === 'console') continue;
    const matches = (name: string) => pack.packages.some((p) => matchesPackage(p, name));
    const matched = [...names].filter((name) => matches(name) || matches(getTypedPackageName(name)));
    if (matched.length > 0) out.push({ sink: pack.id, vendor: pack.vendor, packages: [...new Set(matched)].sort() });
  }
  return out;
}

export interface TaggingSuggestion {
  /** Where the personal-looking value is declared or read (the start of its trace). */
  file: string;
  line: number;
  column: number;
  name: string;
  category: string;
  sink: string;
}

/**
 * What the heuristics suggest tagging: one per declared name, from the `untagged-pii` findings and
 * the `secret-flow` findings of credentials found by name.
 */
export function getTaggingSuggestions(findings: readonly Finding[]): TaggingSuggestion[] {
  const out = new Map<string, TaggingSuggestion>();
  for (const finding of findings) {
    if (finding.category === null) continue;
    const foundByName = getFindingSite(finding)?.data.name;
    if (finding.ruleId !== 'piiguard/untagged-pii' && !(finding.ruleId === 'piiguard/secret-flow' && foundByName)) continue;
    const where = finding.trace[0] ?? { ...finding.location, note: '' };
    const name = foundByName ?? where.note;
    const key = `${where.file}:${where.line}:${where.column}|${finding.category}`;
    if (!out.has(key)) {
      out.set(key, {
        file: where.file,
        line: where.line,
        column: where.column,
        name,
        category: finding.category,
        sink: finding.sink ?? 'a sink',
      });
    }
  }
  return [...out.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}

/** The report `init` prints after writing the config. */
export function formatInitSummary(input: { configFile: string; result: AnalyzeResult; sdks: InstalledSdk[] }): string {
  const { result, sdks } = input;
  const lines = [`Wrote ${input.configFile}`, ''];
  if (sdks.length > 0) {
    lines.push('Telemetry SDKs in package.json:');
    for (const sdk of sdks) lines.push(`  ${sdk.sink.padEnd(18)}${sdk.packages.join(', ')}`);
  } else {
    lines.push('No telemetry SDK in package.json (console is always a sink).');
  }
  const seen = [...new Set((result.inventory?.flows ?? []).map((flow) => flow.sink))].sort();
  const calls = Object.entries(result.sinkCalls ?? {});
  lines.push('', `Sink calls in ${plural(result.summary.files, 'file')}:${calls.length === 0 ? ' none' : ''}`);
  for (const [sink, count] of calls) lines.push(`  ${sink.padEnd(18)}${plural(count, 'call')}`);
  lines.push(seen.length > 0 ? `Personal data reaches ${seen.join(', ')}.` : 'No tagged or personal-looking data reaches them.', '');

  const suggestions = getTaggingSuggestions(result.findings);
  if (suggestions.length > 0) {
    lines.push(
      `The heuristics found ${plural(suggestions.length, 'untagged value')} that look${suggestions.length === 1 ? 's' : ''} personal and reach${suggestions.length === 1 ? 'es' : ''} a sink, read here; tag each where its type or variable is declared:`,
    );
    const width = Math.max(...suggestions.map((s) => `${s.file}:${s.line}:${s.column}`.length));
    for (const s of suggestions) {
      const alias = Object.keys(CATEGORY_ALIASES).find((name) => CATEGORY_ALIASES[name] === s.category);
      const how = alias ? `type it ${alias} (from 'piiguard') or add /** @pii ${s.category} */` : `add /** @pii ${s.category} */`;
      lines.push(`  ${`${s.file}:${s.line}:${s.column}`.padEnd(width)}  ${s.name} → ${s.category} (reaches ${s.sink}): ${how}`);
    }
    lines.push(
      '  Names that only look personal need nothing: tagging the real ones and setting "heuristics": "off" silences the rest.',
      '',
    );
  } else {
    lines.push('The heuristics found no untagged, personal-looking value reaching a sink.', '');
  }

  const unapproved = result.findings.filter((f) => f.ruleId !== 'piiguard/untagged-pii');
  if (unapproved.length > 0)
    lines.push(`Tagged data already gives ${plural(unapproved.length, 'finding')}; \`npx piiguard check\` lists them.`);
  lines.push(
    'Next: tag personal data, run `npx piiguard check`, and approve the flows you intend with "allow" entries (`npx piiguard explain unapproved-flow`).',
  );
  return lines.join('\n') + '\n';
}

function readPackageJson(dir: string): Record<string, unknown> | undefined {
  try {
    const data: unknown = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
