// Types of generate-prisma-fixtures.mjs, for the tests' global setup (test/setup/prisma.ts).
export function listPrismaSchemas(): string[];
export function generatePrismaFixtures(): void;
export function generatePrismaClient(schema: string): void;
