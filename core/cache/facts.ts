/**
 * The fact cache: what the analysis asked the checker about one file, as plain data, reused by
 * a later program while the file and everything it depends on are unchanged. Jobs:
 * - hold the answers about one file's nodes while its text is unchanged, each answer with the
 *   files it depended on (recorder.ts) and the hash of their texts: an answer is reused only
 *   while every one of them is unchanged;
 * - turn answers into data on the way in (nodes become `NodeRef`s) and back into the new
 *   program's nodes on the way out; an answer that cannot be found again is a miss, never a guess;
 * - serialize to JSON for `piiguard check --cache`, and read it back ignoring anything foreign.
 * One store serves one config and compiler setup (its `scope`); another scope empties it.
 */
import type * as TS from 'typescript';
import type { TypeScript } from '../typescript.js';
import { createHash } from 'node:crypto';
import { getTextHash } from './scope.js';
import { findNode, toNodeRef, type NodeRef } from './node-ref.js';
import type { Recorder } from './recorder.js';

export const CACHE_FORMAT = 1;

interface FileFacts {
  key: string;
  answers: Map<string, unknown>;
}

export interface FactStoreData {
  format: number;
  scope: string;
  files: Record<string, { key: string; answers: Record<string, unknown> }>;
}

/** Counts of one analysis run against the store (what the benchmark and the tests look at). */
export interface FactStats {
  hits: number;
  misses: number;
  /** Files whose answers were dropped because they (or what they import) changed. */
  invalidated: number;
}

export class FactStore {
  private scope = '';
  private readonly files = new Map<string, FileFacts>();

  /** Empties the store when the scope (config, compiler options, versions, file set) changed. */
  setScope(scope: string): void {
    if (scope === this.scope) return;
    this.scope = scope;
    this.files.clear();
  }

  getScope(): string {
    return this.scope;
  }

  /** The answers of `fileName` under `key`: kept when the key is the same, else a fresh set. */
  getFile(fileName: string, key: string, stats: FactStats): Map<string, unknown> {
    const entry = this.files.get(fileName);
    if (entry && entry.key === key) return entry.answers;
    if (entry) stats.invalidated++;
    const fresh: FileFacts = { key, answers: new Map() };
    this.files.set(fileName, fresh);
    return fresh.answers;
  }

  /** Forgets files that are no longer in the program. */
  retain(fileNames: ReadonlySet<string>): void {
    for (const name of this.files.keys()) if (!fileNames.has(name)) this.files.delete(name);
  }

  get size(): number {
    return this.files.size;
  }

  toJSON(): FactStoreData {
    const files: FactStoreData['files'] = {};
    for (const [name, entry] of this.files) files[name] = { key: entry.key, answers: Object.fromEntries(entry.answers) };
    return { format: CACHE_FORMAT, scope: this.scope, files };
  }

  /** A store from `toJSON()`'s data; anything that is not that shape gives an empty store. */
  static fromJSON(data: unknown): FactStore {
    const store = new FactStore();
    if (!isStoreData(data)) return store;
    store.scope = data.scope;
    for (const [name, entry] of Object.entries(data.files)) {
      if (!entry || typeof entry.key !== 'string' || typeof entry.answers !== 'object' || entry.answers === null) continue;
      store.files.set(name, { key: entry.key, answers: new Map(Object.entries(entry.answers)) });
    }
    return store;
  }
}

function isStoreData(data: unknown): data is FactStoreData {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Partial<FactStoreData>;
  return d.format === CACHE_FORMAT && typeof d.scope === 'string' && typeof d.files === 'object' && d.files !== null;
}

/** Thrown inside a decoder when a stored answer names a node this program does not have. */
export class StaleAnswer extends Error {}

/** One stored answer: its data, the files it depended on, and the hash of their texts then. */
interface StoredAnswer {
  v: unknown;
  d: string[];
  h: string;
}

/** Decoded answers with the SourceFile objects they hold nodes of (never serialized). */
const liveAnswers = new WeakMap<StoredAnswer, { value: unknown; files: TS.SourceFile[] }>();

/**
 * The store seen from one program: answers by file and query, encoded and decoded with that
 * program's nodes. `memo` is the one entry point the analysis uses.
 */
export class ProgramFacts {
  readonly stats: FactStats = { hits: 0, misses: 0, invalidated: 0 };
  private readonly byFile = new Map<TS.SourceFile, Map<string, unknown> | null>();
  private readonly nodes = new Map<string, TS.Node>();
  private readonly depHashes = new Map<string, string | null>();
  private readonly sourceFiles = new Map<string, TS.SourceFile | undefined>();

