/**
 * Vitest global setup: the Prisma clients of the fixtures, generated from each fixture's
 * `prisma/schema.prisma` with the real `prisma generate` (the `prisma` and `@prisma/client`
 * dev dependencies), offline and without engines (`--no-engine`, engine paths pointed at an empty
 * file). Each schema's generator writes to `node_modules/.cache/piiguard-prisma/<fixture>/`, which
 * the fixture's tsconfig maps `@prisma/client` to; a client is generated again only when its
 * schema changed (a hash beside it), so a run with the cache warm costs nothing.
 */
import { generatePrismaFixtures } from '../../scripts/generate-prisma-fixtures.mjs';

export default function setup(): void {
  generatePrismaFixtures();
}
