/**
 * `piiguard check --cache`: the fact stores of a run, one file per tsconfig under the cache
 * directory (default `node_modules/.cache/piiguard`), read before the analysis and written after
 * it. A file written by another piiguard version, or that is not a cache at all (truncated,
 * foreign, unreadable), is ignored and rewritten: the cache can make a run faster, never different.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FactStore } from '../core/index.js';

interface CacheFile {
  piiguard: string;
  store: unknown;
}

export class CacheFiles {
  private readonly stores = new Map<string, FactStore>();

  constructor(
    private readonly location: string,
    private readonly version: string,
  ) {}

  /** The store of one tsconfig, read from its file on first use. */
  get(tsconfig: string): FactStore {
    let store = this.stores.get(tsconfig);
    if (!store) {
      store = this.read(tsconfig);
      this.stores.set(tsconfig, store);
    }
    return store;
  }

  /** Writes every store used in this run; a cache that cannot be written is left as it was. */
  save(): void {
    for (const [tsconfig, store] of this.stores) {
      const file = this.getFile(tsconfig);
      const data: CacheFile = { piiguard: this.version, store: store.toJSON() };
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        const temporary = `${file}.${process.pid}.tmp`;
        writeFileSync(temporary, JSON.stringify(data));
        renameSync(temporary, file);
      } catch {
        // A read-only or full disk makes the next run slower, not wrong.
      }
    }
  }

  private read(tsconfig: string): FactStore {
    try {
      const data = JSON.parse(readFileSync(this.getFile(tsconfig), 'utf8')) as Partial<CacheFile>;
      if (data.piiguard === this.version) return FactStore.fromJSON(data.store);
    } catch {
      // Missing, unreadable or not JSON: start empty.
    }
    return new FactStore();
  }

  private getFile(tsconfig: string): string {
    const name = createHash('sha1').update(tsconfig).digest('hex').slice(0, 16);
    return path.join(this.location, `check-${name}.json`);
  }
}
