/**
 * The key under which a file's answers are cached: a hash of the scope (piiguard's and
 * TypeScript's versions, the config, the compiler options, the project's file list, every file
 * outside the project and every project file that declares globals) and of the file's own text and
 * the texts of the project files it imports, transitively. What a file's answers can depend on is
 * what its types can depend on: its imports, their imports, and the globals. Cycles of imports
 * share one key (strongly connected components, Tarjan).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type * as TS from 'typescript';
import type { TypeScript } from '../typescript.js';

const textHashes = new WeakMap<TS.SourceFile, string>();

/** The hash of a file's text, once per SourceFile object (an unchanged file keeps its object). */
export function getTextHash(file: TS.SourceFile): string {
  let hash = textHashes.get(file);
  if (hash === undefined) {
    hash = createHash('sha1').update(file.fileName).update('\0').update(file.text).digest('hex');
    textHashes.set(file, hash);
  }
  return hash;
}

interface InternalSourceFile extends TS.SourceFile {
  imports?: readonly TS.StringLiteralLike[];
  moduleAugmentations?: readonly TS.Node[];
  ambientModuleNames?: readonly string[];
}

interface InternalProgram extends TS.Program {
  getResolvedModuleFromModuleSpecifier?(
    specifier: TS.StringLiteralLike,
    file: TS.SourceFile,
  ): { resolvedModule?: { resolvedFileName: string } } | undefined;
}

/** Whether a project file declares something every file can see (a script, `declare global`, `declare module 'x'`). */
function isGlobalFile(ts: TypeScript, file: InternalSourceFile): boolean {
  return !ts.isExternalModule(file) || (file.moduleAugmentations?.length ?? 0) > 0 || (file.ambientModuleNames?.length ?? 0) > 0;
}

/**
 * Keys of the project files, or an empty map when this TypeScript copy does not expose the
 * resolved imports (then nothing is cached: a cache that cannot see dependencies would be wrong).
 */
export function computeFileKeys(
  ts: TypeScript,
  program: TS.Program,
  projectFiles: readonly TS.SourceFile[],
  scopeParts: readonly string[],
): { scope: string; keys: Map<TS.SourceFile, string> } {
  const keys = new Map<TS.SourceFile, string>();
  const resolve = (program as InternalProgram).getResolvedModuleFromModuleSpecifier?.bind(program);
  const projectSet = new Set(projectFiles);
  const scopeHash = createHash('sha1');
  for (const part of scopeParts) scopeHash.update(part).update('\0');
  for (const file of projectFiles) scopeHash.update(file.fileName).update('\0');
  for (const file of program.getSourceFiles()) {
    if (!projectSet.has(file) || isGlobalFile(ts, file)) scopeHash.update(getTextHash(file));
  }
  const scope = scopeHash.digest('hex');
  if (!resolve) return { scope, keys };

  const imports = (file: InternalSourceFile): TS.SourceFile[] => {
    const out: TS.SourceFile[] = [];
    for (const specifier of file.imports ?? []) {
      const target = resolve(specifier, file)?.resolvedModule?.resolvedFileName;
      const targetFile = target !== undefined ? program.getSourceFile(target) : undefined;
      if (targetFile && projectSet.has(targetFile)) out.push(targetFile);
    }
    for (const reference of file.referencedFiles) {
      const targetFile = program.getSourceFile(path.resolve(path.dirname(file.fileName), reference.fileName).replaceAll('\\', '/'));
      if (targetFile && projectSet.has(targetFile)) out.push(targetFile);
    }
    return out;
  };

  // Tarjan's strongly connected components, iteratively (import chains can be thousands long).
  const index = new Map<TS.SourceFile, number>();
  const low = new Map<TS.SourceFile, number>();
  const onStack = new Set<TS.SourceFile>();
  const stack: TS.SourceFile[] = [];
  const componentOf = new Map<TS.SourceFile, string>();
  let counter = 0;
  for (const root of projectFiles) {
    if (index.has(root)) continue;
    const work: Array<{ file: TS.SourceFile; edges: TS.SourceFile[]; next: number }> = [];
    const enter = (file: TS.SourceFile): void => {
      index.set(file, counter);
      low.set(file, counter++);
      stack.push(file);
      onStack.add(file);
      work.push({ file, edges: imports(file), next: 0 });
    };
    enter(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.next < frame.edges.length) {
        const target = frame.edges[frame.next++]!;
        if (!index.has(target)) enter(target);
        else if (onStack.has(target)) low.set(frame.file, Math.min(low.get(frame.file)!, index.get(target)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.file, Math.min(low.get(parent.file)!, low.get(frame.file)!));
      if (low.get(frame.file) !== index.get(frame.file)) continue;
      // A component is complete; every component it imports already has its hash.
      const members: TS.SourceFile[] = [];
      let member: TS.SourceFile;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        members.push(member);
      } while (member !== frame.file);
      const own = members.map(getTextHash).sort();
      const memberSet = new Set(members);
      const below = new Set<string>();
      for (const m of members) for (const target of imports(m)) if (!memberSet.has(target)) below.add(componentOf.get(target)!);
      const hash = createHash('sha1').update(scope);
      for (const h of own) hash.update(h);
      hash.update('|');
      for (const h of [...below].sort()) hash.update(h);
      const key = hash.digest('hex');
      for (const m of members) componentOf.set(m, key);
    }
  }
  for (const file of projectFiles) keys.set(file, componentOf.get(file)!);
  return { scope, keys };
}
