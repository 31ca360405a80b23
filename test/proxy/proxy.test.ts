// piiguard/proxy: the SDKs' requests as they send them (posthog-js, posthog-node, analytics.js,
// analytics-node, RudderStack), each through the proxy, with the vendor's fetch recorded: the
// forwarded URL, headers and body are asserted exactly. Pseudonyms are recomputed here with
// node:crypto, independently of the runtime.
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { createProxy, type ProxyOptions } from '../../proxy/index.js';
import { createPseudonymizer } from '../../runtime/index.js';

const KEY = 'piiguard-proxy-server-key-0123456789';
const NOW = Date.UTC(2024, 4, 17, 10, 20, 30);
const MAY_2024 = (2024 - 1970) * 12 + 4; // the monthly rotation epoch of NOW
const ps = (category: string, normalized: string, epoch = MAY_2024) =>
  createHmac('sha256', KEY).update(`${category}:${epoch}:${normalized}`).digest('hex');

const CONFIG = {
  pseudonymization: { rotation: 'monthly' },
  events: {
    'Signup Completed': {
      properties: { plan: 'keep', email: 'pseudonymize:email', ip: 'generalize:ip-address', signedUpAt: 'bin:day' },
    },
    $pageview: { properties: { $pathname: 'keep' } },
    identify: { properties: { plan: 'keep', email: 'pseudonymize:email' } },
    group: { properties: { name: 'keep' } },
  },
} as const;

interface Forwarded {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: unknown;
}

function setUp(
  options: Partial<ProxyOptions> = {},
  reply = () => new Response('{"status":1}', { headers: { 'content-type': 'application/json' } }),
) {
  const forwarded: Forwarded[] = [];
  const proxy = createProxy({
    config: CONFIG,
    key: KEY,
    basePath: '/ingest',
    vendors: {
      posthog: { host: 'https://eu.i.posthog.com', assetsHost: 'https://eu-assets.i.posthog.com' },
      segment: { host: 'https://api.segment.io' },
      rudderstack: { host: 'https://acme.dataplane.rudderstack.com' },
    },
    now: () => NOW,
    fetch: async (url, init) => {
      forwarded.push({
        url,
        method: init.method ?? 'GET',
        headers: (init.headers ?? {}) as Record<string, string>,
        ...(init.body !== undefined && { body: JSON.parse(init.body as string) }),
      });
      return reply();
    },
    ...options,
  });
  return { proxy, forwarded };
}

