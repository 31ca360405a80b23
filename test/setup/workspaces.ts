/**
 * Vitest global setup: the node_modules symlinks of the workspace fixtures (fixtures/workspaces/*),
 * as npm and pnpm workspaces install them (git keeps no node_modules; each fixture lists its links
 * in workspace-links.json).
 */
import { linkWorkspaceFixtures } from '../../scripts/link-workspace-fixtures.mjs';

export default function setup(): void {
  linkWorkspaceFixtures();
}
