/**
 * `piiguard/proxy`: a first-party collection endpoint (SPEC §12, Runtime). The app's analytics
 * SDK sends its events here instead of to the vendor; the proxy applies the tracking plan of the
 * piiguard config and pseudonymizes identities with the server's key — a key that never ships to
 * a browser — and forwards what is left to PostHog, Segment or RudderStack.
 *
 * One handler for every server: `handle(request)` takes a Web `Request` and returns a `Response`
 * (Next.js route handlers, edge runtimes, Deno, Bun, Cloudflare Workers); `node(req, res)` adapts
 * it to Node's `http`. It imports neither Node built-ins nor the analysis engine.
 */
import { ConfigError, parseConfig, type PiiguardConfig, type PiiguardConfigInput } from '../core/plan.js';
import { createPseudonymizer, minimize, type PlanEntry, type PseudonymizeFunction } from '../runtime/index.js';
import {
  BATCH_KEPT_FIELDS,
  getRoute,
  isRecord,
  POSTHOG_ID_PROPERTIES,
  POSTHOG_KEPT_PROPERTIES,
  readEventsBody,
  SEGMENT_ID_FIELDS,
  SEGMENT_KEPT_CONTEXT,
  SEGMENT_KEPT_FIELDS,
  VENDOR_IDS,
  type VendorId,
} from './wire.js';

export { POSTHOG_KEPT_PROPERTIES, SEGMENT_KEPT_CONTEXT, SEGMENT_KEPT_FIELDS, VENDOR_IDS, type VendorId } from './wire.js';

/** Where a vendor's events go. */
export interface VendorTarget {
  /** The vendor's ingestion origin: `https://eu.i.posthog.com`, `https://api.segment.io`, your RudderStack data plane URL. */
  host: string;
  /** PostHog only: where `/static/…` scripts come from (default `host`), e.g. `https://eu-assets.i.posthog.com`. */
  assetsHost?: string;
}

/** What {@link createProxy} accepts. */
export interface ProxyOptions {
  /**
   * The piiguard config, as `piiguard.config.json` holds it or `defineConfig` returns it: its
   * tracking plan (`events`, `strictEvents`) decides what leaves, `pseudonymization.rotation`
   * the pseudonyms' epoch. Validated when the proxy is created (a JSON import fits, whose
   * strings TypeScript widens).
   */
  config: PiiguardConfigInput | Record<string, unknown>;
  /**
   * The server's HMAC key (at least 16 bytes), the one your servers' `pseudonymize` uses, so that
   * the vendor sees one pseudonym per person from both. Default: the environment variable named
   * by the config's `pseudonymization.keyEnv`, then its `key`.
   */
  key?: string | Uint8Array;
  /** The vendors to forward to; a vendor not listed is not proxied (404). */
  vendors: Partial<Record<VendorId, VendorTarget>>;
  /**
   * The path the proxy is mounted at (default `''`): requests go to `<basePath>/<vendor>/<the
   * SDK's path>`, e.g. posthog-js with `api_host: '/ingest/posthog'` and `basePath: '/ingest'`.
   */
  basePath?: string;
  /** The category identities are pseudonymized as (default `'user-id'`, as `pseudonymize(user.id, 'user-id')` on the server). */
  idCategory?: string;
  /**
   * Leave identities that already are pseudonyms (64 lower-case hex digits, as a server issues
   * them) as they are instead of pseudonymizing them again. Default false.
   */
  keepPseudonyms?: boolean;
  /** The fetch that forwards (default `globalThis.fetch`); tests pass a recorder. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** The clock for the rotation epoch, epoch milliseconds (default `Date.now`). */
  now?: () => number;
  /** The largest request body accepted, compressed and decompressed, in bytes (default 5 MiB). */
  maxBodyBytes?: number;
}

/** Why an event was not forwarded. */
export type DropReason = 'unplanned-event' | 'session-recording' | 'malformed-event';

