/**
 * Every URL that piiguard emits comes from one place: package.json's `homepage`, the README of
 * this version as unpkg serves it from the registry (`https://unpkg.com/piiguard@0.1.0/README.md`).
 * The docs ship in the package (`files`: README.md, docs/, schema.json), so each link resolves
 * like one of the README's own relative links to a file of the same version: the schema's `$id`,
 * SARIF's `informationUri` and each ESLint rule's `meta.docs.url`. A test checks that every
 * such URL is built here and names a file of the packed tarball.
 */
import { createRequire } from 'node:module';

const { homepage } = createRequire(import.meta.url)('piiguard/package.json') as { homepage: string };

/** package.json's `homepage`: the README of this version. */
export const HOMEPAGE_URL: string = homepage;

/** The URL of a file of the package, from its path in the package: `docs/rules/known-event.md`. */
export function getPackageFileUrl(file: string): string {
  return new URL(file, homepage).href;
}
