/**
 * Which files an answer of the analysis depended on: while the fact cache (facts.ts) computes an
 * answer, every checker result (symbols, types, signatures: the files that declare them) and every
 * node the evaluator visits names its file here. The engine's own memos keep the files of each
 * entry, so an answer that reuses an entry depends on what the entry depended on. Without a fact
 * cache nothing is recorded (no frame is open) and the cost is one branch per call.
 */
import type * as TS from 'typescript';

export class Recorder {
  private readonly frames: Array<Set<string>> = [];
  private readonly filesOfSymbol = new WeakMap<TS.Symbol, readonly string[]>();

  get isRecording(): boolean {
    return this.frames.length > 0;
  }

  /**
   * Runs `compute` in a frame of its own: what it depends on is returned, and added to the
   * enclosing frame (a part's dependencies are the whole's). `root` opens the first frame.
   */
  frame<T>(compute: () => T, root = false): [T, ReadonlySet<string> | undefined] {
    if (!root && this.frames.length === 0) return [compute(), undefined];
    const deps = new Set<string>();
    this.frames.push(deps);
    let value: T;
    try {
      value = compute();
    } finally {
      this.frames.pop();
    }
    this.noteAll(deps);
    return [value, deps];
  }

  noteAll(files: Iterable<string> | undefined): void {
    const top = this.frames[this.frames.length - 1];
    if (top && files) for (const file of files) top.add(file);
  }

  noteFile(fileName: string): void {
    const top = this.frames[this.frames.length - 1];
    if (top && !isLibraryPath(fileName)) top.add(fileName);
  }

  noteNode(node: TS.Node): void {
    if (this.frames.length === 0) return;
    const file = node.getSourceFile() as TS.SourceFile | undefined;
    if (file) this.noteFile(file.fileName);
  }

  /** The files that declare what a checker call returned (a symbol, type, signature, or a list of them). */
  noteResult(result: unknown): void {
    if (this.frames.length === 0 || typeof result !== 'object' || result === null) return;
    if (Array.isArray(result)) {
      for (const item of result) this.noteResult(item);
      return;
    }
    const value = result as {
      escapedName?: unknown;
      declaration?: TS.Node;
      parameters?: unknown;
      flags?: unknown;
      symbol?: TS.Symbol;
      aliasSymbol?: TS.Symbol;
      types?: Array<{ symbol?: TS.Symbol }>;
    };
    if (typeof value.escapedName === 'string') {
      this.noteSymbol(value as TS.Symbol);
      return;
    }
    if ('declaration' in value && Array.isArray(value.parameters)) {
      if (value.declaration) this.noteNode(value.declaration);
      return;
    }
    if (typeof value.flags === 'number') {
      if (value.symbol) this.noteSymbol(value.symbol);
      if (value.aliasSymbol) this.noteSymbol(value.aliasSymbol);
      if (Array.isArray(value.types)) for (const member of value.types) if (member.symbol) this.noteSymbol(member.symbol);
    }
  }

  private noteSymbol(symbol: TS.Symbol): void {
    let files = this.filesOfSymbol.get(symbol);
    if (!files) {
      files = [...new Set((symbol.declarations ?? []).map((d) => d.getSourceFile().fileName))].filter((f) => !isLibraryPath(f));
      this.filesOfSymbol.set(symbol, files);
    }
    this.noteAll(files);
  }
}

/** Files outside the project (node_modules, TypeScript's lib) are part of the cache's scope instead. */
function isLibraryPath(fileName: string): boolean {
  return fileName.includes('/node_modules/');
}

/**
 * The checker, with every result noted by the recorder while it records. The copy inherits the
 * checker's methods (they do not use `this`), and overrides each with a noting one.
 */
export function recordingChecker(checker: TS.TypeChecker, recorder: Recorder): TS.TypeChecker {
  const wrapped = Object.create(checker) as Record<string, unknown>;
  for (const [name, method] of Object.entries(checker)) {
    if (typeof method !== 'function') continue;
    const fn = method as (...args: unknown[]) => unknown;
    wrapped[name] = (...args: unknown[]): unknown => {
      const result = fn.apply(checker, args);
      if (recorder.isRecording) recorder.noteResult(result);
      return result;
    };
  }
  return wrapped as unknown as TS.TypeChecker;
}

/** A memo whose entries keep the files they depended on, noted again at each hit. */
export class RecordedMemo<K, V> {
  private readonly values = new Map<K, V>();
  private readonly deps = new Map<K, ReadonlySet<string>>();

  constructor(private readonly recorder: Recorder) {}

  has(key: K): boolean {
    return this.values.has(key);
  }

  get(key: K): V | undefined {
    const value = this.values.get(key);
    if (value !== undefined && this.recorder.isRecording) this.recorder.noteAll(this.deps.get(key));
    return value;
  }

  delete(key: K): void {
    this.values.delete(key);
    this.deps.delete(key);
  }

  set(key: K, value: V, deps?: ReadonlySet<string>): void {
    this.values.set(key, value);
    if (deps) this.deps.set(key, deps);
  }

  /** The value for `key`, computed in a frame of its own on a miss. */
  getOrCompute(key: K, compute: () => V): V {
    if (this.values.has(key)) return this.get(key) as V;
    const [value, deps] = this.recorder.frame(compute);
    this.set(key, value, deps);
    return value;
  }
}