/** Counters since the proxy was created. */
export interface ProxyStats {
  requests: number;
  /** Events received, one per event of a batch. */
  events: number;
  /** Events forwarded. */
  forwarded: number;
  /** Events (or session-recording requests) not forwarded, by reason. */
  dropped: Record<DropReason, number>;
}

/** The parts of Node's `IncomingMessage` that {@link Proxy.node} reads. */
export interface NodeRequestLike extends AsyncIterable<Uint8Array | string> {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}

/** The parts of Node's `ServerResponse` that {@link Proxy.node} writes. */
export interface NodeResponseLike {
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(body?: Uint8Array | string): unknown;
}

/** A proxy; see {@link createProxy}. */
export interface Proxy {
  /** Web `Request` → `Response`: `export const POST = proxy.handle` in a Next.js route handler. */
  handle: (request: Request) => Promise<Response>;
  /** Node's `http`: `http.createServer(proxy.node)`, or an Express/Connect route without a body parser. */
  node: (req: NodeRequestLike, res: NodeResponseLike) => void;
  readonly stats: ProxyStats;
}

const DEFAULT_MAX_BODY = 5 * 1024 * 1024;
const PSEUDONYM = /^[0-9a-f]{64}$/;
/** PostHog events about identity: never dropped as unplanned (their traits still follow the plan). */
const POSTHOG_IDENTITY_EVENTS = new Set(['$identify', '$create_alias', '$groupidentify', '$set']);
const SEGMENT_IDENTITY_TYPES = new Set(['identify', 'group', 'alias']);
/** The plan entries that person and group traits follow: `events.identify` and `events.group`. */
const TRAITS_EVENT = 'identify';
const GROUP_TRAITS_EVENT = 'group';
const FLAG_KEPT_FIELDS = [
  'token',
  'api_key',
  'groups',
  'flag_keys_to_evaluate',
  'evaluation_environments',
  'timezone',
  'disable_flags',
  'geoip_disable',
];

class ProxyRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Creates a collection proxy. Per event it:
 * - pseudonymizes the identities (PostHog `distinct_id`, `$anon_distinct_id`, `$device_id`,
 *   `alias`; Segment and RudderStack `userId`, `anonymousId`, `previousId`) with the server's key
 *   as `idCategory`, so anonymous and identified events still merge;
 * - applies the event's plan entry (`events[name]`) to its properties with `minimize`, exactly as
 *   the build-time rewrite does; person traits (PostHog `$set`, `$set_once`, flags'
 *   `person_properties`; Segment `traits` and `context.traits`) follow `events.identify`, group
 *   traits `events.group`; with no entry, nothing of them is kept;
 * - keeps the SDK's own metadata ({@link POSTHOG_KEPT_PROPERTIES}, {@link SEGMENT_KEPT_FIELDS},
 *   {@link SEGMENT_KEPT_CONTEXT}) unless the plan lists it, and drops everything else: URLs,
 *   referrers, IP addresses, user agents, autocapture's element texts;
 * - drops an event the plan does not list when the config sets `strictEvents` (else it goes out
 *   with its metadata only), and PostHog session recordings (`/s/`) always: the DOM a replay
 *   records is personal data no plan describes.
 *
 * The vendor sees the proxy's address, not the user's: no client header but `Authorization`
 * (Segment's and RudderStack's write key) is forwarded. Responses come back as the vendor sent
 * them; a request whose events were all dropped is answered 200 without forwarding.
 *
 * @throws ConfigError when the config is invalid (the message names the key); TypeError or
 *   RangeError on bad options or key — never the key itself in a message.
 *
 * @example
 * ```ts
 * // app/ingest/[...path]/route.ts (Next.js)
 * import { createProxy } from 'piiguard/proxy';
 * import config from '../../../piiguard.config.json';
 * const proxy = createProxy({ config, key: process.env.PIIGUARD_KEY, basePath: '/ingest',
 *   vendors: { posthog: { host: 'https://eu.i.posthog.com' } } });
 * export const POST = proxy.handle;
 * export const GET = proxy.handle;
 * ```
 */
