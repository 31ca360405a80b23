import { defineRule } from './define.js';

export default defineRule({
  id: 'piiguard/ambiguous-source',
  severity: 'warning',
  description: 'A source of the config names a type that several packages declare, and no `module` to pick one.',
  scope: 'program',
  editor: { none: 'which packages declare a type name is known from the whole program; the editor sees one file at a time' },
  build: 'ignore',
  message: (d: { key: string; entry: string; modules: string[] }) =>
    `${d.key} (${d.entry}) matches a type of that name in each of ${d.modules.join(', ')}; add "module" to pick one`,
  docs: {
    meaning:
      'A source entry names a type by its name alone, and types of that name with that property are declared in more than one package (or in a package and the project): `User` in `@prisma/client` and in `next-auth`. The entry tags all of them, which may not be what was meant.',
    example: `// piiguard.config.json
{ "sources": [{ "type": "User", "property": "email", "category": "email" }] } // reported: User is declared by @prisma/client and next-auth`,
    fix: 'Add `"module": "<package>"` (the package users import, such as `@prisma/client`) to the entry, or one entry per package when each should be tagged.',
  },
});
