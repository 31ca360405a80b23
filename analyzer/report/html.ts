import type { Approval, BuildEvidence, FlowStatus, InventoryReport, InventoryRow } from './inventory.js';
import type { SourceLink } from './links.js';

/**
 * `piiguard report --format html`: one self-contained page for a privacy review. Styles, script
 * and the diagram are inline and a Content-Security-Policy forbids every fetch, so the page works
 * from a file, an e-mail attachment or a CI artifact and never calls anywhere.
 *
 * - a diagram (inline SVG) of categories → forms → vendors, each band as wide as the number of
 *   calls it stands for, red where some of them are unapproved; every node and band links to the
 *   table filtered to its flows;
 * - a table of flows, one row per category, form, vendor, event and verdict, with the approving
 *   allow entry (reason, owner, expiry) or the rule broken, and links to each code location;
 *   filtered by free text and by `key:value` terms (`category:email form:raw`);
 * - the allow entries and how many flows each approves.
 */
export function renderHtmlReport(report: InventoryReport, link: SourceLink): string {
  const { summary } = report;
  const transform = report.build.kind !== 'off';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${esc(`${report.tool.name} ${report.tool.version}`)}">
<title>piiguard: data-flow inventory</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Personal data in telemetry</h1>
<p class="sub">Data-flow inventory by ${esc(report.tool.name)} ${esc(report.tool.version)}, ${esc(report.date)}, ${report.config ? `policy <code>${esc(report.config)}</code>` : 'no config: nothing is approved'}.</p>
<p class="sub" id="commit">${report.commit ? `Code at commit <code>${esc(report.commit)}</code>.` : 'Not in a git repository: the report names no commit.'}</p>
<p class="sub" id="build" data-build="${report.build.kind}">Build: ${renderBuild(report.build, report.commit)}</p>
<ul class="stats">
<li data-stat="flows"><b>${summary.flows}</b> flows</li>
<li data-stat="categories"><b>${summary.categories}</b> categories</li>
<li data-stat="vendors"><b>${summary.vendors}</b> vendors</li>
<li data-stat="approved" class="approved"><b>${summary.approved}</b> approved</li>
<li data-stat="unapproved" class="unapproved"><b>${summary.unapproved}</b> unapproved</li>
<li data-stat="untagged" class="untagged"><b>${summary.untagged}</b> untagged</li>${transform ? `\n<li data-stat="dropped" class="dropped"><b>${summary.dropped}</b> dropped by the plan</li>` : ''}
</ul>
</header>
<main>
<section id="diagram">
<h2>Where personal data goes</h2>
${renderDiagram(report)}
<p class="legend"><span class="key approved"></span> approved <span class="key unapproved"></span> some unapproved <span class="key untagged"></span> untagged (heuristic) — the width of a band is the number of calls. Select a node or a band to list its flows.</p>
</section>
<section id="vendors">
<h2>Vendors</h2>
${renderVendors(report, transform)}
</section>
<section id="flows">
<h2>Flows</h2>
<div class="filters">
<label>Filter <input id="filter" type="search" placeholder="text, or category:email form:raw sink:posthog status:unapproved" autocomplete="off"></label>
<label>Status <select id="status"><option value="">all</option><option value="unapproved">unapproved</option><option value="untagged">untagged</option>${transform ? '<option value="dropped">dropped by the plan</option>' : ''}<option value="approved">approved</option></select></label>
<button id="clear" type="button">Clear</button>
<span id="shown" aria-live="polite">${report.rows.length} of ${report.rows.length} rows</span>
</div>
${renderTable(report.rows, link, transform)}
</section>
<section id="policy">
<h2>Allow entries</h2>
${renderPolicy(report)}
</section>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/* ---------- diagram ---------- */

interface DiagramNode {
  kind: 'category' | 'form' | 'sink';
  name: string;
  count: number;
  y: number;
  height: number;
  /** Where the next band leaves (right edge) or arrives (left edge). */
  outCursor: number;
  inCursor: number;
}

interface DiagramLink {
  from: DiagramNode;
  to: DiagramNode;
  count: number;
  status: FlowStatus;
}

const WIDTH = 960;
const NODE_WIDTH = 150;
const COLUMN_X = { category: 10, form: (WIDTH - NODE_WIDTH) / 2, sink: WIDTH - NODE_WIDTH - 10 } as const;
const GAP = 14;
const MIN_NODE = 26;
const TOP = 34;

function renderDiagram(report: InventoryReport): string {
  const rows = report.rows;
  // With the rewrite, the middle column is the form that leaves the app (`dropped` among them).
  const transform = report.build.kind !== 'off';
  const formOf = (row: InventoryRow) => (transform ? row.leaves : row.form);
  if (rows.length === 0) {
    return '<svg id="flow-diagram" role="img" aria-label="No flows of personal data into sinks" width="960" height="60" viewBox="0 0 960 60"><text x="480" y="34" text-anchor="middle" class="empty">No flows of personal data into sinks were found.</text></svg>';
  }
  const total = rows.reduce((sum, row) => sum + row.locations.length, 0);
  // A band's width per call: wide enough to see, bounded so a large inventory still fits a screen.
  const unit = Math.max(3, Math.min(24, 420 / total)); // at most MIN_NODE: one call fits its node

  const columns = (['category', 'form', 'sink'] as const).map((kind) => {
    const counts = new Map<string, number>();
    const nameOf = (row: InventoryRow) => (kind === 'form' ? formOf(row) : row[kind]);
    for (const row of rows) counts.set(nameOf(row), (counts.get(nameOf(row)) ?? 0) + row.locations.length);
    let y = TOP;
    return [...counts.entries()]
      .sort(([a, ca], [b, cb]) => cb - ca || (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, count]): DiagramNode => {
        const height = Math.max(MIN_NODE, count * unit);
        const node = { kind, name, count, y, height, outCursor: 0, inCursor: 0 };
        y += height + GAP;
        return node;
      });
  });
  const [categories, forms, sinks] = columns as [DiagramNode[], DiagramNode[], DiagramNode[]];
  const find = (list: DiagramNode[], name: string) => list.find((node) => node.name === name)!;

  const links = new Map<string, DiagramLink>();
  const addLink = (from: DiagramNode, to: DiagramNode, count: number, status: FlowStatus) => {
    const key = `${from.kind}:${from.name}\u0000${to.kind}:${to.name}`;
    const link = links.get(key);
    if (link) {
      link.count += count;
      link.status = worse(link.status, status);
    } else links.set(key, { from, to, count, status });
  };
  for (const row of rows) {
    const form = find(forms, formOf(row));
    addLink(find(categories, row.category), form, row.locations.length, row.status);
    addLink(form, find(sinks, row.sink), row.locations.length, row.status);
  }

  const height = Math.max(...columns.map((nodes) => nodes.reduce((sum, node) => sum + node.height + GAP, TOP))) + 6;
  // Bands leave and arrive in the order of the nodes at their other end, so they do not cross inside a node.
  const ordered = [...links.values()].sort((a, b) => a.from.y - b.from.y || a.to.y - b.to.y);
  const filterKey = (kind: DiagramNode['kind']) => (kind === 'form' && transform ? 'leaves' : kind);
  const bands = ordered.map((link) => renderBand(link, unit, filterKey));
  const nodes = columns.flat().map((node) => renderNode(node, filterKey));
  const heads = (['category', 'form', 'sink'] as const)
    .map(
      (kind) =>
        `<text class="column" x="${COLUMN_X[kind] + NODE_WIDTH / 2}" y="18" text-anchor="middle">${{ category: 'Categories', form: transform ? 'Forms leaving the app' : 'Forms', sink: 'Vendors' }[kind]}</text>`,
    )
    .join('');
  return `<svg id="flow-diagram" role="img" aria-label="Categories of personal data, the form they are sent in, and the vendors they reach" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">
${heads}
<g class="bands">${bands.join('\n')}</g>
<g class="nodes">${nodes.join('\n')}</g>
</svg>`;
}

