/**
 * The data-flow inventory behind `piiguard report`: every flow of personal data into a sink,
 * grouped per vendor, with the allow entry that approves it (reason, owner, expiry) or the rule
 * it breaks, and where in the code it happens. With `"transform": true` it is the inventory of
 * what the build sends: the form each value leaves the app in after the rewrite, the properties
 * the plan drops apart from the flows that leave unapproved, and whether the build that ships
 * ran the plugin (its marker) at which commit. Built from `analyze()`'s result; the html,
 * markdown and json reports only render it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  BUILD_MARKER_PATH,
  getGitCommit,
  isExpired,
  readBuildMarker,
  type AllowEntry,
  type BuildMarker,
  type Form,
  type Purpose,
  type RuleId,
  type SourceLocation,
} from '../../core/index.js';
import type { AnalyzeResult, InventoryFlow } from '../analyze.js';

/** `dropped`: with `"transform": true`, a tagged property the tracking plan removes at run time (`piiguard/unplanned-property`). */
export type FlowStatus = 'approved' | 'unapproved' | 'untagged' | 'dropped';

/** Where a value was tagged. */
export interface ValueSource extends SourceLocation {
  /** `email: Email`, `@pii postal-code` … */
  note: string;
}

/**
 * Whether the build runs the rewrite that `"transform": true` verdicts count on: `marker`, the
 * plugin said so at its last build (core/build-marker.ts); `config`, only the config says so
 * (no build marker), with the build tool the project depends on; `off`, no rewrite.
 */
export type BuildEvidence =
  | { kind: 'marker'; marker: string; bundler: string; version: string; commit: string | null; failed: boolean; rewritten: string[] }
  | { kind: 'config'; marker: string; tool: string | null }
  | { kind: 'off' };

export interface Approval {
  /** Position in the config's `allow` array: `allow[index]`. */
  index: number;
  reason: string;
  owner: string | null;
  expires: string | null;
  /** The entry would approve the flow but its date has passed (the flow is `expired-approval`). */
  expired: boolean;
  /** The entry approves the form the tracking plan produces (`"transform": true`), not the form in the code. */
  afterTransform: boolean;
}

/** One kind of flow (category, form, sink, event, verdict) and every call where it happens. */
export interface InventoryRow {
  /** Stable across runs: built from the row's content. */
  id: string;
  status: FlowStatus;
  sink: string;
  category: string;
  form: Form;
  /** The form it leaves the app in (after the build's rewrite with `"transform": true`), or `dropped`. */
  leaves: Form | 'dropped';
  event: string | null;
  /** Where the values sit in the sink's payload (`email`, `properties.email`), sorted; `""` for a whole argument. */
  properties: string[];
  /** Where each value was tagged, sorted by place. */
  sources: ValueSource[];
  /** The rule it breaks; `null` when approved. */
  ruleId: RuleId | null;
  approval: Approval | null;
  locations: SourceLocation[];
}

export interface VendorSummary {
  sink: string;
  /** What the vendor is sent data for (the sink's `purpose`: analytics, diagnostics, marketing, ai, logging); `null` when a config sink names none. */
  purpose: Purpose | null;
  categories: string[];
  forms: Form[];
  /** The forms the data leaves the app in (after the build's rewrite with `"transform": true`). */
  leaves: Array<Form | 'dropped'>;
  events: string[];
  /** Number of calls (code locations) through which personal data reaches the vendor. */
  flows: number;
  /** Of those, tagged flows that no allow entry approves, untagged (heuristic) ones, and properties the plan drops. */
  unapproved: number;
  untagged: number;
  dropped: number;
}

export interface InventoryReport {
  tool: { name: string; version: string };
  /** The config the policy came from, relative to the project root; `null` without one. */
  config: string | null;
  /** The day approvals were judged on (ISO date). */
  date: string;
  /** The git commit of the code the report is of (`null` outside a git repository). */
  commit: string | null;
  /** Whether what the report says after the rewrite is what the build does. */
  build: BuildEvidence;
  summary: {
    vendors: number;
    categories: number;
    flows: number;
    approved: number;
    unapproved: number;
    untagged: number;
    dropped: number;
  };
  vendors: VendorSummary[];
  rows: InventoryRow[];
  /** Every allow entry, and how many flows it approves here. */
  allow: Array<Approval & { category: string; form: Form; sink: string; events: string[] | '*'; approves: number }>;
}

export interface InventoryOptions {
  /** ISO date that expiry is judged on; the same day `analyze()` used. */
  today: string;
  /** The commit of the code (default: `git rev-parse HEAD` in the project's directory). */
  commit?: string | null;
}

