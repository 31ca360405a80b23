import { defineRule } from './define.js';

export default defineRule({
  id: 'piiguard/unknown-category',
  severity: 'error',
  description: 'A `@pii` tag names a category that is neither built in nor declared in the config.',
  scope: 'file',
  editor: 'no-unapproved-pii-flow',
  build: 'ignore',
  message: (d: { tag: string; closest: string | undefined }) =>
    `@pii ${d.tag} names no category piiguard knows; ${d.closest === undefined ? 'use a built-in category or declare it in "categories"' : `did you mean ${d.closest}?`}`,
  docs: {
    meaning:
      'A `@pii <category>` JSDoc tag names a category piiguard does not know: a typo (`e-mail` for `email`) or a category of your own that the config does not declare. Such a tag would silently make a new category that no approval, tier or sanitizer knows, so piiguard does not tag the value and reports the tag instead.',
    example: `export interface User {
  /** @pii e-mail */ // reported: names no category; did you mean email?
  mail: string;
}`,
    fix: 'Name a built-in category (`piiguard explain unapproved-flow` lists the tiers; SPEC §2 the categories), or declare your own in the config: "categories": { "loyalty-id": { "tier": "linkable-identifier" } }.',
  },
});