function renderBand(link: DiagramLink, unit: number, filterKey: (kind: DiagramNode['kind']) => string): string {
  const { from, to } = link;
  const thickness = Math.max(2, link.count * unit);
  // Bands stack inside each node; a node grown to its minimum height centres its stack.
  const y1 = from.y + (from.height - from.count * unit) / 2 + from.outCursor + thickness / 2;
  const y2 = to.y + (to.height - to.count * unit) / 2 + to.inCursor + thickness / 2;
  from.outCursor += link.count * unit;
  to.inCursor += link.count * unit;
  const x1 = COLUMN_X[from.kind] + NODE_WIDTH;
  const x2 = COLUMN_X[to.kind];
  const mid = (x1 + x2) / 2;
  const filter = `${filterKey(from.kind)}:${from.name} ${filterKey(to.kind)}:${to.name}`;
  return `<a class="band-link" href="${esc(filterHref(filter))}"><path class="band ${link.status}" data-from="${esc(`${from.kind}:${from.name}`)}" data-to="${esc(`${to.kind}:${to.name}`)}" data-count="${link.count}" d="M${fmt(x1)},${fmt(y1)} C${fmt(mid)},${fmt(y1)} ${fmt(mid)},${fmt(y2)} ${fmt(x2)},${fmt(y2)}" stroke-width="${fmt(thickness)}"><title>${esc(`${from.name} → ${to.name}: ${link.count} ${link.count === 1 ? 'call' : 'calls'} (${link.status})`)}</title></path></a>`;
}