export function createProxy(options: ProxyOptions): Proxy {
  if (!isRecord(options)) throw new TypeError('piiguard/proxy: expected an options object { config, vendors, key }');
  const config = parseConfig(options.config ?? {}, { file: 'piiguard/proxy config' });
  const vendors = checkVendors(options.vendors);
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const idCategory = options.idCategory ?? 'user-id';
  const keepPseudonyms = options.keepPseudonyms ?? false;
  const forward = options.fetch ?? ((input: string, init: RequestInit) => globalThis.fetch(input, init));
  const now = options.now ?? Date.now;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const pseudonymizeValue = createServerPseudonymizer(options.key, config);
  const stats: ProxyStats = {
    requests: 0,
    events: 0,
    forwarded: 0,
    dropped: { 'unplanned-event': 0, 'session-recording': 0, 'malformed-event': 0 },
  };
  const events = new Map(Object.entries(config.events));
  // Each call's pseudonyms use the request's instant, for the rotation epoch.
  const rewriter = (instant: number) => new EventRewriter(config, events, pseudonymizeValue, idCategory, keepPseudonyms, instant);

  async function handle(request: Request): Promise<Response> {
    stats.requests++;
    try {
      const url = new URL(request.url);
      const match = matchVendor(url.pathname, basePath, vendors);
      if (!match) return errorResponse(404, 'piiguard/proxy: no vendor is proxied at this path');
      const { vendor, target, rest } = match;
      if (request.method === 'OPTIONS') return new Response(null, { status: 204 });
      const route = getRoute(vendor, request.method, rest);
      switch (route) {
        case 'unknown':
          return errorResponse(404, `piiguard/proxy: the proxy forwards no ${vendor} ${request.method} request at this path`);
        case 'asset':
          return await send(`${target.assetsHost ?? target.host}${rest}${url.search}`, { method: 'GET' });
        case 'session-recording':
          stats.dropped['session-recording']++;
          return accepted(vendor);
      }
      const body = await readBody(request, url, maxBodyBytes);
      const rewrite = rewriter(now());
      let out: unknown;
      if (route === 'flags') {
        if (!isRecord(body)) throw new ProxyRequestError(400, 'piiguard/proxy: a flags request must be a JSON object');
        out = rewrite.flags(body);
      } else {
        const read = readEventsBody(body);
        if (!read) throw new ProxyRequestError(400, 'piiguard/proxy: expected an event, an array of events or { batch: [...] }');
        const received = read.kind === 'single' ? [read.event] : read.events;
        stats.events += received.length;
        const kept: Record<string, unknown>[] = [];
        for (const event of received) {
          const result = vendor === 'posthog' ? rewrite.posthogEvent(event) : rewrite.segmentEvent(event);
          if (typeof result === 'string') stats.dropped[result]++;
          else kept.push(result);
        }
        if (kept.length === 0) return accepted(vendor);
        stats.forwarded += kept.length;
        if (read.kind === 'single') out = kept[0];
        else if (read.kind === 'array') out = kept;
        else out = { ...pick(read.envelope, BATCH_KEPT_FIELDS), ...contextOf(read.envelope, rewrite), batch: kept };
      }
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      const authorization = request.headers.get('authorization');
      if (authorization && vendor !== 'posthog') headers.authorization = authorization;
      const search = forwardedSearch(url);
      return await send(`${target.host}${rest}${search}`, { method: 'POST', headers, body: JSON.stringify(out) });
    } catch (error) {
      if (error instanceof ProxyRequestError) return errorResponse(error.status, error.message);
      return errorResponse(500, 'piiguard/proxy: internal error');
    }
  }

  async function send(input: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await forward(input, init);
    } catch {
      throw new ProxyRequestError(502, 'piiguard/proxy: the vendor could not be reached');
    }
    return passThrough(response);
  }

  function node(req: NodeRequestLike, res: NodeResponseLike): void {
    void toWebRequest(req, maxBodyBytes)
      .then(handle, (error: unknown) =>
        error instanceof ProxyRequestError
          ? errorResponse(error.status, error.message)
          : errorResponse(400, 'piiguard/proxy: unreadable request'),
      )
      .then(async (response) => {
        const headers: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          headers[name] = value;
        });
        res.writeHead(response.status, headers);
        res.end(new Uint8Array(await response.arrayBuffer()));
      });
  }

  return { handle, node, stats };
}