export function buildInventory(result: AnalyzeResult, options: InventoryOptions): InventoryReport {
  const inventory = result.inventory ?? { flows: [], allow: [], transform: false };
  const rowsByKey = new Map<string, InventoryRow>();
  for (const flow of inventory.flows) {
    const status: FlowStatus =
      flow.origin === 'heuristic'
        ? 'untagged'
        : flow.ruleId === 'piiguard/unplanned-property'
          ? 'dropped'
          : flow.ruleId
            ? 'unapproved'
            : 'approved';
    const approval = findApproval(flow, inventory.allow, options.today);
    const key = [status, flow.sink, flow.category, flow.form, flow.leaves, flow.event ?? '', flow.ruleId ?? '', approval?.index ?? ''].join(
      '\u0000',
    );
    let row = rowsByKey.get(key);
    if (!row) {
      row = {
        id: `flow-${hash(key)}`,
        status,
        sink: flow.sink,
        category: flow.category,
        form: flow.form,
        leaves: flow.leaves,
        event: flow.event,
        properties: [],
        sources: [],
        ruleId: flow.ruleId ?? null,
        approval,
        locations: [],
      };
      rowsByKey.set(key, row);
    }
    if (!row.locations.some((l) => compareLocations(l, flow.location) === 0)) row.locations.push(flow.location);
    if (!row.properties.includes(flow.property)) row.properties.push(flow.property);
    const source = flow.source;
    if (source && !row.sources.some((s) => compareLocations(s, source) === 0 && s.note === source.note)) row.sources.push(source);
  }
  const rows = [...rowsByKey.values()].sort(compareRows);
  for (const row of rows) {
    row.locations.sort(compareLocations);
    row.properties.sort(compareText);
    row.sources.sort((a, b) => compareLocations(a, b) || compareText(a.note, b.note));
  }

  const vendors = [...new Set(rows.map((row) => row.sink))].sort(compareText).map((sink): VendorSummary => {
    const mine = rows.filter((row) => row.sink === sink);
    return {
      sink,
      purpose: inventory.flows.find((flow) => flow.sink === sink)?.purpose ?? null,
      categories: unique(mine.map((row) => row.category)),
      forms: unique(mine.map((row) => row.form)),
      leaves: unique(mine.map((row) => row.leaves)),
      events: unique(mine.flatMap((row) => (row.event === null ? [] : [row.event]))),
      flows: count(mine),
      unapproved: count(mine.filter((row) => row.status === 'unapproved')),
      untagged: count(mine.filter((row) => row.status === 'untagged')),
      dropped: count(mine.filter((row) => row.status === 'dropped')),
    };
  });

  const allow = inventory.allow.map((entry) => ({
    ...toApproval(entry, options.today, false),
    category: entry.category,
    form: entry.form,
    sink: entry.sink,
    events: entry.events,
    approves: count(rows.filter((row) => row.status === 'approved' && row.approval?.index === entry.index)),
  }));

  return {
    tool: { name: result.tool.name, version: result.tool.version },
    config: inventory.configFile ?? null,
    date: options.today,
    commit: options.commit !== undefined ? options.commit : getGitCommit(result.root),
    build: getBuildEvidence(result.root, inventory.transform),
    summary: {
      vendors: vendors.length,
      categories: new Set(rows.map((row) => row.category)).size,
      flows: count(rows),
      approved: count(rows.filter((row) => row.status === 'approved')),
      unapproved: count(rows.filter((row) => row.status === 'unapproved')),
      untagged: count(rows.filter((row) => row.status === 'untagged')),
      dropped: count(rows.filter((row) => row.status === 'dropped')),
    },
    vendors,
    rows,
    allow,
  };
}

/**
 * The entry that approves a flow, or for an expired-approval the entry that did: the one the
 * policy judged it by. With `"transform": true` the policy judged the form the rewrite produces,
 * which may not be the form in the code.
 */
function findApproval(flow: InventoryFlow, allow: readonly AllowEntry[], today: string): Approval | null {
  if (flow.approval === undefined) return null;
  const entry = allow.find((candidate) => candidate.index === flow.approval);
  return entry ? toApproval(entry, today, entry.form !== flow.form) : null;
}

function toApproval(entry: AllowEntry, today: string, afterTransform: boolean): Approval {
  return {
    index: entry.index,
    reason: entry.reason,
    owner: entry.owner ?? null,
    expires: entry.expires ?? null,
    expired: isExpired(entry, today),
    afterTransform,
  };
}

/** Flows are counted by call: one row with three locations is three flows. */
function count(rows: readonly InventoryRow[]): number {
  return rows.reduce((sum, row) => sum + row.locations.length, 0);
}

const STATUS_ORDER: Record<FlowStatus, number> = { unapproved: 0, untagged: 1, dropped: 2, approved: 3 };

/** The build marker beside the config, or the config's word and the build tool the project depends on. */
function getBuildEvidence(root: string, transform: boolean): BuildEvidence {
  if (!transform) return { kind: 'off' };
  const marker: BuildMarker | undefined = readBuildMarker(root);
  if (marker)
    return {
      kind: 'marker',
      marker: BUILD_MARKER_PATH,
      bundler: marker.bundler,
      version: marker.version,
      commit: marker.commit,
      failed: marker.failed,
      rewritten: marker.rewritten,
    };
  return { kind: 'config', marker: BUILD_MARKER_PATH, tool: findBuildTool(root) };
}

/** The bundlers piiguard has a plugin for, and ts-patch, in the order a project that has several most likely builds with. */
const BUILD_TOOLS = ['vite', 'webpack', 'rollup', 'esbuild', 'ts-patch'];

/** The build tool the package.json beside the config depends on, if any. */
function findBuildTool(root: string): string | null {
  let manifest: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  try {
    manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as typeof manifest;
  } catch {
    return null;
  }
  const deps = { ...manifest.dependencies, ...manifest.devDependencies };
  return BUILD_TOOLS.find((tool) => Object.hasOwn(deps, tool)) ?? null;
}

function compareRows(a: InventoryRow, b: InventoryRow): number {
  return (
    compareText(a.sink, b.sink) ||
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    compareText(a.category, b.category) ||
    compareText(a.form, b.form) ||
    compareText(a.leaves, b.leaves) ||
    compareText(a.event ?? '', b.event ?? '') ||
    compareText(a.ruleId ?? '', b.ruleId ?? '') ||
    compareText(a.id, b.id)
  );
}

export function compareLocations(a: SourceLocation, b: SourceLocation): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function unique<T extends string>(values: T[]): T[] {
  return [...new Set(values)].sort(compareText);
}

/** FNV-1a, 32 bits, hex: a short id that only depends on the text. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
