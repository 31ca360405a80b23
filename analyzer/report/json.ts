import type { InventoryReport } from './inventory.js';

/** `piiguard report --format json`: the inventory as data, 2-space indent, same code → same bytes. */
export function renderJsonReport(report: InventoryReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
