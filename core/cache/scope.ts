/**
 * What the fact cache keys answers by: the hash of each file's text (once per SourceFile object:
 * an unchanged file keeps its object from one program to the next), and the scope.
 */
import { createHash } from 'node:crypto';
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
  moduleAugmentations?: readonly TS.Node[];
  ambientModuleNames?: readonly string[];
}

/** Whether a project file declares something every file can see (a script, `declare global`, `declare module 'x'`). */
function isGlobalFile(ts: TypeScript, file: InternalSourceFile): boolean {
  return !ts.isExternalModule(file) || (file.moduleAugmentations?.length ?? 0) > 0 || (file.ambientModuleNames?.length ?? 0) > 0;
}

/**
 * The scope of a program's answers: what every answer may depend on without the recorder seeing
 * it (versions, config, compiler options, the project's file list, every file outside the project
 * and every project file that declares globals). Another scope empties the fact store.
 */
export function computeScope(
  ts: TypeScript,
  program: TS.Program,
  projectFiles: readonly TS.SourceFile[],
  parts: readonly string[],
): string {
  const projectSet = new Set(projectFiles);
  const files = program.getSourceFiles();
  // An editor's next program: the same parts and files, but for project files (not declaring
  // globals, before and now) whose text changed, which the scope does not hold. The last scope serves.
  const key = parts.join('\0');
  const last = lastScope;
  if (last && last.key === key && last.files.length === files.length && last.projectFiles.length === projectFiles.length) {
    let same = true;
    for (let i = 0; same && i < files.length; i++) {
      const before = last.files[i];
      const now = files[i];
      if (before === now) continue;
      same =
        before.fileName === now.fileName &&
        last.projectSet.has(before) &&
        projectSet.has(now) &&
        !isGlobalFile(ts, before) &&
        !isGlobalFile(ts, now);
    }
    for (let i = 0; same && i < projectFiles.length; i++) same = last.projectFiles[i].fileName === projectFiles[i].fileName;
    if (same) {
      lastScope = { ...last, files: [...files], projectFiles: [...projectFiles], projectSet };
      return last.scope;
    }
  }
  const scope = hashScope(ts, files, projectFiles, projectSet, parts);
  lastScope = { key, files: [...files], projectFiles: [...projectFiles], projectSet, scope };
  return scope;
}

/** The last scope computed (one per process: the editor's programs follow one another). */
let lastScope:
  | {
      key: string;
      files: readonly TS.SourceFile[];
      projectFiles: readonly TS.SourceFile[];
      projectSet: ReadonlySet<TS.SourceFile>;
      scope: string;
    }
  | undefined;

function hashScope(
  ts: TypeScript,
  files: readonly TS.SourceFile[],
  projectFiles: readonly TS.SourceFile[],
  projectSet: ReadonlySet<TS.SourceFile>,
  parts: readonly string[],
): string {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(part).update('\0');
  for (const file of projectFiles) hash.update(file.fileName).update('\0');
  for (const file of files) {
    if (!projectSet.has(file) || isGlobalFile(ts, file)) hash.update(getTextHash(file));
  }
  return hash.digest('hex');
}
