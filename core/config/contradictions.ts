/**
 * The rules of the config that span several keys (SPEC §5–6): a config that contradicts itself
 * is as much an error as one of the wrong shape. They run on a config that already has the
 * right shape, and report where the user wrote the offending value.
 */
import { BUILTIN_SINK_IDS } from '../sinks/index.js';
import { BUILTIN_CATEGORIES, type Tier } from '../taxonomy.js';
import { findClosestName } from './closest-name.js';
import type { ConfigIssue } from './issues.js';
import type { ParsedConfig } from './schema.js';
import type { CallSpecifier } from './types.js';

export function findContradictions(config: ParsedConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const custom = config.categories as Record<string, { tier: Tier }>;

  // Own keys only: a category named `constructor` is not built in.
  const getTier = (name: string): Tier | undefined =>
    Object.hasOwn(BUILTIN_CATEGORIES, name)
      ? BUILTIN_CATEGORIES[name as keyof typeof BUILTIN_CATEGORIES]
      : Object.hasOwn(custom, name)
        ? custom[name].tier
        : undefined;

  for (const name of Object.keys(custom)) {
    if (Object.hasOwn(BUILTIN_CATEGORIES, name)) {
      issues.push({
        path: ['categories', name],
        expected: 'a name that is not a built-in category (built-in categories cannot be redefined)',
        found: JSON.stringify(name),
      });
    }
  }

  const knownCategories = [...Object.keys(BUILTIN_CATEGORIES), ...Object.keys(custom)];
  /** `prefix` is what comes before the category in the written value: `pseudonymize:` in a plan. */
  const checkCategory = (path: ConfigIssue['path'], name: string, prefix = ''): boolean => {
    if (getTier(name)) return true;
    const closest = findClosestName(name, knownCategories);
    const hint = closest ? ` (did you mean "${prefix}${closest}"?)` : '';
    const what = prefix ? `${prefix}<category> with a category` : 'a category';
    issues.push({ path, expected: `${what} that is built in or declared in "categories"${hint}` });
    return false;
  };

  config.sources.forEach((source, i) => checkCategory(['sources', i, 'category'], source.category));
  for (const [word, category] of Object.entries(config.heuristicWords.add)) checkCategory(['heuristicWords', 'add', word], category);

  const userSinkIds = new Map<string, number>();
  config.sinks.forEach((sink, i) => {
    const path = ['sinks', i, 'id'];
    if (sink.id === '*') {
      issues.push({ path, expected: 'a sink id ("*" stands for every sink in "allow")' });
    } else if (BUILTIN_SINK_IDS.includes(sink.id)) {
      issues.push({ path, expected: `a sink id that is not a built-in one (${BUILTIN_SINK_IDS.join(', ')})` });
    } else {
      // Several calls of one vendor share its id, as in the built-in packs; the same call twice is a
      // slip, however its module path is spelled (`./sdk`, `./lib/../sdk.ts`).
      const key = getCallKey(sink);
      const twin = config.sinks.findIndex((other) => getCallKey(other) === key);
      if (twin < i) {
        const first = config.sinks[twin];
        issues.push({
          path: ['sinks', i],
          expected: `a call not already declared (sinks[${twin}] declares ${first.module} ${first.call})`,
        });
      }
      if (!userSinkIds.has(sink.id)) userSinkIds.set(sink.id, i);
    }
  });

  const sinkIds = [...BUILTIN_SINK_IDS, ...userSinkIds.keys()];
  config.allow.forEach((entry, i) => {
    if (checkCategory(['allow', i, 'category'], entry.category) && getTier(entry.category) === 'secret') {
      issues.push({
        path: ['allow', i, 'category'],
        expected: `a category that can be approved (${entry.category} can never be approved: it is a secret)`,
      });
    }
    if (entry.sink !== '*' && !sinkIds.includes(entry.sink)) {
      const closest = findClosestName(entry.sink, sinkIds);
      const hint = closest ? `did you mean "${closest}"?` : `built in: ${BUILTIN_SINK_IDS.join(', ')}`;
      issues.push({ path: ['allow', i, 'sink'], expected: `"*", a built-in sink id or the id of one of "sinks" (${hint})` });
    }
    if (config.strictEvents && entry.events !== '*') {
      const planned = Object.keys(config.events);
      entry.events.forEach((event, j) => {
        if (Object.hasOwn(config.events, event)) return;
        const closest = findClosestName(event, planned);
        const hint = closest ? ` (did you mean "${closest}"?)` : '';
        issues.push({
          path: ['allow', i, 'events', j],
          expected: `an event of the tracking plan "events", since "strictEvents" is on${hint}`,
        });
      });
    }
  });

  for (const [event, plan] of Object.entries(config.events)) {
    for (const [property, action] of Object.entries(plan.properties)) {
      if (!action.startsWith('pseudonymize:')) continue;
      const path = ['events', event, 'properties', property];
      const name = action.slice('pseudonymize:'.length);
      if (checkCategory(path, name, 'pseudonymize:') && getTier(name) === 'secret') {
        issues.push({ path, expected: `an action for data that may leave the app (${name} can never be sent, in any form)` });
      }
    }
  }

  const { key, keyEnv } = config.pseudonymization;
  if (key !== undefined && keyEnv !== undefined) {
    issues.push({ path: ['pseudonymization'], expected: 'one key source, "keyEnv" or "key"', found: 'both' });
  }
  return issues;
}

/**
 * A call as the program resolves it: a relative module path normalised, without a trailing `/`
 * or a script extension (`./lib/../sdk.ts` and `./sdk` name one file); a package name as written.
 */
function getCallKey({ module, call }: CallSpecifier): string {
  if (!module.startsWith('.')) return `${module}\0${call}`;
  // Segment by segment, not node:path: the config is also read in edge runtimes (piiguard/proxy).
  const segments: string[] = [];
  for (const segment of module.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && segments.length > 0 && segments.at(-1) !== '..') segments.pop();
    else segments.push(segment);
  }
  const normalized = segments.join('/').replace(/\.(d\.)?[cm]?[jt]sx?$/, '');
  return `./${normalized}\0${call}`;
}
