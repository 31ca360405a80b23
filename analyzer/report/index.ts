/**
 * `piiguard report`: the data-flow inventory in three formats, plain functions in a name map
 * like the reporters of `check`.
 */
import { renderHtmlReport } from './html.js';
import type { InventoryReport } from './inventory.js';
import { renderJsonReport } from './json.js';
import type { SourceLink } from './links.js';
import { renderMarkdownReport } from './markdown.js';

export { buildInventory, type InventoryReport, type InventoryRow, type VendorSummary } from './inventory.js';
export { createSourceLink, type SourceLink } from './links.js';

export const reportFormats = {
  html: renderHtmlReport,
  markdown: renderMarkdownReport,
  json: (report: InventoryReport) => renderJsonReport(report),
} satisfies Record<string, (report: InventoryReport, link: SourceLink) => string>;

export type ReportFormat = keyof typeof reportFormats;

export function isReportFormat(name: string): name is ReportFormat {
  return Object.hasOwn(reportFormats, name);
}
