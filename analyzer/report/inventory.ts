/**
 * The data-flow inventory behind `piiguard report`: every flow of personal data into a sink,
 * grouped per vendor, with the allow entry that approves it (reason, owner, expiry) or the rule
 * it breaks, and where in the code it happens. Built from `analyze()`'s result; the html,
 * markdown and json reports only render it.
 */
import { isExpired, type AllowEntry, type Form, type Purpose, type RuleId, type SourceLocation } from '../../core/index.js';
import type { AnalyzeResult, InventoryFlow } from '../analyze.js';

export type FlowStatus = 'approved' | 'unapproved' | 'untagged';

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
  event: string | null;
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
  events: string[];
  /** Number of calls (code locations) through which personal data reaches the vendor. */
  flows: number;
  /** Of those, tagged flows that no allow entry approves, and untagged (heuristic) ones. */
  unapproved: number;
  untagged: number;
}

export interface InventoryReport {
  tool: { name: string; version: string };
  /** The config the policy came from, relative to the project root; `null` without one. */
  config: string | null;
  /** The day approvals were judged on (ISO date). */
  date: string;
  summary: { vendors: number; categories: number; flows: number; approved: number; unapproved: number; untagged: number };
  vendors: VendorSummary[];
  rows: InventoryRow[];
  /** Every allow entry, and how many flows it approves here. */
  allow: Array<Approval & { category: string; form: Form; sink: string; events: string[] | '*'; approves: number }>;
}

export interface InventoryOptions {
  /** ISO date that expiry is judged on; the same day `analyze()` used. */
  today: string;
}

export function buildInventory(result: AnalyzeResult, options: InventoryOptions): InventoryReport {
  const inventory = result.inventory ?? { flows: [], allow: [], transform: false };
  const rowsByKey = new Map<string, InventoryRow>();
  for (const flow of inventory.flows) {
    const status: FlowStatus = flow.origin === 'heuristic' ? 'untagged' : flow.ruleId ? 'unapproved' : 'approved';
    const approval = findApproval(flow, inventory.allow, options.today);
    const key = [status, flow.sink, flow.category, flow.form, flow.event ?? '', flow.ruleId ?? '', approval?.index ?? ''].join('\u0000');
    let row = rowsByKey.get(key);
    if (!row) {
      row = {
        id: `flow-${hash(key)}`,
        status,
        sink: flow.sink,
        category: flow.category,
        form: flow.form,
        event: flow.event,
        ruleId: flow.ruleId ?? null,
        approval,
        locations: [],
      };
      rowsByKey.set(key, row);
    }
    if (!row.locations.some((l) => compareLocations(l, flow.location) === 0)) row.locations.push(flow.location);
  }
  const rows = [...rowsByKey.values()].sort(compareRows);
  for (const row of rows) row.locations.sort(compareLocations);

  const vendors = [...new Set(rows.map((row) => row.sink))].sort(compareText).map((sink): VendorSummary => {
    const mine = rows.filter((row) => row.sink === sink);
    return {
      sink,
      purpose: inventory.flows.find((flow) => flow.sink === sink)?.purpose ?? null,
      categories: unique(mine.map((row) => row.category)),
      forms: unique(mine.map((row) => row.form)),
      events: unique(mine.flatMap((row) => (row.event === null ? [] : [row.event]))),
      flows: count(mine),
      unapproved: count(mine.filter((row) => row.status === 'unapproved')),
      untagged: count(mine.filter((row) => row.status === 'untagged')),
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
    summary: {
      vendors: vendors.length,
      categories: new Set(rows.map((row) => row.category)).size,
      flows: count(rows),
      approved: count(rows.filter((row) => row.status === 'approved')),
      unapproved: count(rows.filter((row) => row.status === 'unapproved')),
      untagged: count(rows.filter((row) => row.status === 'untagged')),
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

const STATUS_ORDER: Record<FlowStatus, number> = { unapproved: 0, untagged: 1, approved: 2 };

function compareRows(a: InventoryRow, b: InventoryRow): number {
  return (
    compareText(a.sink, b.sink) ||
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    compareText(a.category, b.category) ||
    compareText(a.form, b.form) ||
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