  constructor(
    private readonly ts: TypeScript,
    private readonly program: TS.Program,
    private readonly store: FactStore,
    private readonly recorder: Recorder,
    /** The files whose answers may be kept. */
    private readonly projectFiles: ReadonlySet<TS.SourceFile>,
  ) {
    // By the names the program holds them by (what every lookup passes); another spelling is normalized below.
    for (const file of program.getSourceFiles()) this.sourceFiles.set(file.fileName, file);
  }

  /**
   * The answer to query `key` about a node of `file`: the stored one when every file it depended
   * on is unchanged and its nodes are found again, else `compute()`'s, stored for the next program.
   */
  memo<T>(file: TS.SourceFile, key: string, compute: () => T, codec: Codec<T>): T {
    const answers = this.getAnswers(file);
    if (!answers) return compute();
    const stored = answers.get(key) as StoredAnswer | undefined;
    // In the same process, an answer whose files are the very SourceFile objects it was computed
    // from (an editor's next program keeps those of unchanged files) is reused as it was decoded.
    const live = stored && liveAnswers.get(stored);
    if (live && live.files.every((f, i) => this.getSourceFile(stored.d[i]) === f)) {
      this.stats.hits++;
      this.recorder.noteAll(stored.d);
      return live.value as T;
    }
    if (stored && this.getDepsHash(stored.d) === stored.h) {
      try {
        const value = codec.decode(stored.v, this);
        this.keepLive(stored, value);
        this.stats.hits++;
        this.recorder.noteAll(stored.d);
        return value;
      } catch (error) {
        if (!(error instanceof StaleAnswer)) throw error;
      }
    }
    if (stored) answers.delete(key);
    this.stats.misses++;
    const [value, recorded] = this.recorder.frame(compute, true);
    const deps = [...new Set([file.fileName, ...(recorded ?? [])])].sort();
    const hash = this.getDepsHash(deps);
    try {
      if (hash !== null) {
        const answer: StoredAnswer = { v: codec.encode(value, this), d: deps, h: hash };
        answers.set(key, answer);
        this.keepLive(answer, value);
      }
    } catch (error) {
      if (!(error instanceof StaleAnswer)) throw error;
    }
    return value;
  }

  /** The store's scope (config, compiler options, versions, file set) this program is analysed in. */
  get scope(): string {
    return this.store.getScope();
  }

  /** The program's file by name, looked up once per name (the program normalizes the path at every call). */
  getSourceFile(fileName: string): TS.SourceFile | undefined {
    const known = this.sourceFiles.get(fileName);
    if (known !== undefined || this.sourceFiles.has(fileName)) return known;
    const file = this.program.getSourceFile(fileName);
    this.sourceFiles.set(fileName, file);
    return file;
  }

  private keepLive(answer: StoredAnswer, value: unknown): void {
    liveAnswers.set(answer, { value, files: answer.d.map((name) => this.getSourceFile(name)!) });
  }

  /** The hash of the current texts of `deps` (null when one is not in the program). */
  private getDepsHash(deps: readonly string[]): string | null {
    const id = deps.join('\0');
    let hash = this.depHashes.get(id);
    if (hash === undefined) {
      const combined = createHash('sha1');
      hash = '';
      for (const name of deps) {
        const file = this.getSourceFile(name);
        if (!file) {
          hash = null;
          break;
        }
        combined.update(getTextHash(file));
      }
      if (hash !== null) hash = combined.digest('hex');
      this.depHashes.set(id, hash);
    }
    return hash;
  }

  private getAnswers(file: TS.SourceFile): Map<string, unknown> | null {
    let answers = this.byFile.get(file);
    if (answers === undefined) {
      answers = this.projectFiles.has(file) ? this.store.getFile(file.fileName, getTextHash(file), this.stats) : null;
      this.byFile.set(file, answers);
    }
    return answers;
  }

  /** A node as data (for encoders); a node without a place in a file cannot be stored. */
  ref(node: TS.Node): NodeRef {
    const ref = toNodeRef(node);
    if (!ref) throw new StaleAnswer();
    return ref;
  }

  /** The node a ref names in this program (for decoders). */
  node<T extends TS.Node = TS.Node>(ref: NodeRef): T {
    const id = ref.join('|');
    let node = this.nodes.get(id);
    if (!node) {
      const file = this.getSourceFile(ref[0]);
      node = file && findNode(this.ts, file, ref[1], ref[2], ref[3]);
      if (!node) throw new StaleAnswer();
      this.nodes.set(id, node);
    }
    return node as T;
  }
}

export interface Codec<T> {
  encode(value: T, facts: ProgramFacts): unknown;
  decode(data: unknown, facts: ProgramFacts): T;
}
