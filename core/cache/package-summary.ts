/**
 * Package summaries (issue 12, "beyond one machine"): what one package of a monorepo does with
 * the data its functions receive, as plain data that a dependent package's run reads instead of
 * analysing the package's sources again. Jobs:
 * - write a package's summary from its own run: every wrapper edge of a function declared in
 *   the package (which parameter, or part of it, reaches which sink, at which argument, in which
 *   form, with which event name or event-name parameter, through which hops and trace notes),
 *   and its sink calls per file; nodes are named by file (relative to the package, forward
 *   slashes), span and kind, so the bytes are the same on every machine and run;
 * - key it by the package's files (their texts), piiguard's and TypeScript's versions and the
 *   config: a summary whose key does not match what a dependent's run sees now is stale;
 * - read it back into a dependent's program, or say that it cannot be used (stale, corrupt,
 *   foreign, naming a node that is not there): the run then analyses the sources, as without it.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type * as TS from 'typescript';
import type { EventInfo, WrapperEdge } from '../analysis.js';
import type { SinkMatch } from '../catalog.js';
import type { TypeScript } from '../typescript.js';
import { decodeParamRef, encodeParamRef, type NodeNamer, type ParamRefData } from './codecs.js';
import { StaleAnswer } from './facts.js';
import { findNode, type NodeRef } from './node-ref.js';

/** The summary's file name, in the directory of the package's tsconfig (a task output for Nx and Turborepo). */
export const PACKAGE_SUMMARY_FILE = 'piiguard-summary.json';
export const PACKAGE_SUMMARY_FORMAT = 1;

type EventData = Exclude<EventInfo, { kind: 'ref' }> | { kind: 'ref'; ref: ParamRefData };

interface EdgeData {
  ref: ParamRefData;
  sink: SinkMatch;
  event: EventData;
  argIndex: number;
  through: NodeRef;
  throughNote: string;
  sinkCall: NodeRef;
}

export interface PackageSummaryData {
  format: number;
  /** The hash of the package's files, the versions and the config (see `getSummaryKey`). */
  key: string;
  /** The package's own analysed files, relative to the package directory, sorted. */
  files: string[];
  /** Sink ids of each file's sink calls (a dependent's run counts them as its own analysis would). */
  sinks: Record<string, string[]>;
  edges: EdgeData[];
}

/** What a package summary is keyed by, besides its files. */
export interface SummaryScope {
  ts: TypeScript;
  /** piiguard's version. */
  version: string;
  /** The config as the analysis runs with it (JSON), and its directory relative to the package. */
  config: string;
  configDir: string;
}

/** The key of a package's summary: its files' names and texts, the versions and the config. */
export function getSummaryKey(scope: SummaryScope, files: ReadonlyArray<readonly [name: string, text: string]>): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([PACKAGE_SUMMARY_FORMAT, scope.version, scope.ts.version, scope.config, scope.configDir]));
  for (const [name, text] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    hash.update('\0').update(name).update('\0').update(createHash('sha256').update(text).digest('hex'));
  }
  return hash.digest('hex');
}

const toPosix = (p: string) => p.split(path.sep).join('/');

/** Nodes named relative to the package directory; a node that cannot be named or found is stale. */
function createNamer(ts: TypeScript, packageDir: string, getFile: (fileName: string) => TS.SourceFile | undefined): NodeNamer {
  return {
    ref(node: TS.Node): NodeRef {
      const file = node.getSourceFile() as TS.SourceFile | undefined;
      if (!file || node.pos < 0 || node.end < node.pos) throw new StaleAnswer();
      return [toPosix(path.relative(packageDir, file.fileName)), node.pos, node.end, node.kind];
    },
    node<T extends TS.Node = TS.Node>(ref: NodeRef): T {
      const file = getFile(path.resolve(packageDir, ref[0]));
      const node = file && findNode(ts, file, ref[1], ref[2], ref[3]);
      if (!node) throw new StaleAnswer();
      return node as T;
    },
  };
}

/**
 * The summary of one package from its own run: the edges of functions declared in `files` (the
 * package's own analysed files), and their sink calls. Undefined when some edge holds a node
 * that has no place in a file (then no summary is better than a partial one).
 */
