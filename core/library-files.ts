/**
 * Parsed library declaration files, shared by every program this process loads.
 *
 * A run over a monorepo loads one program per project, a test run or `--watch` many more, and
 * each would parse `lib.dom.d.ts` and every SDK's types again — most of the time a program takes.
 * TypeScript's own language service shares parsed files between projects in the same way
 * (`ts.DocumentRegistry`): a parsed file holds nothing of the program it came from, and its
 * binding is the same for every program with the same source-file-affecting options, which are
 * part of the key. Only declaration files under `node_modules` and TypeScript's lib files are
 * shared (they do not change under a running tool; an entry is still used only while the text
 * read from disk is the same), never the project's own files.
 */
import type * as TS from 'typescript';
import { isTypeScriptLibFile, type TypeScript } from './typescript.js';

interface Entry {
  text: string;
  file: TS.SourceFile;
}

/** Per TypeScript copy (SyntaxKind numbers differ between copies), per options key, per file. */
const cache = new WeakMap<TypeScript, { registry: TS.DocumentRegistry; byKey: Map<string, Map<string, Entry>> }>();

export function isSharedLibraryFile(fileName: string): boolean {
  return /\.d\.[cm]?ts$/.test(fileName) && (/[\\/]node_modules[\\/]/.test(fileName) || isTypeScriptLibFile(fileName));
}

/** Makes `host` take library declaration files from the process-wide cache. */
export function shareLibraryFiles(ts: TypeScript, host: TS.CompilerHost, options: TS.CompilerOptions): void {
  let perTs = cache.get(ts);
  if (!perTs) {
    perTs = { registry: ts.createDocumentRegistry(), byKey: new Map() };
    cache.set(ts, perTs);
  }
  const { byKey } = perTs;
  const settingsKey = perTs.registry.getKeyForCompilationSettings(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreate) => {
    if (!isSharedLibraryFile(fileName)) return getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreate);
    const text = host.readFile(fileName);
    if (text === undefined) return getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreate);
    const key = `${settingsKey}|${describeSourceFileOptions(languageVersionOrOptions)}`;
    let files = byKey.get(key);
    if (!files) {
      files = new Map();
      byKey.set(key, files);
    }
    const cached = files.get(fileName);
    if (cached && cached.text === text) return cached.file;
    const file = ts.createSourceFile(fileName, text, languageVersionOrOptions, false);
    files.set(fileName, { text, file });
    return file;
  };
}

// The program passes what it parses with: target, module format, how much JSDoc to parse.
function describeSourceFileOptions(options: TS.ScriptTarget | TS.CreateSourceFileOptions): string {
  if (typeof options === 'number') return String(options);
  return `${options.languageVersion}|${options.impliedNodeFormat}|${options.jsDocParsingMode}`;
}
