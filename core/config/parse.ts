/**
 * From what a user wrote to the `PiiguardConfig` the engine reads: the schema (shape and
 * defaults), then the rules that span keys, then normalisation (`allow[].index`, no `$schema`).
 * Any problem is a ConfigError listing every issue, one line each, in the order of the file.
 */
import { findContradictions } from './contradictions.js';
import { getSchemaIssues, toConfigError } from './issues.js';
import type { KeyPath } from './key-path.js';
import { configSchema, type ParsedConfig } from './schema.js';
import type { AllowEntry, PiiguardConfig } from './types.js';

export interface ParseConfigOptions {
  /** The config file as named in messages. Default: `piiguard config`. */
  file?: string;
  /** Absolute path of the file, for `ConfigError.file`. Default: `file`. */
  filePath?: string;
  /** Key path of the config inside its file, for messages: `["piiguard"]` in package.json. */
  prefix?: KeyPath;
  /** How the config as a whole is named when it is not an object. Default: `(root)`. */
  root?: string;
}

/** Validates a config object and returns it normalised, with every default applied. */
export function parseConfig(input: unknown, options: ParseConfigOptions = {}): PiiguardConfig {
  const context = { ...options, file: options.file ?? 'piiguard config', input };
  const parsed = configSchema.safeParse(input, { error: (issue) => getFallbackExpectation(issue.code) });
  if (!parsed.success) throw toConfigError(getSchemaIssues(parsed.error.issues, input), context);
  const contradictions = findContradictions(parsed.data);
  if (contradictions.length > 0) throw toConfigError(contradictions, context);
  return normalize(parsed.data);
}

/** The config that applies when there is no config file. */
export function getDefaultConfig(): PiiguardConfig {
  return parseConfig({});
}

/** Every schema names what it expects; this only words an issue that one of them forgot. */
function getFallbackExpectation(code: string | undefined): string {
  return code === 'invalid_type' ? 'a value of another type' : 'a valid value';
}

function normalize(config: ParsedConfig): PiiguardConfig {
  return {
    ...(config.project !== undefined && { project: config.project }),
    ...(config.include !== undefined && { include: config.include }),
    ...(config.exclude !== undefined && { exclude: config.exclude }),
    sources: config.sources.map((source) =>
      'type' in source
        ? {
            type: source.type,
            property: source.property,
            ...(source.module !== undefined && { module: source.module }),
            category: source.category,
          }
        : 'request' in source
          ? { request: source.request, ...(source.property !== undefined && { property: source.property }), category: source.category }
          : { module: source.module, call: source.call, category: source.category },
    ),
    sinks: config.sinks.map((sink) => ({
      id: sink.id,
      module: sink.module,
      call: sink.call,
      ...(sink.event !== undefined && { event: sink.event }),
      ...(sink.payload !== undefined && { payload: sink.payload }),
      ...(sink.purpose !== undefined && { purpose: sink.purpose }),
    })),
    sanitizers: config.sanitizers.map((sanitizer) => ({ module: sanitizer.module, call: sanitizer.call, form: sanitizer.form })),
    categories: Object.fromEntries(Object.entries(config.categories).map(([name, { tier }]) => [name, { tier: tier }])),
    allow: config.allow.map((entry, index): AllowEntry => ({
      category: entry.category,
      form: entry.form,
      sink: entry.sink,
      events: entry.events === '*' ? '*' : [...entry.events],
      reason: entry.reason,
      ...(entry.owner !== undefined && { owner: entry.owner }),
      ...(entry.expires !== undefined && { expires: entry.expires }),
      index,
    })),
    events: Object.fromEntries(Object.entries(config.events).map(([event, plan]) => [event, { properties: { ...plan.properties } }])),
    strictEvents: config.strictEvents,
    transform: config.transform,
    heuristics: config.heuristics,
    heuristicWords: { add: { ...config.heuristicWords.add }, remove: [...config.heuristicWords.remove] },
    pseudonymization: {
      ...(config.pseudonymization.keyEnv !== undefined && { keyEnv: config.pseudonymization.keyEnv }),
      ...(config.pseudonymization.key !== undefined && { key: config.pseudonymization.key }),
      rotation: config.pseudonymization.rotation,
      ...(config.pseudonymization.proxy !== undefined && { proxy: config.pseudonymization.proxy }),
    },
    ...(config.consent && {
      consent: {
        module: config.consent.module,
        call: config.consent.call,
        purposes: Array.isArray(config.consent.purposes)
          ? Object.fromEntries(config.consent.purposes.map((purpose) => [purpose, purpose]))
          : { ...config.consent.purposes },
      },
    }),
    onUnapproved: config.onUnapproved,
  };
}