function renderNode(node: DiagramNode, filterKey: (kind: DiagramNode['kind']) => string): string {
  const x = COLUMN_X[node.kind];
  const label = node.name.length > 19 ? `${node.name.slice(0, 18)}…` : node.name;
  return `<a class="node-link" href="${esc(filterHref(`${filterKey(node.kind)}:${node.name}`))}"><g class="node ${node.kind}" data-kind="${node.kind}" data-name="${esc(node.name)}" data-count="${node.count}"><rect x="${x}" y="${fmt(node.y)}" width="${NODE_WIDTH}" height="${fmt(node.height)}" rx="4"></rect><text x="${x + 8}" y="${fmt(node.y + Math.min(node.height / 2, 13) + 4)}">${esc(label)}</text><text class="count" x="${x + NODE_WIDTH - 8}" y="${fmt(node.y + Math.min(node.height / 2, 13) + 4)}" text-anchor="end">${node.count}</text><title>${esc(`${node.name}: ${node.count} ${node.count === 1 ? 'call' : 'calls'}`)}</title></g></a>`;
}

function worse(a: FlowStatus, b: FlowStatus): FlowStatus {
  const rank: Record<FlowStatus, number> = { approved: 0, dropped: 1, untagged: 2, unapproved: 3 };
  return rank[a] >= rank[b] ? a : b;
}

function filterHref(filter: string): string {
  return `#filter=${encodeURIComponent(filter)}`;
}

/* ---------- vendors ---------- */

