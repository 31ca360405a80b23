/**
 * The config as the engine consumes it, after validation and defaults (SPEC §6). The schema in
 * `schema.ts` is the single source of truth for what users may write; this is its normalised
 * output.
 */
import type { Form, Purpose, Tier } from '../taxonomy.js';

/** Names code the way typescript-eslint's TypeOrValueSpecifier does: a module and an export path. */
export interface CallSpecifier {
  /** A package name (`request-ip`, `@acme/sdk`) or a path relative to the config file (`./src/sdk`). */
  module: string;
  /** The export path: `track`, `default.capture`, `analytics.track`. */
  call: string;
}

export type SourceSpec =
  { type: string; property: string; module?: string; category: string } | (CallSpecifier & { category: string }) | RequestSourceSpec;

/** Request data (`{ request: 'body', property: 'email' }`): a part of an incoming request, or one property of it. */
export interface RequestSourceSpec {
  request: 'body' | 'query' | 'params' | 'headers' | 'cookies';
  /** The property of the part; absent: the whole part (every property reached from it). */
  property?: string;
  category: string;
}

export interface SinkSpec extends CallSpecifier {
  id: string;
  /** Argument index of the event name. */
  event?: number;
  /** Argument indexes that carry data; every argument when absent. */
  payload?: number[];
  /** What the sink sends data for (its calls need consent for it when `consent` lists it). */
  purpose?: Purpose;
}

export interface SanitizerSpec extends CallSpecifier {
  form: Exclude<Form, 'raw'>;
}

export interface AllowEntry {
  category: string;
  form: Form;
  /** A sink id or `*`. */
  sink: string;
  /** Event names or `*`. */
  events: string[] | '*';
  reason: string;
  owner?: string;
  /** ISO date (YYYY-MM-DD); after it the entry no longer approves. */
  expires?: string;
  /** Position in the written `allow` array, for messages (`allow[2]`). */
  index: number;
}

/** `keep`, `drop`, `pseudonymize:<category>`, `generalize:<category>`, `bin:hour|day|week`. */
export type PlanAction = string;

export interface EventPlan {
  properties: Record<string, PlanAction>;
}

export interface PiiguardConfig {
  project?: string;
  include?: string[];
  exclude?: string[];
  sources: SourceSpec[];
  sinks: SinkSpec[];
  sanitizers: SanitizerSpec[];
  categories: Record<string, { tier: Tier }>;
  allow: AllowEntry[];
  events: Record<string, EventPlan>;
  strictEvents: boolean;
  transform: boolean;
  heuristics: 'off' | 'warn' | 'error';
  /** Words added to (word → category) and removed from the name heuristics. */
  heuristicWords: { add: Record<string, string>; remove: string[] };
  pseudonymization?: { key?: string; keyEnv?: string; rotation: 'none' | 'daily' | 'weekly' | 'monthly'; proxy?: string };
  /** How the app knows consent; absent: consent is not checked. */
  consent?: ConsentSpec;
  onUnapproved: 'error' | 'drop' | 'pseudonymize';
}

/** The consent check (`module` + `call`), and the name it is called with for each purpose that needs consent. */
export interface ConsentSpec extends CallSpecifier {
  purposes: Partial<Record<Purpose, string | number>>;
}

export interface LoadedConfig {
  /** Absolute path of the config file; undefined when none was found (defaults apply). */
  file?: string;
  /** Directory that finding paths are relative to. */
  dir: string;
  config: PiiguardConfig;
  /** 1-based line of each written entry by key path (`allow[0]`), where the format allows it. */
  locations: Record<string, { line: number; column: number }>;
}