/** Rewrites the events of one request: identities, plan, metadata. */
class EventRewriter {
  constructor(
    private readonly config: PiiguardConfig,
    private readonly plan: Map<string, PlanEntry>,
    private readonly pseudonymizeValue: PseudonymizeFunction,
    private readonly idCategory: string,
    private readonly keepPseudonyms: boolean,
    private readonly instant: number,
  ) {}

  /** One PostHog event, or why it is dropped. */
  posthogEvent(event: unknown): Record<string, unknown> | DropReason {
    if (!isRecord(event) || typeof event.event !== 'string') return 'malformed-event';
    const name = event.event;
    const entry = this.plan.get(name);
    if (!entry && this.config.strictEvents && !POSTHOG_IDENTITY_EVENTS.has(name)) return 'unplanned-event';
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(event)) {
      if (key === 'distinct_id') out[key] = this.id(value);
      else if (key === '$set' || key === '$set_once') out[key] = this.traits(TRAITS_EVENT, value);
      else if (key === 'properties') out[key] = this.posthogProperties(name, entry, value);
      else if (['uuid', 'event', 'timestamp', 'offset', 'type', 'library', 'library_version', 'api_key', 'token'].includes(key)) {
        out[key] = value;
      }
    }
    return out;
  }

  private posthogProperties(name: string, entry: PlanEntry | undefined, properties: unknown): Record<string, unknown> {
    if (!isRecord(properties)) return {};
    const planned = entry?.properties ?? {};
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(properties)) {
      if (Object.hasOwn(planned, key)) continue;
      if (POSTHOG_ID_PROPERTIES.includes(key)) out[key] = this.id(value);
      else if (key === '$set' || key === '$set_once') out[key] = this.traits(TRAITS_EVENT, value);
      else if (key === '$group_set') out[key] = this.traits(GROUP_TRAITS_EVENT, value);
      else if (key === '$group_type' || key === '$group_key') out[key] = value;
      else if (POSTHOG_KEPT_PROPERTIES.includes(key)) out[key] = value;
    }
    return entry ? { ...out, ...this.minimize(name, properties, entry) } : out;
  }

  /** A PostHog flags request: identities pseudonymized, person properties by the plan. */
  flags(body: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(body)) {
      if (POSTHOG_ID_PROPERTIES.includes(key)) out[key] = this.id(value);
      else if (key === 'person_properties') out[key] = this.traits(TRAITS_EVENT, value);
      else if (key === 'group_properties' && isRecord(value)) {
        out[key] = Object.fromEntries(Object.entries(value).map(([group, traits]) => [group, this.traits(GROUP_TRAITS_EVENT, traits)]));
      } else if (FLAG_KEPT_FIELDS.includes(key)) out[key] = value;
    }
    return out;
  }

  /** One Segment or RudderStack event, or why it is dropped. */
  segmentEvent(event: unknown): Record<string, unknown> | DropReason {
    if (!isRecord(event) || typeof event.type !== 'string') return 'malformed-event';
    const type = event.type;
    const name = type === 'track' ? event.event : type;
    if (typeof name !== 'string') return 'malformed-event';
    const entry = this.plan.get(name);
    if (!entry && this.config.strictEvents && !SEGMENT_IDENTITY_TYPES.has(type)) return 'unplanned-event';
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(event)) {
      if (SEGMENT_ID_FIELDS.includes(key)) out[key] = this.id(value);
      else if (key === 'properties') out[key] = entry && isRecord(value) ? this.minimize(name, value, entry) : {};
      else if (key === 'traits') out[key] = this.traits(type === 'group' ? GROUP_TRAITS_EVENT : TRAITS_EVENT, value);
      else if (key === 'context') out[key] = this.context(value);
      else if (SEGMENT_KEPT_FIELDS.includes(key)) out[key] = value;
    }
    return out;
  }

  context(context: unknown): Record<string, unknown> {
    if (!isRecord(context)) return {};
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(context)) {
      if (key === 'traits') out[key] = this.traits(TRAITS_EVENT, value);
      else if (key === 'device' && isRecord(value)) out[key] = pick(value, ['type', 'manufacturer', 'model']);
      else if (SEGMENT_KEPT_CONTEXT.includes(key)) out[key] = value;
    }
    return out;
  }

  private traits(planName: string, traits: unknown): Record<string, unknown> {
    const entry = this.plan.get(planName);
    return entry && isRecord(traits) ? this.minimize(planName, traits, entry) : {};
  }

  private minimize(name: string, payload: Record<string, unknown>, entry: PlanEntry): Record<string, unknown> {
    const instant = this.instant;
    const pseudonymizeValue = this.pseudonymizeValue;
    return minimize(name, payload, entry, {
      pseudonymize: ((value: unknown, category: string) => pseudonymizeValue(value, category, { now: instant })) as PseudonymizeFunction,
    });
  }

  private id(value: unknown): unknown {
    if (this.keepPseudonyms && typeof value === 'string' && PSEUDONYM.test(value)) return value;
    return this.pseudonymizeValue(value, this.idCategory, { now: this.instant });
  }
}

