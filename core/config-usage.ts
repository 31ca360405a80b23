/**
 * Config entries that matched nothing (SPEC §12: `unused-source`, `unused-sink`) and type sources
 * whose bare name several packages declare (`ambiguous-source`). Judged by resolving each entry in
 * the program, not by the flows found, so an entry for data that reaches no sink is not unused.
 */
import type * as TS from 'typescript';
import type { TypeScript } from './typescript.js';
import type { PiiguardConfig } from './config/types.js';
import { lastSegment, type Catalog } from './catalog.js';
import type { TypeSourceFinder } from './sources.js';
import type { RequestSources } from './request-sources.js';
import { RULES, type RuleId } from './rules/index.js';

export interface ConfigEntryFinding {
  ruleId: Extract<RuleId, 'piiguard/unused-source' | 'piiguard/unused-sink' | 'piiguard/ambiguous-source'>;
  /** The entry's key path in the config (`sources[2]`), where the finding is located. */
  key: string;
  message: string;
  category: string | null;
  sink: string | null;
}

export function findConfigEntryFindings(input: {
  ts: TypeScript;
  config: PiiguardConfig;
  catalog: Catalog;
  finder: TypeSourceFinder;
  requests: RequestSources;
  files: readonly TS.SourceFile[];
}): ConfigEntryFinding[] {
  const { ts, config, catalog, finder, files } = input;
  const out: ConfigEntryFinding[] = [];
  // Request sources: used when some request of the program reads their part.
  for (const { spec, index } of input.requests.isEnabled ? input.requests.findUnusedEntries(files) : []) {
    const key = `sources[${index}]`;
    const entry = `request ${spec.request}${spec.property !== undefined ? '.' + spec.property : ''}`;
    out.push({
      ruleId: 'piiguard/unused-source',
      key,
      message: RULES['piiguard/unused-source'].message({
        key,
        entry,
        reason: `no request of the program reads its ${spec.request} (NestJS, express, Fastify, Next.js and Web requests are known)`,
      }),
      category: spec.category,
      sink: null,
    });
  }
  for (const match of finder.getTypeSourceMatches()) {
    const key = `sources[${match.index}]`;
    const entry = `${match.spec.type}.${match.spec.property}${match.spec.module ? ` from ${match.spec.module}` : ''}`;
    if (match.modules.length === 0) {
      const reason = match.spec.module
        ? `${match.spec.module} exports no type or value ${match.spec.type} with a property ${match.spec.property}`
        : `no type or value named ${match.spec.type} with a property ${match.spec.property} in the program`;
      out.push({
        ruleId: 'piiguard/unused-source',
        key,
        message: RULES['piiguard/unused-source'].message({ key, entry, reason }),
        category: match.spec.category,
        sink: null,
      });
    } else if (!match.spec.module && match.modules.length > 1) {
      out.push({
        ruleId: 'piiguard/ambiguous-source',
        key,
        message: RULES['piiguard/ambiguous-source'].message({ key, entry, modules: match.modules }),
        category: match.spec.category,
        sink: null,
      });
    }
  }

  // Call sources and sinks: used when some call of the project is the function they name.
  const callEntries: Array<{ key: string; spec: { module: string; call: string }; label: string; kind: 'source' | 'sink'; used: boolean }> =
    [];
  config.sources.forEach((spec, index) => {
    if ('call' in spec) callEntries.push({ key: `sources[${index}]`, spec, label: spec.category, kind: 'source', used: false });
  });
  config.sinks.forEach((spec, index) => callEntries.push({ key: `sinks[${index}]`, spec, label: spec.id, kind: 'sink', used: false }));
  if (callEntries.length > 0) {
    const names = new Set(callEntries.map((e) => lastSegment(e.spec.call)));
    const visit = (node: TS.Node): void => {
      if (ts.isCallExpression(node)) {
        for (const entry of callEntries) if (!entry.used && catalog.isCallOf(node, entry.spec)) entry.used = true;
      }
      if (callEntries.some((e) => !e.used)) ts.forEachChild(node, visit);
    };
    for (const file of files) {
      if (![...names].some((n) => file.text.includes(n))) continue;
      visit(file);
      if (callEntries.every((e) => e.used)) break;
    }
    for (const entry of callEntries) {
      if (entry.used) continue;
      const described = `${entry.spec.module} ${entry.spec.call}`;
      if (entry.kind === 'source') {
        const category = entry.label;
        out.push({
          ruleId: 'piiguard/unused-source',
          key: entry.key,
          message: RULES['piiguard/unused-source'].message({ key: entry.key, entry: described, reason: 'no call of the project calls it' }),
          category,
          sink: null,
        });
      } else {
        const id = entry.label;
        out.push({
          ruleId: 'piiguard/unused-sink',
          key: entry.key,
          message: RULES['piiguard/unused-sink'].message({ key: entry.key, entry: `${id}: ${described}` }),
          category: null,
          sink: id,
        });
      }
    }
  }
  return out;
}
