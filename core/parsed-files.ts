/**
 * Parsed files kept between programs (watch mode, dev server, `check --watch`): a compiler host
 * adapted by `adaptHost` returns the SourceFile parsed before while the file is unchanged on disk,
 * so the next program re-parses only what changed, and the fact cache finds the same objects.
 * Jobs: hold parsed files with their modification times; hold texts handed over that differ from
 * the disk (a bundler's input, an unsaved edit); forget files that changed.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type * as TS from 'typescript';
import type { TypeScript } from './typescript.js';

interface CachedFile {
  file: TS.SourceFile;
  mtimeMs: number;
}

export class ParsedFiles {
  private readonly files = new Map<string, CachedFile>();
  /** Texts handed over that differ from the disk. */
  private readonly overlays = new Map<string, string>();

  constructor(private readonly ts: TypeScript) {}

  /** Forgets project files whose modification time changed; returns whether any did. */
  refresh(): boolean {
    let changed = false;
    for (const [fileName, cached] of this.files) {
      if (fileName.includes('/node_modules/')) continue;
      if (getMtime(fileName) !== cached.mtimeMs) changed = this.forget(fileName) || changed;
    }
    return changed;
  }

  /** Forgets one file (and its overlay); returns whether anything was held for it. */
  forget(fileName: string): boolean {
    const normalized = normalizeFileName(fileName);
    const hadFile = this.files.delete(normalized);
    const hadOverlay = this.overlays.delete(normalized);
    return hadFile || hadOverlay;
  }

  /** The text of `fileName` is `text` from now on, whatever the disk says. */
  setOverlay(fileName: string, text: string): void {
    const normalized = normalizeFileName(fileName);
    this.overlays.set(normalized, text);
    this.files.delete(normalized);
  }

  adaptHost(host: TS.CompilerHost): void {
    const ts = this.ts;
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
      const normalized = normalizeFileName(fileName);
      const overlay = this.overlays.get(normalized);
      if (overlay !== undefined) {
        const cached = this.files.get(normalized);
        if (cached && cached.file.text === overlay) return cached.file;
        const file = ts.createSourceFile(fileName, overlay, languageVersion, false);
        this.files.set(normalized, { file, mtimeMs: getMtime(normalized) });
        return file;
      }
      const cached = this.files.get(normalized);
      if (cached) return cached.file;
      const file = getSourceFile(fileName, languageVersion, onError, shouldCreate);
      // Library files do not change during a session; project files are checked by time.
      if (file) this.files.set(normalized, { file, mtimeMs: getMtime(normalized) });
      return file;
    };
  }
}

/** An absolute path with forward slashes and no query (`/src/a.ts?v=1` from a bundler). */
export function normalizeFileName(fileName: string): string {
  const withoutQuery = fileName.replace(/[?#].*$/, '');
  return path.resolve(withoutQuery).replace(/\\/g, '/');
}

function getMtime(fileName: string): number {
  try {
    return statSync(fileName).mtimeMs;
  } catch {
    return -1;
  }
}