const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  new Request(`https://app.example${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

const ANON = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

describe('PostHog', () => {
  it('posthog-js /e/: a gzip batch, each event minimized by its plan entry, identities pseudonymized', async () => {
    const { proxy, forwarded } = setUp();
    const events = [
      {
        event: '$pageview',
        uuid: 'u-1',
        timestamp: '2024-05-17T10:20:29.000Z',
        properties: {
          token: 'phc_test',
          distinct_id: ANON,
          $device_id: ANON,
          $session_id: 's-1',
          $lib: 'web',
          $lib_version: '1.449.2',
          $current_url: 'https://app.example/reset?email=ada@example.com',
          $pathname: '/reset',
          $referrer: 'https://mail.example/inbox/ada',
          $raw_user_agent: 'Mozilla/5.0 …',
          $ip: '203.0.113.77',
        },
      },
      {
        event: 'Signup Completed',
        uuid: 'u-2',
        timestamp: '2024-05-17T10:20:30.000Z',
        properties: {
          token: 'phc_test',
          distinct_id: 'u_42',
          $session_id: 's-1',
          email: ' Ada@Example.COM',
          plan: 'pro',
          ip: '203.0.113.77',
          signedUpAt: '2024-05-17T10:20:30Z',
          password: 'hunter2',
          $set: { email: 'ada@example.com', name: 'Ada Lovelace', plan: 'pro' },
        },
      },
      {
        event: '$identify',
        uuid: 'u-3',
        properties: { token: 'phc_test', distinct_id: 'u_42', $anon_distinct_id: ANON, $set_once: { name: 'Ada' } },
      },
    ];
    const response = await proxy.handle(
      post('/ingest/posthog/e/?ip=1&_=1715941230000&ver=1.449.2&compression=gzip-js', gzipSync(JSON.stringify(events)), {
        'content-type': 'text/plain',
        cookie: 'ph_session=secret',
        'x-forwarded-for': '203.0.113.77',
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 1 });
    expect(forwarded).toStrictEqual([
      {
        url: 'https://eu.i.posthog.com/e/?_=1715941230000&ver=1.449.2',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: [
          {
            event: '$pageview',
            uuid: 'u-1',
            timestamp: '2024-05-17T10:20:29.000Z',
            properties: {
              token: 'phc_test',
              distinct_id: ps('user-id', ANON),
              $device_id: ps('user-id', ANON),
              $session_id: 's-1',
              $lib: 'web',
              $lib_version: '1.449.2',
              $pathname: '/reset',
            },
          },
          {
            event: 'Signup Completed',
            uuid: 'u-2',
            timestamp: '2024-05-17T10:20:30.000Z',
            properties: {
              token: 'phc_test',
              distinct_id: ps('user-id', 'u_42'),
              $session_id: 's-1',
              $set: { plan: 'pro', email: ps('email', 'ada@example.com') },
              plan: 'pro',
              email: ps('email', 'ada@example.com'),
              ip: '203.0.113.0',
              signedUpAt: Date.UTC(2024, 4, 17),
            },
          },
          {
            event: '$identify',
            uuid: 'u-3',
            properties: { token: 'phc_test', distinct_id: ps('user-id', 'u_42'), $anon_distinct_id: ps('user-id', ANON), $set_once: {} },
          },
        ],
      },
    ]);
    expect(proxy.stats).toStrictEqual({
      requests: 1,
      events: 3,
      forwarded: 3,
      dropped: { 'unplanned-event': 0, 'session-recording': 0, 'malformed-event': 0 },
    });
  });

  it('gives the pseudonym that the server computes with createPseudonymizer and the same key', async () => {
    const { proxy, forwarded } = setUp();
    await proxy.handle(post('/ingest/posthog/capture/', JSON.stringify({ api_key: 'phc_test', event: 'Pinged', distinct_id: 'u_42' })));
    const server = createPseudonymizer({ key: KEY, rotation: 'monthly' });
    expect(forwarded[0]!.body).toStrictEqual({
      api_key: 'phc_test',
      event: 'Pinged',
      distinct_id: server('u_42', 'user-id', { now: NOW }),
    });
  });

  it('posthog-node /batch/: Content-Encoding gzip, { api_key, batch, sent_at }, $groupidentify traits by events.group', async () => {
    const { proxy, forwarded } = setUp();
    const body = {
      api_key: 'phc_test',
      batch: [
        {
          distinct_id: 'u_42',
          event: 'Signup Completed',
          properties: { $lib: 'posthog-node', email: 'ada@example.com', plan: 'team', $geoip_disable: true },
          type: 'capture',
          library: 'posthog-node',
          library_version: '5.70.0',
          timestamp: '2024-05-17T10:20:30.000Z',
          uuid: 'u-4',
        },
        {
          distinct_id: '$company_acme',
          event: '$groupidentify',
          properties: { $group_type: 'company', $group_key: 'acme', $group_set: { name: 'Acme', billingEmail: 'ap@acme.example' } },
          uuid: 'u-5',
        },
      ],
      sent_at: '2024-05-17T10:20:31.000Z',
    };
    await proxy.handle(post('/ingest/posthog/batch/', gzipSync(JSON.stringify(body)), { 'content-encoding': 'gzip' }));
    expect(forwarded).toStrictEqual([
      {
        url: 'https://eu.i.posthog.com/batch/',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: {
          api_key: 'phc_test',
          sent_at: '2024-05-17T10:20:31.000Z',
          batch: [
            {
              distinct_id: ps('user-id', 'u_42'),
              event: 'Signup Completed',
              properties: { $lib: 'posthog-node', $geoip_disable: true, plan: 'team', email: ps('email', 'ada@example.com') },
              type: 'capture',
              library: 'posthog-node',
              library_version: '5.70.0',
              timestamp: '2024-05-17T10:20:30.000Z',
              uuid: 'u-4',
            },
            {
              distinct_id: ps('user-id', '$company_acme'),
              event: '$groupidentify',
              properties: { $group_type: 'company', $group_key: 'acme', $group_set: { name: 'Acme' } },
              uuid: 'u-5',
            },
          ],
        },
      },
    ]);
  });

  it('reads sendBeacon bodies (data=<base64>) and forwards flags requests with their answer', async () => {
    const { proxy, forwarded } = setUp(
      {},
      () => new Response('{"flags":{"beta":{"enabled":true}}}', { headers: { 'content-type': 'application/json' } }),
    );
    const beacon = `data=${encodeURIComponent(btoa(JSON.stringify([{ event: 'Pinged', properties: { distinct_id: 'u_42', note: 'x' } }])))}`;
    await proxy.handle(post('/ingest/posthog/e/?compression=base64', beacon, { 'content-type': 'application/x-www-form-urlencoded' }));
    const flags = await proxy.handle(
      post(
        '/ingest/posthog/flags/?v=2',
        JSON.stringify({
          token: 'phc_test',
          distinct_id: 'u_42',
          $anon_distinct_id: ANON,
          groups: { company: 'acme' },
          person_properties: { email: 'ada@example.com', plan: 'pro', city: 'London' },
          group_properties: { company: { name: 'Acme', size: 40 } },
        }),
      ),
    );
    expect(await flags.json()).toEqual({ flags: { beta: { enabled: true } } });
    expect(forwarded.map(({ url, body }) => ({ url, body }))).toStrictEqual([
      { url: 'https://eu.i.posthog.com/e/', body: [{ event: 'Pinged', properties: { distinct_id: ps('user-id', 'u_42') } }] },
      {
        url: 'https://eu.i.posthog.com/flags/?v=2',
        body: {
          token: 'phc_test',
          distinct_id: ps('user-id', 'u_42'),
          $anon_distinct_id: ps('user-id', ANON),
          groups: { company: 'acme' },
          person_properties: { plan: 'pro', email: ps('email', 'ada@example.com') },
          group_properties: { company: { name: 'Acme' } },
        },
      },
    ]);
  });

  it('drops session recordings and, with strictEvents, unplanned events; answers 200 without forwarding when nothing is left', async () => {
    const { proxy, forwarded } = setUp({ config: { ...CONFIG, strictEvents: true } });
    const recording = await proxy.handle(post('/ingest/posthog/s/?compression=gzip-js', gzipSync('[{"event":"$snapshot"}]')));
    expect([recording.status, await recording.text()]).toEqual([200, '{"status":1}']);
    const unplanned = await proxy.handle(
      post('/ingest/posthog/e/', JSON.stringify([{ event: 'Clicked Thing', properties: { distinct_id: 'u_42' } }])),
    );
    expect(unplanned.status).toBe(200);
    expect(forwarded).toEqual([]);
    await proxy.handle(
      post(
        '/ingest/posthog/e/',
        JSON.stringify([
          { event: 'Clicked Thing', properties: { distinct_id: 'u_42' } },
          { event: '$identify', properties: { distinct_id: 'u_42', $anon_distinct_id: ANON } },
          'not an event',
        ]),
      ),
    );
    expect(forwarded.map((f) => f.body)).toStrictEqual([
      [{ event: '$identify', properties: { distinct_id: ps('user-id', 'u_42'), $anon_distinct_id: ps('user-id', ANON) } }],
    ]);
    expect(proxy.stats.dropped).toStrictEqual({ 'unplanned-event': 2, 'session-recording': 1, 'malformed-event': 1 });
    expect(proxy.stats).toMatchObject({ requests: 3, events: 4, forwarded: 1 });
  });

  it('forwards the SDK scripts from the assets host, and leaves server-issued pseudonyms alone with keepPseudonyms', async () => {
    const { proxy, forwarded } = setUp(
      { keepPseudonyms: true },
      () => new Response('/* recorder.js */', { headers: { 'content-type': 'text/javascript', 'set-cookie': 'a=b' } }),
    );
    const script = await proxy.handle(new Request('https://app.example/ingest/posthog/static/recorder.js?v=1.449.2'));
    expect(await script.text()).toBe('/* recorder.js */');
    expect([...script.headers.keys()]).toEqual(['content-type']);
    const issued = ps('user-id', 'u_42');
    await proxy.handle(
      post('/ingest/posthog/capture/', JSON.stringify({ event: 'Pinged', distinct_id: issued, properties: { $anon_distinct_id: ANON } })),
    );
    expect(forwarded.map(({ url, method, body }) => ({ url, method, body }))).toStrictEqual([
      { url: 'https://eu-assets.i.posthog.com/static/recorder.js?v=1.449.2', method: 'GET', body: undefined },
      {
        url: 'https://eu.i.posthog.com/capture/',
        method: 'POST',
        body: { event: 'Pinged', distinct_id: issued, properties: { $anon_distinct_id: ps('user-id', ANON) } },
      },
    ]);
  });
});

describe('Segment and RudderStack', () => {
  const context = {
    ip: '203.0.113.77',
    library: { name: 'analytics.js', version: 'next-1.84.3' },
    locale: 'en-GB',
    page: { url: 'https://app.example/account?email=ada@example.com', path: '/account', referrer: '' },
    userAgent: 'Mozilla/5.0 …',
    traits: { email: 'ada@example.com', plan: 'pro', phone: '+44 20 7946 0958' },
    device: { id: 'device-7', advertisingId: 'ad-9', type: 'ios', model: 'iPhone15,2' },
    campaign: { source: 'newsletter', content: 'ada@example.com' },
  };
  const kept = {
    library: { name: 'analytics.js', version: 'next-1.84.3' },
    locale: 'en-GB',
    traits: { plan: 'pro', email: ps('email', 'ada@example.com') },
    device: { type: 'ios', model: 'iPhone15,2' },
  };

  it('analytics.js /v1/t: one track event with its writeKey, context filtered, properties by the plan', async () => {
    const { proxy, forwarded } = setUp();
    await proxy.handle(
      post(
        '/ingest/segment/v1/t',
        JSON.stringify({
          type: 'track',
          event: 'Signup Completed',
          properties: { plan: 'pro', email: 'ada@example.com', coupon: 'ADA-FRIENDS' },
          userId: 'u_42',
          anonymousId: ANON,
          context,
          messageId: 'ajs-next-1',
          timestamp: '2024-05-17T10:20:30.000Z',
          integrations: {},
          writeKey: 'wk_test',
          sentAt: '2024-05-17T10:20:30.100Z',
          _metadata: { bundled: ['Segment.io'] },
        }),
        { 'content-type': 'text/plain' },
      ),
    );
    expect(forwarded).toStrictEqual([
      {
        url: 'https://api.segment.io/v1/t',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: {
          type: 'track',
          event: 'Signup Completed',
          properties: { plan: 'pro', email: ps('email', 'ada@example.com') },
          userId: ps('user-id', 'u_42'),
          anonymousId: ps('user-id', ANON),
          context: kept,
          messageId: 'ajs-next-1',
          timestamp: '2024-05-17T10:20:30.000Z',
          integrations: {},
          writeKey: 'wk_test',
          sentAt: '2024-05-17T10:20:30.100Z',
          _metadata: { bundled: ['Segment.io'] },
        },
      },
    ]);
  });

  it('analytics-node /v1/batch: the write key header goes along, identify traits follow events.identify, alias ids are pseudonymized', async () => {
    const { proxy, forwarded } = setUp();
    const authorization = `Basic ${btoa('wk_server:')}`;
    await proxy.handle(
      post(
        '/ingest/segment/v1/batch',
        JSON.stringify({
          batch: [
            { type: 'identify', userId: 'u_42', traits: { email: 'Ada@Example.com', name: 'Ada', plan: 'pro' }, messageId: 'm-1' },
            { type: 'alias', userId: 'u_42', previousId: ANON, messageId: 'm-2' },
            {
              type: 'page',
              anonymousId: ANON,
              name: 'Pricing',
              properties: { url: 'https://app.example/pricing?ref=ada' },
              messageId: 'm-3',
            },
            { type: 'group', userId: 'u_42', groupId: 'acme', traits: { name: 'Acme', billingEmail: 'ap@acme.example' }, messageId: 'm-4' },
          ],
          sentAt: '2024-05-17T10:20:31.000Z',
        }),
        { authorization },
      ),
    );
    expect(forwarded).toStrictEqual([
      {
        url: 'https://api.segment.io/v1/batch',
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: {
          sentAt: '2024-05-17T10:20:31.000Z',
          batch: [
            {
              type: 'identify',
              userId: ps('user-id', 'u_42'),
              traits: { plan: 'pro', email: ps('email', 'ada@example.com') },
              messageId: 'm-1',
            },
            { type: 'alias', userId: ps('user-id', 'u_42'), previousId: ps('user-id', ANON), messageId: 'm-2' },
            { type: 'page', anonymousId: ps('user-id', ANON), name: 'Pricing', properties: {}, messageId: 'm-3' },
            { type: 'group', userId: ps('user-id', 'u_42'), groupId: 'acme', traits: { name: 'Acme' }, messageId: 'm-4' },
          ],
        },
      },
    ]);
  });

  it('RudderStack /v1/batch and /beacon/v1/batch: the same spec, to the data plane', async () => {
    const { proxy, forwarded } = setUp();
    const event = {
      type: 'track',
      event: 'Signup Completed',
      properties: { plan: 'free', ip: '198.51.100.7' },
      anonymousId: ANON,
      rudderId: 'r-1',
      channel: 'web',
      context: { ...context, sessionId: 1715941230000 },
      originalTimestamp: '2024-05-17T10:20:30.000Z',
    };
    const expected = {
      type: 'track',
      event: 'Signup Completed',
      properties: { plan: 'free', ip: '198.51.100.0' },
      anonymousId: ps('user-id', ANON),
      rudderId: ps('user-id', 'r-1'),
      channel: 'web',
      context: { ...kept, sessionId: 1715941230000 },
      originalTimestamp: '2024-05-17T10:20:30.000Z',
    };
    await proxy.handle(
      post('/ingest/rudderstack/v1/batch', JSON.stringify({ batch: [event], sentAt: 'now' }), { authorization: 'Basic d2s6' }),
    );
    await proxy.handle(
      post('/ingest/rudderstack/beacon/v1/batch?writeKey=wk_rudder', JSON.stringify({ batch: [event] }), { 'content-type': 'text/plain' }),
    );
    expect(forwarded).toStrictEqual([
      {
        url: 'https://acme.dataplane.rudderstack.com/v1/batch',
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Basic d2s6' },
        body: { sentAt: 'now', batch: [expected] },
      },
      {
        url: 'https://acme.dataplane.rudderstack.com/beacon/v1/batch?writeKey=wk_rudder',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: { batch: [expected] },
      },
    ]);
  });
});

describe('servers and errors', () => {
  it('serves Node http through proxy.node', async () => {
    const { proxy, forwarded } = setUp();
    const server = createServer(proxy.node);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/ingest/segment/v1/t`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ type: 'track', event: 'Signup Completed', userId: 'u_42', properties: { plan: 'pro', note: 'x' } }),
      });
      expect([response.status, await response.json()]).toEqual([200, { status: 1 }]);
      const missing = await fetch(`http://127.0.0.1:${port}/ingest/mixpanel/track`, { method: 'POST', body: '{}' });
      expect([missing.status, await missing.json()]).toEqual([404, { error: 'piiguard/proxy: no vendor is proxied at this path' }]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(forwarded.map((f) => f.body)).toStrictEqual([
      { type: 'track', event: 'Signup Completed', userId: ps('user-id', 'u_42'), properties: { plan: 'pro' } },
    ]);
  });

  it('answers bad requests with a status and a message that echoes nothing of the body', async () => {
    const { proxy, forwarded } = setUp({ maxBodyBytes: 64 });
    const answer = async (request: Request) => {
      const response = await proxy.handle(request);
      return [response.status, ((await response.json()) as { error: string }).error];
    };
    expect(await answer(post('/ingest/posthog/e/', 'email=ada@example.com'))).toEqual([
      400,
      'piiguard/proxy: the request body is not JSON',
    ]);
    expect(await answer(post('/ingest/posthog/e/', `[${'"ada@example.com",'.repeat(10)}1]`))).toEqual([
      413,
      'piiguard/proxy: the request body is larger than 64 bytes',
    ]);
    expect(await answer(post('/ingest/posthog/e/', gzipSync('[]'.padEnd(500)), { 'content-encoding': 'gzip' }))).toEqual([
      413,
      'piiguard/proxy: the request body is larger than 64 bytes',
    ]);
    expect(await answer(post('/ingest/posthog/e/', 'not gzip', { 'content-encoding': 'gzip' }))).toEqual([
      400,
      'piiguard/proxy: the request body is not valid gzip',
    ]);
    expect(await answer(post('/ingest/posthog/e/', '"ada@example.com"'))).toEqual([
      400,
      'piiguard/proxy: expected an event, an array of events or { batch: [...] }',
    ]);
    expect(await answer(post('/ingest/segment/v1/projects', '{}'))).toEqual([
      404,
      'piiguard/proxy: the proxy forwards no segment POST request at this path',
    ]);
    expect(await answer(post('/other/posthog/e/', '[]'))).toEqual([404, 'piiguard/proxy: no vendor is proxied at this path']);
    expect(forwarded).toEqual([]);
    const down = setUp({}, () => {
      throw new Error('ECONNREFUSED');
    });
    const response = await down.proxy.handle(post('/ingest/posthog/capture/', '{"event":"Pinged","distinct_id":"u_42"}'));
    expect([response.status, await response.json()]).toEqual([502, { error: 'piiguard/proxy: the vendor could not be reached' }]);
  });

  it('refuses a bad config, a missing or short key and unknown vendors at creation, never showing the key', () => {
    const vendors = { posthog: { host: 'https://eu.i.posthog.com' } };
    expect(() => createProxy({ config: { events: { X: { properties: { a: 'hash' as never } } } }, key: KEY, vendors })).toThrow(
      /piiguard\/proxy config: events\.X\.properties\.a — expected keep, drop, pseudonymize:<category>/,
    );
    expect(() => createProxy({ config: {}, vendors })).toThrow(/^piiguard\/proxy: no pseudonymization key; pass createProxy\(\{ key \}\)/);
    expect(() => createProxy({ config: {}, key: 'short-key', vendors })).toThrow(/^piiguard\/proxy: key must be at least 16 bytes/);
    expect(() => createProxy({ config: {}, key: 'short-key', vendors })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('short-key') }),
    );
    expect(() => createProxy({ config: {}, key: KEY, vendors: { mixpanel: { host: 'https://api.mixpanel.com' } } as never })).toThrow(
      /vendors\.mixpanel is not a vendor the proxy knows; expected posthog, segment, rudderstack/,
    );
    expect(() => createProxy({ config: {}, key: KEY, vendors: { segment: { host: 'api.segment.io' } } })).toThrow(
      /vendors\.segment\.host must be an http\(s\) origin/,
    );
    process.env.PIIGUARD_PROXY_TEST_KEY = KEY;
    try {
      expect(() => createProxy({ config: { pseudonymization: { keyEnv: 'PIIGUARD_PROXY_TEST_KEY' } }, vendors })).not.toThrow();
    } finally {
      delete process.env.PIIGUARD_PROXY_TEST_KEY;
    }
  });

  it('bundles for edge runtimes: no Node built-in, no engine, no TypeScript', async () => {
    const result = await build({
      absWorkingDir: fileURLToPath(new URL('../..', import.meta.url)),
      entryPoints: ['proxy/index.ts'],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(
      inputs.filter(
        (input) =>
          !/^(proxy|runtime|core\/config|core\/sinks)\/|^core\/(plan|taxonomy|errors)\.ts$|^node_modules\/(zod|@noble\/hashes)\//.test(
            input,
          ),
      ),
    ).toEqual([]);
    expect(result.outputFiles[0]!.text).not.toMatch(/["']node:|\brequire\(/);
  });
});
