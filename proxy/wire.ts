/**
 * The vendors' wire formats as the proxy reads and rewrites them: which paths carry events, how a
 * request body holds one event or a batch, and which fields of an event are identities, SDK
 * metadata kept as they are, or data the tracking plan decides on.
 *
 * - PostHog: posthog-js POSTs `/e/` (a JSON array of events or `{ api_key, batch }`; gzip with
 *   `compression=gzip-js`, or — posthog-js 1.449 with the browser's CompressionStream — gzip named
 *   nowhere, known by its magic bytes; or `data=<base64>` form bodies from `sendBeacon`) and `/flags/` (feature flags for a
 *   distinct id); posthog-node POSTs `/batch/` (`{ api_key, batch: [...] }`, gzip with
 *   `Content-Encoding: gzip`); `/capture/` and `/i/v0/e/` take one event or a batch.
 * - Segment: analytics.js POSTs `/v1/t`, `/v1/i`, `/v1/p`, `/v1/s`, `/v1/g`, `/v1/a` (one event,
 *   `writeKey` in the body) or `/v1/b` when batching; analytics-node POSTs `/v1/batch`.
 * - RudderStack: the same spec at `/v1/track`, `/v1/identify`, … and `/v1/batch`, and
 *   `/beacon/v1/batch` from `sendBeacon`.
 */

export type VendorId = 'posthog' | 'segment' | 'rudderstack';

export const VENDOR_IDS: readonly VendorId[] = ['posthog', 'segment', 'rudderstack'];

/** What a request path is for. */
export type Route = 'events' | 'flags' | 'session-recording' | 'asset' | 'unknown';

const POSTHOG_EVENT_PATHS = new Set(['/e', '/i/v0/e', '/capture', '/batch', '/track', '/engage']);
const POSTHOG_FLAG_PATHS = new Set(['/flags', '/decide']);
const SEGMENT_EVENT_PATHS = new Set(
  ['t', 'i', 'p', 's', 'g', 'a', 'b', 'batch', 'track', 'identify', 'page', 'screen', 'group', 'alias', 'import'].map((p) => `/v1/${p}`),
);

/** The route of a path below the vendor's prefix (`/e/`, `/v1/t`), trailing slash or not. */
export function getRoute(vendor: VendorId, method: string, path: string): Route {
  const bare = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  if (vendor === 'posthog') {
    if (method === 'GET' && (bare.startsWith('/static/') || bare.startsWith('/array/'))) return 'asset';
    if (method !== 'POST') return 'unknown';
    if (POSTHOG_EVENT_PATHS.has(bare)) return 'events';
    if (POSTHOG_FLAG_PATHS.has(bare)) return 'flags';
    if (bare === '/s') return 'session-recording';
    return 'unknown';
  }
  if (method !== 'POST') return 'unknown';
  const path_ = bare.startsWith('/beacon/') ? bare.slice('/beacon'.length) : bare;
  return SEGMENT_EVENT_PATHS.has(path_) ? 'events' : 'unknown';
}

/**
 * PostHog properties that posthog-js and posthog-node add and that carry no personal data: the
 * library, the browser and device class, screen sizes, session and window ids, timing. Kept as
 * they are; every other property — `$current_url`, `$referrer`, `$raw_user_agent`, `$ip`,
 * `$elements` (autocapture's DOM text) — is the plan's to keep, and dropped when it does not.
 */
export const POSTHOG_KEPT_PROPERTIES: readonly string[] = [
  'token',
  '$lib',
  '$lib_version',
  '$lib_custom_api_host',
  '$browser',
  '$browser_version',
  '$browser_language',
  '$os',
  '$os_version',
  '$device_type',
  '$screen_height',
  '$screen_width',
  '$viewport_height',
  '$viewport_width',
  '$timezone',
  '$session_id',
  '$window_id',
  '$pageview_id',
  '$insert_id',
  '$time',
  '$groups',
  '$process_person_profile',
  '$is_identified',
  '$configured_session_timeout_ms',
  '$geoip_disable',
  '$host',
  '$referring_domain',
];

/** PostHog identity properties: pseudonymized with the server's key. */
export const POSTHOG_ID_PROPERTIES: readonly string[] = ['distinct_id', '$anon_distinct_id', '$device_id', '$user_id', 'alias'];

/** Segment / RudderStack context fields kept as they are (the rest — ip, page, userAgent, device ids, campaign, traits — goes or follows the plan). */
export const SEGMENT_KEPT_CONTEXT: readonly string[] = [
  'library',
  'locale',
  'timezone',
  'app',
  'os',
  'screen',
  'userAgentData',
  'sessionId',
  'sessionStart',
  'consentManagement',
];

/** Segment / RudderStack event fields kept as they are. */
export const SEGMENT_KEPT_FIELDS: readonly string[] = [
  'type',
  'event',
  'name',
  'category',
  'groupId',
  'messageId',
  'timestamp',
  'originalTimestamp',
  'sentAt',
  'integrations',
  'channel',
  'writeKey',
  'version',
  '_metadata',
];

/** Segment / RudderStack identity fields: pseudonymized with the server's key. */
export const SEGMENT_ID_FIELDS: readonly string[] = ['userId', 'anonymousId', 'previousId', 'rudderId'];

/** The batch envelope's fields kept as they are. */
export const BATCH_KEPT_FIELDS: readonly string[] = ['api_key', 'sent_at', 'historical_migration', 'writeKey', 'sentAt', 'timestamp'];

/** The body of an events request: one event, or a batch (an array, or `{ batch: [...] }`). */
export type EventsBody =
  | { kind: 'single'; event: Record<string, unknown> }
  | { kind: 'array'; events: unknown[] }
  | { kind: 'batch'; envelope: Record<string, unknown>; events: unknown[] };

export function readEventsBody(body: unknown): EventsBody | undefined {
  if (Array.isArray(body)) return { kind: 'array', events: body };
  if (!isRecord(body)) return undefined;
  if (Array.isArray(body.batch)) return { kind: 'batch', envelope: body, events: body.batch };
  return { kind: 'single', event: body };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