export function createPackageSummary(input: {
  scope: SummaryScope;
  packageDir: string;
  files: readonly TS.SourceFile[];
  edges: readonly WrapperEdge[];
  sinkCalls: ReadonlyArray<{ call: TS.Node; sink: string }>;
}): PackageSummaryData | undefined {
  const { scope, packageDir, files } = input;
  const own = new Set(files);
  const namer = createNamer(scope.ts, packageDir, () => undefined);
  const name = (file: TS.SourceFile) => toPosix(path.relative(packageDir, file.fileName));
  const sinks: Record<string, string[]> = {};
  for (const file of [...files].sort((a, b) => (name(a) < name(b) ? -1 : 1))) sinks[name(file)] = [];
  for (const { call, sink } of input.sinkCalls) {
    const file = call.getSourceFile();
    if (own.has(file)) sinks[name(file)].push(sink);
  }
  try {
    const edges: EdgeData[] = input.edges
      .filter((edge) => own.has(edge.ref.fn.getSourceFile()))
      .map((edge) => ({
        ref: encodeParamRef(edge.ref, namer),
        sink: edge.sink,
        event: edge.event.kind === 'ref' ? { kind: 'ref', ref: encodeParamRef(edge.event.ref, namer) } : edge.event,
        argIndex: edge.argIndex,
        through: namer.ref(edge.through),
        throughNote: edge.throughNote,
        sinkCall: namer.ref(edge.sinkCall),
      }));
    return {
      format: PACKAGE_SUMMARY_FORMAT,
      key: getSummaryKey(
        scope,
        files.map((file) => [name(file), file.text]),
      ),
      files: Object.keys(sinks),
      sinks,
      edges,
    };
  } catch (error) {
    if (error instanceof StaleAnswer) return undefined;
    throw error;
  }
}

/** The summary's bytes: the same data gives the same bytes. */
export function serializePackageSummary(summary: PackageSummaryData): string {
  return `${JSON.stringify(summary, null, 1)}\n`;
}

/** A summary read back into a dependent's program. */
export interface SeededPackage {
  /** The package's files in this program: not indexed, their sinks not processed. */
  files: TS.SourceFile[];
  edges: WrapperEdge[];
  /** Sink ids per file of this program (absolute file name), as the package's run counted them. */
  sinks: Map<string, string[]>;
}

/**
 * The summary `text` of the package in `packageDir`, read into `program`, or undefined when it
 * cannot stand for the package's sources there: not a summary of this format, a key that does
 * not match the package's files now (`readFile` reads those the program does not hold), a file
 * of the package in the program that it does not list, or a node it names that is not there.
 */
export function readPackageSummary(input: {
  scope: SummaryScope;
  packageDir: string;
  text: string;
  program: TS.Program;
  /** The program's files under the package directory that the run would analyse. */
  packageFiles: readonly TS.SourceFile[];
  readFile: (fileName: string) => string | undefined;
}): SeededPackage | undefined {
  const { scope, packageDir, program } = input;
  let data: unknown;
  try {
    data = JSON.parse(input.text);
  } catch {
    return undefined;
  }
  if (!isSummaryData(data)) return undefined;
  const texts: Array<[string, string]> = [];
  for (const name of data.files) {
    const fileName = path.resolve(packageDir, name);
    const text = program.getSourceFile(fileName)?.text ?? input.readFile(fileName);
    if (text === undefined) return undefined;
    texts.push([name, text]);
  }
  if (getSummaryKey(scope, texts) !== data.key) return undefined;
  const listed = new Set(data.files.map((name) => path.resolve(packageDir, name)));
  if (input.packageFiles.some((file) => !listed.has(path.resolve(file.fileName)))) return undefined;
  const files = new Map(input.packageFiles.map((file) => [path.resolve(file.fileName), file]));
  const namer = createNamer(scope.ts, packageDir, (fileName) => files.get(fileName) ?? program.getSourceFile(fileName));
  const edges: WrapperEdge[] = [];
  try {
    for (const edge of data.edges) {
      // A function in a file this program does not hold has no caller here.
      if (!files.has(path.resolve(packageDir, edge.ref.fn[0]))) continue;
      edges.push({
        ref: decodeParamRef(edge.ref, namer),
        sink: edge.sink,
        event: edge.event.kind === 'ref' ? { kind: 'ref', ref: decodeParamRef(edge.event.ref, namer) } : edge.event,
        argIndex: edge.argIndex,
        through: namer.node<TS.CallExpression | TS.NewExpression>(edge.through),
        throughNote: edge.throughNote,
        key: '',
        sinkCall: namer.node<TS.CallExpression | TS.NewExpression>(edge.sinkCall),
      });
    }
  } catch {
    // A node that is not there, or data of the wrong shape: the sources are analysed instead.
    return undefined;
  }
  const sinks = new Map<string, string[]>();
  for (const [name, ids] of Object.entries(data.sinks)) {
    const fileName = path.resolve(packageDir, name);
    if (files.has(fileName)) sinks.set(files.get(fileName)!.fileName, ids);
  }
  return { files: [...files.values()], edges, sinks };
}

function isSummaryData(data: unknown): data is PackageSummaryData {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Partial<PackageSummaryData>;
  return (
    d.format === PACKAGE_SUMMARY_FORMAT &&
    typeof d.key === 'string' &&
    Array.isArray(d.files) &&
    d.files.every((f) => typeof f === 'string') &&
    typeof d.sinks === 'object' &&
    d.sinks !== null &&
    Object.values(d.sinks).every((ids) => Array.isArray(ids) && ids.every((id) => typeof id === 'string')) &&
    Array.isArray(d.edges) &&
    d.edges.every((e) => typeof e === 'object' && e !== null && Array.isArray(e.ref?.fn))
  );
}