function renderVendors(report: InventoryReport, transform: boolean): string {
  if (report.vendors.length === 0) return '<p>No personal data reaches a sink.</p>';
  const rows = report.vendors
    .map(
      (v) =>
        `<tr data-sink="${esc(v.sink)}"><td><a href="${esc(filterHref(`sink:${v.sink}`))}">${esc(v.sink)}</a></td><td>${v.purpose ? esc(v.purpose) : '<span class="none">—</span>'}</td><td>${v.categories.map(esc).join(', ')}</td><td>${v.forms.map(esc).join(', ')}</td>${transform ? `<td>${v.leaves.map(esc).join(', ')}</td>` : ''}<td>${v.events.length > 0 ? v.events.map(esc).join(', ') : '<span class="none">—</span>'}</td><td class="num">${v.flows}</td><td class="num">${v.unapproved}</td><td class="num">${v.untagged}</td>${transform ? `<td class="num">${v.dropped}</td>` : ''}</tr>`,
    )
    .join('\n');
  return `<table id="vendor-table">
<thead><tr><th>Vendor</th><th>Purpose</th><th>Categories</th><th>Forms</th>${transform ? '<th>Leaves as</th>' : ''}<th>Events</th><th class="num">Flows</th><th class="num">Unapproved</th><th class="num">Untagged</th>${transform ? '<th class="num">Dropped</th>' : ''}</tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

/* ---------- table ---------- */

function renderTable(rows: readonly InventoryRow[], link: SourceLink, transform: boolean): string {
  const body = rows.map((row) => renderRow(row, link, transform)).join('\n');
  return `<table id="flow-table">
<thead><tr><th>Status</th><th>Vendor</th><th>Category</th><th>Form</th>${transform ? '<th>Leaves as</th>' : ''}<th>Event</th><th>Approved by / rule</th><th>Properties</th><th>Source</th><th>Code</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
<p id="no-match" hidden>No flow matches the filter.</p>`;
}

function renderRow(row: InventoryRow, link: SourceLink, transform: boolean): string {
  const search = [
    row.status,
    row.sink,
    row.category,
    row.form,
    row.leaves,
    row.event ?? '',
    ...row.properties,
    ...row.sources.map((s) => s.note),
    row.ruleId ?? '',
    row.approval?.reason ?? '',
    row.approval?.owner ?? '',
    ...row.locations.map((l) => l.file),
  ]
    .join(' ')
    .toLowerCase();
  // `loc` links to the call, `src` to where the value was tagged.
  const place = (l: { file: string; line: number; column: number }, kind = 'loc') => {
    const text = esc(`${l.file}:${l.line}:${l.column}`);
    const href = link(l);
    return href ? `<a class="${kind}" href="${esc(href)}">${text}</a>` : `<span class="${kind}">${text}</span>`;
  };
  const locations = row.locations.map((l) => place(l)).join('<br>');
  const properties = row.properties.map((p) => (p === '' ? '<span class="none">(argument)</span>' : `<code>${esc(p)}</code>`)).join(', ');
  const sources = row.sources.map((s) => `${place(s, 'src')} <code>${esc(s.note)}</code>`).join('<br>') || '<span class="none">—</span>';
  const leaves = transform ? `<td class="leaves">${esc(row.leaves)}</td>` : '';
  return `<tr id="${row.id}" class="${row.status}" data-status="${row.status}" data-sink="${esc(row.sink)}" data-category="${esc(row.category)}" data-form="${esc(row.form)}" data-leaves="${esc(row.leaves)}" data-event="${esc(row.event ?? '')}" data-calls="${row.locations.length}" data-search="${esc(search)}"><td><span class="status ${row.status}">${row.status}</span></td><td>${esc(row.sink)}</td><td>${esc(row.category)}</td><td>${esc(row.form)}</td>${leaves}<td>${row.event === null ? '<span class="none">—</span>' : esc(row.event)}</td><td>${renderVerdict(row)}</td><td>${properties}</td><td>${sources}</td><td>${locations}</td></tr>`;
}

function renderVerdict(row: InventoryRow): string {
  const parts: string[] = [];
  if (row.ruleId) parts.push(`<code>${esc(row.ruleId)}</code>`);
  if (row.approval) parts.push(renderApproval(row.approval));
  return parts.join('<br>') || '<span class="none">—</span>';
}

function renderApproval(approval: Approval): string {
  const expiry = approval.expires
    ? approval.expired
      ? `<b class="expired">expired ${esc(approval.expires)}</b>`
      : `until ${esc(approval.expires)}`
    : 'no expiry';
  const transform = approval.afterTransform ? ' <i>(after the tracking plan’s rewrite)</i>' : '';
  return `<span class="approval"><code>allow[${approval.index}]</code> ${esc(approval.reason)}<br><small>owner ${approval.owner ? esc(approval.owner) : '—'} · ${expiry}</small>${transform}</span>`;
}

/** Whether the forms in the report are what the build sends: the plugin's marker, or only the config's word. */
function renderBuild(build: BuildEvidence, commit: string | null): string {
  if (build.kind === 'off')
    return 'no rewrite (<code>transform</code> is off in the config): every value leaves the app in the form written in the code.';
  if (build.kind === 'config')
    return `the config’s <code>"transform": true</code> says the build runs piiguard’s plugin${build.tool ? ` (the project builds with ${esc(build.tool)})` : ''}, but no build marker (<code>${esc(build.marker)}</code>) shows that it ran: the forms below are what leaves the app only if it does.`;
  const at = build.commit ? ` at commit <code>${esc(build.commit)}</code>` : '';
  if (build.failed)
    return `the last build with piiguard’s ${esc(build.bundler)} plugin${at} failed on piiguard’s errors (<code>${esc(build.marker)}</code>): nothing it made ships.`;
  const other =
    build.commit !== commit
      ? ' <b class="expired">That build is of another commit than this report: build again before relying on it.</b>'
      : '';
  return `the last build ran piiguard’s ${esc(build.bundler)} plugin (piiguard ${esc(build.version)})${at} and rewrote ${build.rewritten.length} ${build.rewritten.length === 1 ? 'file' : 'files'} (<code>${esc(build.marker)}</code>): the forms below are what leaves the app after its rewrite.${other}`;
}

function renderPolicy(report: InventoryReport): string {
  if (report.allow.length === 0) return '<p>The config has no allow entries: no flow of personal data is approved.</p>';
  const rows = report.allow
    .map(
      (entry) =>
        `<tr${entry.expired ? ' class="expired"' : ''}><td><code>allow[${entry.index}]</code></td><td>${esc(entry.category)}</td><td>${esc(entry.form)}</td><td>${esc(entry.sink)}</td><td>${entry.events === '*' ? '*' : entry.events.map(esc).join(', ')}</td><td>${esc(entry.reason)}</td><td>${entry.owner ? esc(entry.owner) : '—'}</td><td>${entry.expires ? esc(entry.expires) + (entry.expired ? ' (expired)' : '') : '—'}</td><td>${entry.approves}</td></tr>`,
    )
    .join('\n');
  return `<table id="allow-table">
<thead><tr><th>Entry</th><th>Category</th><th>Form</th><th>Sink</th><th>Events</th><th>Reason</th><th>Owner</th><th>Expires</th><th>Approves (calls)</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

/* ---------- helpers ---------- */

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Coordinates with at most one decimal: short, and the same on every platform. */
function fmt(n: number): string {
  return String(Math.round(n * 10) / 10);
}

const STYLE = `
:root { --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fff; }
header, main { max-width: 1100px; margin: 0 auto; padding: 0 20px; }
h1 { font-size: 24px; margin: 20px 0 4px; }
h2 { font-size: 18px; margin: 28px 0 10px; }
.sub { color: var(--muted); margin: 0 0 12px; }
.stats { display: flex; flex-wrap: wrap; gap: 8px; list-style: none; padding: 0; margin: 0; }
.stats li { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; background: var(--bg); }
.stats b { font-size: 18px; margin-right: 4px; }
.stats .approved b { color: var(--ok); } .stats .unapproved b { color: var(--bad); } .stats .untagged b { color: var(--warn); }
#flow-diagram { display: block; max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
#flow-diagram .column { font-weight: 600; fill: var(--muted); }
#flow-diagram .empty { fill: var(--muted); }
.band { fill: none; stroke-opacity: .35; transition: stroke-opacity .1s; }
.band.approved { stroke: var(--ok); } .band.unapproved { stroke: var(--bad); } .band.untagged { stroke: #bf8700; } .band.dropped { stroke: var(--muted); }
.band-link:hover .band, .band-link:focus .band { stroke-opacity: .65; }
.node rect { fill: #eef1f4; stroke: #8c959f; }
.node.category rect { fill: #ddf4ff; } .node.form rect { fill: #fbefff; } .node.sink rect { fill: #fff8c5; }
.node text { font-size: 12px; fill: var(--ink); } .node .count { font-weight: 600; }
.node-link:hover rect, .node-link:focus rect { stroke: var(--ink); stroke-width: 2; }
.legend { color: var(--muted); font-size: 13px; }
.key { display: inline-block; width: 14px; height: 10px; border-radius: 2px; margin: 0 2px 0 10px; vertical-align: middle; }
.key.approved { background: var(--ok); } .key.unapproved { background: var(--bad); } .key.untagged { background: #bf8700; }
.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin-bottom: 10px; }
.filters input { width: 420px; max-width: 100%; padding: 5px 8px; font: inherit; border: 1px solid var(--line); border-radius: 6px; }
.filters select, .filters button { padding: 5px 8px; font: inherit; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); }
#shown { color: var(--muted); }
table { width: 100%; border-collapse: collapse; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--bg); position: sticky; top: 0; }
.num { text-align: right; }
tr.unapproved td:first-child { box-shadow: inset 3px 0 var(--bad); }
tr.untagged td:first-child { box-shadow: inset 3px 0 #bf8700; }
tr.approved td:first-child { box-shadow: inset 3px 0 var(--ok); }
tr.dropped td:first-child { box-shadow: inset 3px 0 var(--muted); }
tr:target { background: #fff8c5; }
.status { font-weight: 600; } .status.approved { color: var(--ok); } .status.unapproved { color: var(--bad); } .status.untagged { color: var(--warn); } .status.dropped { color: var(--muted); }
.expired { color: var(--bad); }
.none { color: var(--muted); }
a.loc, a.src { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; background: var(--bg); padding: 0 3px; border-radius: 3px; }
small { color: var(--muted); }
`;

// Plain ES2017, no dependencies: filters the rows by free text and `key:value` terms, and
// follows the diagram's `#filter=…` links.
const SCRIPT = `
(function () {
  var input = document.getElementById('filter');
  var status = document.getElementById('status');
  var shown = document.getElementById('shown');
  var noMatch = document.getElementById('no-match');
  var rows = Array.prototype.slice.call(document.querySelectorAll('#flow-table tbody tr'));
  var KEYS = { status: 'status', sink: 'sink', vendor: 'sink', category: 'category', form: 'form', leaves: 'leaves', event: 'event' };
  function apply() {
    var terms = input.value.trim().toLowerCase().split(/\\s+/).filter(Boolean);
    var visible = 0;
    rows.forEach(function (row) {
      var ok = !status.value || row.dataset.status === status.value;
      terms.forEach(function (term) {
        var colon = term.indexOf(':');
        var key = colon > 0 ? KEYS[term.slice(0, colon)] : undefined;
        if (key) ok = ok && (row.dataset[key] || '').toLowerCase() === term.slice(colon + 1);
        else ok = ok && row.dataset.search.indexOf(term) !== -1;
      });
      row.hidden = !ok;
      if (ok) visible++;
    });
    shown.textContent = visible + ' of ' + rows.length + ' rows';
    noMatch.hidden = visible !== 0;
  }
  function fromHash() {
    var match = /^#filter=(.*)$/.exec(location.hash);
    if (!match) return;
    input.value = decodeURIComponent(match[1]);
    status.value = '';
    apply();
    document.getElementById('flows').scrollIntoView();
  }
  input.addEventListener('input', apply);
  status.addEventListener('change', apply);
  document.getElementById('clear').addEventListener('click', function () {
    input.value = '';
    status.value = '';
    if (/^#filter=/.test(location.hash)) history.replaceState(null, '', location.pathname + location.search);
    apply();
  });
  window.addEventListener('hashchange', fromHash);
  fromHash();
  apply();
})();
`;
