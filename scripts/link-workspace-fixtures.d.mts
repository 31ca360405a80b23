export function linkWorkspaceFixtures(): void;