function contextOf(envelope: Record<string, unknown>, rewrite: EventRewriter): Record<string, unknown> {
  return isRecord(envelope.context) ? { context: rewrite.context(envelope.context) } : {};
}

function pick(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => keys.includes(key)));
}

function checkVendors(vendors: unknown): Partial<Record<VendorId, VendorTarget>> {
  if (!isRecord(vendors) || Object.keys(vendors).length === 0) {
    throw new TypeError(`piiguard/proxy: vendors must name at least one of ${VENDOR_IDS.join(', ')} with its { host }`);
  }
  const checked: Partial<Record<VendorId, VendorTarget>> = {};
  for (const [vendor, target] of Object.entries(vendors)) {
    if (!VENDOR_IDS.includes(vendor as VendorId)) {
      throw new TypeError(`piiguard/proxy: vendors.${vendor} is not a vendor the proxy knows; expected ${VENDOR_IDS.join(', ')}`);
    }
    for (const field of ['host', 'assetsHost'] as const) {
      const host = isRecord(target) ? target[field] : undefined;
      if (field === 'assetsHost' && host === undefined) continue;
      if (typeof host !== 'string' || !/^https?:\/\/[^/]+/.test(host)) {
        throw new TypeError(`piiguard/proxy: vendors.${vendor}.${field} must be an http(s) origin such as https://eu.i.posthog.com`);
      }
    }
    const { host, assetsHost } = target as VendorTarget;
    checked[vendor as VendorId] = { host: host.replace(/\/+$/, ''), ...(assetsHost && { assetsHost: assetsHost.replace(/\/+$/, '') }) };
  }
  return checked;
}

function createServerPseudonymizer(key: ProxyOptions['key'], config: PiiguardConfig): PseudonymizeFunction {
  const { keyEnv, key: configKey, rotation = 'none' } = config.pseudonymization ?? {};
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const resolved = key ?? (keyEnv ? env?.[keyEnv] : undefined) ?? configKey;
  if (resolved === undefined || resolved === '') {
    throw new ConfigError(
      'piiguard/proxy: no pseudonymization key; pass createProxy({ key }) or set the environment variable that ' +
        `pseudonymization.keyEnv names${keyEnv ? ` (${keyEnv})` : ''}`,
    );
  }
  try {
    return createPseudonymizer({ key: resolved, rotation });
  } catch (error) {
    if (error instanceof Error) error.message = error.message.replace('piiguard createPseudonymizer', 'piiguard/proxy');
    throw error;
  }
}

function matchVendor(
  pathname: string,
  basePath: string,
  vendors: Partial<Record<VendorId, VendorTarget>>,
): { vendor: VendorId; target: VendorTarget; rest: string } | undefined {
  if (basePath && pathname !== basePath && !pathname.startsWith(`${basePath}/`)) return undefined;
  const below = pathname.slice(basePath.length);
  const [, vendor = '', ...rest] = below.split('/');
  const target = Object.hasOwn(vendors, vendor) ? vendors[vendor as VendorId] : undefined;
  return target ? { vendor: vendor as VendorId, target, rest: `/${rest.join('/')}` } : undefined;
}

/** The query the vendor gets: the SDK's, without the compression the proxy undid or the client-IP switch. */
function forwardedSearch(url: URL): string {
  const params = new URLSearchParams(url.search);
  params.delete('compression');
  params.delete('ip');
  const search = params.toString();
  return search ? `?${search}` : '';
}

async function readBody(request: Request, url: URL, maxBytes: number): Promise<unknown> {
  let bytes = await readLimited(request.body, maxBytes);
  const encoding = request.headers.get('content-encoding');
  const compression = url.searchParams.get('compression');
  // posthog-js ≥ 1.2xx gzips with the browser's CompressionStream and names it nowhere (no
  // `compression` parameter, no header), as PostHog's ingestion reads the gzip magic bytes: so does the proxy.
  const gzipMagic = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (encoding === 'gzip' || compression === 'gzip-js' || gzipMagic) {
    bytes = await readLimited(
      new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip')),
      maxBytes,
    ).catch((error: unknown) => {
      if (error instanceof ProxyRequestError) throw error;
      throw new ProxyRequestError(400, 'piiguard/proxy: the request body is not valid gzip');
    });
  }
  let text = new TextDecoder().decode(bytes);
  const type = request.headers.get('content-type') ?? '';
  if (type.startsWith('application/x-www-form-urlencoded') || text.startsWith('data=')) {
    const data = new URLSearchParams(text).get('data') ?? '';
    text = compression === 'base64' || !/^\s*[[{]/.test(data) ? decodeBase64(data) : data;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ProxyRequestError(400, 'piiguard/proxy: the request body is not JSON');
  }
}

function decodeBase64(data: string): string {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
  } catch {
    throw new ProxyRequestError(400, 'piiguard/proxy: the request body is not valid base64');
  }
}

async function readLimited(stream: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Uint8Array> {
  if (!stream) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new ProxyRequestError(413, `piiguard/proxy: the request body is larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

async function toWebRequest(req: NodeRequestLike, maxBytes: number): Promise<Request> {
  const method = req.method ?? 'GET';
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const host = headers.get('host') ?? 'localhost';
  let body: Uint8Array<ArrayBuffer> | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of req) {
      const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
      size += bytes.byteLength;
      if (size > maxBytes) throw new ProxyRequestError(413, `piiguard/proxy: the request body is larger than ${maxBytes} bytes`);
      chunks.push(bytes);
    }
    body = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      body.set(chunk, offset);
      offset += chunk.byteLength;
    }
  }
  return new Request(new URL(req.url ?? '/', `http://${host}`), { method, headers, body });
}

/** The vendor's answer, with its status, body and content type only (no cookies set by the vendor). */
async function passThrough(response: Response): Promise<Response> {
  const headers: Record<string, string> = {};
  const type = response.headers.get('content-type');
  if (type) headers['content-type'] = type;
  return new Response(await response.arrayBuffer(), { status: response.status, headers });
}

/** What the SDK gets when the proxy forwarded nothing: the vendor's usual success. */
function accepted(vendor: VendorId): Response {
  return vendor === 'posthog'
    ? new Response('{"status":1}', { status: 200, headers: { 'content-type': 'application/json' } })
    : new Response('OK', { status: 200, headers: { 'content-type': 'text/plain' } });
}

function errorResponse(status: number, message: string): Response {
  return new Response(JSON.stringify({ error: message }), { status, headers: { 'content-type': 'application/json' } });
}
