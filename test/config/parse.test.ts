/**
 * parseConfig: the schema, its defaults, the rules that span keys, and the exact wording of
 * every message. Each valid case says why it is valid; each invalid one asserts the whole text.
 */
import { describe, expect, expectTypeOf, test } from 'vitest';
import { ConfigError } from '../../core/errors.js';
import { defineConfig, getDefaultConfig, parseConfig, type PiiguardConfigInput } from '../../core/config/index.js';
import { CANONICAL_CONFIG, DEFAULT_CONFIG } from './canonical.js';

const FILE = 'piiguard.config.json';

function getMessage(input: unknown): string {
  try {
    parseConfig(input, { file: FILE });
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

/** An allow entry that is valid on its own; cases change one key. */
const entry = { category: 'user-id', sink: '*', events: '*', reason: 'pseudonymous analytics' } as const;

describe('valid configs', () => {
  test('nothing written: every default', () => {
    expect(parseConfig({})).toEqual(DEFAULT_CONFIG);
    expect(getDefaultConfig()).toEqual(DEFAULT_CONFIG);
  });

  test('the SPEC §6 example, with $schema, normalises to what the engine reads', () => {
    const { allow, ...rest } = CANONICAL_CONFIG;
    const written = {
      $schema: './node_modules/piiguard/schema.json',
      ...rest,
      allow: allow.map(({ index: _index, ...written }) => written),
    };
    expect(parseConfig(written)).toEqual(CANONICAL_CONFIG);
  });

  test('allow[].index is the position in the written array; form defaults to pseudonymized', () => {
    const config = parseConfig({ allow: [entry, { ...entry, form: 'redacted', events: ['Signed Up', 'Logged In'] }] });
    expect(config.allow).toEqual([
      { ...entry, form: 'pseudonymized', index: 0 },
      { ...entry, form: 'redacted', events: ['Signed Up', 'Logged In'], index: 1 },
    ]);
  });

  test('a custom category can be used in sources, allow and plan actions', () => {
    const config = parseConfig({
      categories: { 'loyalty-tier': { tier: 'quasi-identifier' } },
      sources: [{ type: 'Member', property: 'tier', category: 'loyalty-tier' }],
      allow: [{ ...entry, category: 'loyalty-tier' }],
      events: { Upgraded: { properties: { tier: 'pseudonymize:loyalty-tier' } } },
    });
    expect(config.categories).toEqual({ 'loyalty-tier': { tier: 'quasi-identifier' } });
  });

  test('heuristicWords: words to add with their category (built in or custom), words to remove', () => {
    const config = parseConfig({
      categories: { 'member-number': { tier: 'linkable-identifier' } },
      heuristicWords: { add: { mail_addr: 'email', member_no: 'member-number' }, remove: ['tel'] },
    });
    expect(config.heuristicWords).toEqual({ add: { mail_addr: 'email', member_no: 'member-number' }, remove: ['tel'] });
  });

  test('an allow entry may name a user sink by its id', () => {
    const config = parseConfig({ sinks: [{ id: 'acme', module: './sdk', call: 'track' }], allow: [{ ...entry, sink: 'acme' }] });
    expect(config.allow[0]?.sink).toBe('acme');
  });

  test('with strictEvents, allow entries may name the events of the plan', () => {
    const config = parseConfig({ strictEvents: true, events: { 'Signed Up': {} }, allow: [{ ...entry, events: ['Signed Up'] }] });
    expect(config.events).toEqual({ 'Signed Up': { properties: {} } });
  });

  test('a custom category may have a name that every object has', () => {
    const config = parseConfig({ categories: { constructor: { tier: 'user-content' } }, allow: [{ ...entry, category: 'constructor' }] });
    expect(config.categories).toEqual({ constructor: { tier: 'user-content' } });
  });

  test('a credential may be a source (it is tagged so that it is caught), just never approved', () => {
    expect(parseConfig({ sources: [{ module: 'auth', call: 'getToken', category: 'credential' }] }).sources).toHaveLength(1);
  });

  test('an expiry on 29 February of a leap year is a real date', () => {
    expect(parseConfig({ allow: [{ ...entry, expires: '2028-02-29' }] }).allow[0]?.expires).toBe('2028-02-29');
  });

  test('the reason is kept as written, without surrounding blanks', () => {
    expect(parseConfig({ allow: [{ ...entry, reason: '  analytics  ' }] }).allow[0]?.reason).toBe('analytics');
  });

  test('pseudonymization: a key source and a rotation', () => {
    expect(parseConfig({ pseudonymization: { keyEnv: 'PIIGUARD_KEY' } }).pseudonymization).toEqual({
      keyEnv: 'PIIGUARD_KEY',
      rotation: 'none',
    });
    expect(parseConfig({ pseudonymization: { key: 'k', rotation: 'weekly' } }).pseudonymization).toEqual({ key: 'k', rotation: 'weekly' });
  });

  test('consent: the check defaults to piiguard/runtime hasConsent; a list of purposes names itself', () => {
    expect(parseConfig({ consent: {} }).consent).toEqual({
      module: 'piiguard/runtime',
      call: 'hasConsent',
      purposes: { analytics: 'analytics', marketing: 'marketing' },
    });
    expect(parseConfig({ consent: { module: 'vanilla-cookieconsent', call: 'acceptedCategory', purposes: ['ai'] } }).consent).toEqual({
      module: 'vanilla-cookieconsent',
      call: 'acceptedCategory',
      purposes: { ai: 'ai' },
    });
  });

  test("consent: purposes mapped to the consent tool's names, or to IAB TCF purpose ids", () => {
    expect(parseConfig({ consent: { module: '@iabtcf/core', call: 'has', purposes: { analytics: 8, marketing: 'ads' } } }).consent).toEqual(
      {
        module: '@iabtcf/core',
        call: 'has',
        purposes: { analytics: 8, marketing: 'ads' },
      },
    );
  });

  test('a user sink may name its purpose; the proxy is a pseudonymization setting', () => {
    const config = parseConfig({
      sinks: [{ id: 'acme', module: './src/sdk', call: 'track', purpose: 'marketing' }],
      pseudonymization: { proxy: '/ingest' },
    });
    expect(config.sinks[0]).toEqual({ id: 'acme', module: './src/sdk', call: 'track', purpose: 'marketing' });
    expect(config.pseudonymization).toEqual({ rotation: 'none', proxy: '/ingest' });
  });

  test('defineConfig returns its argument and is typed by the schema input', () => {
    const written = { heuristics: 'off', allow: [entry] } satisfies PiiguardConfigInput;
    expect(defineConfig(written)).toBe(written);
    expectTypeOf(defineConfig).parameter(0).toEqualTypeOf<PiiguardConfigInput>();
    expectTypeOf<PiiguardConfigInput['heuristics']>().toEqualTypeOf<'off' | 'warn' | 'error' | undefined>();
    // @ts-expect-error: an unknown key is a type error too
    defineConfig({ strictEvent: true });
  });
});

describe('shape errors', () => {
  test.each<[string, unknown, string]>([
    ['the config is not an object', [1, 2], `${FILE}: (root) — expected an object, got [1,2]`],
    ['a wrong type', { strictEvents: 'yes' }, `${FILE}: strictEvents — expected true or false, got "yes"`],
    ['a value outside an enum', { heuristics: 'loud' }, `${FILE}: heuristics — expected "off", "warn" or "error", got "loud"`],
    ['onUnapproved', { onUnapproved: 'ignore' }, `${FILE}: onUnapproved — expected "error", "drop" or "pseudonymize", got "ignore"`],
    ['an empty string', { project: '' }, `${FILE}: project — expected a tsconfig path, got ""`],
    [
      'a bad expiry date (not a date)',
      { allow: [entry, entry, { ...entry, expires: 'next year' }] },
      `${FILE}: allow[2].expires — expected an ISO date (YYYY-MM-DD), got "next year"`,
    ],
    [
      'a bad expiry date (no such day)',
      { allow: [{ ...entry, expires: '2027-02-29' }] },
      `${FILE}: allow[0].expires — expected an ISO date (YYYY-MM-DD), got "2027-02-29"`,
    ],
    [
      'a missing reason',
      { allow: [{ category: 'email', sink: '*', events: '*' }] },
      `${FILE}: allow[0].reason — expected a reason (a non-empty string), got nothing`,
    ],
    [
      'a blank reason',
      { allow: [{ ...entry, reason: '   ' }] },
      `${FILE}: allow[0].reason — expected a reason (a non-empty string), got "   "`,
    ],
    [
      'events: a string other than "*"',
      { allow: [{ ...entry, events: 'all' }] },
      `${FILE}: allow[0].events — expected "*" or a list of event names, got "all"`,
    ],
    [
      'events: an empty list approves nothing',
      { allow: [{ ...entry, events: [] }] },
      `${FILE}: allow[0].events — expected "*" or a non-empty list of event names, got []`,
    ],
    [
      'events: one bad name in the list',
      { allow: [{ ...entry, events: ['a', 3] }] },
      `${FILE}: allow[0].events[1] — expected an event name, got 3`,
    ],
    [
      'form',
      { allow: [{ ...entry, form: 'encrypted' }] },
      `${FILE}: allow[0].form — expected "raw", "pseudonymized", "hashed", "generalized", "binned", "noised" or "redacted", got "encrypted"`,
    ],
    [
      'a sanitizer that produces raw',
      { sanitizers: [{ module: './crypto', call: 'encode', form: 'raw' }] },
      `${FILE}: sanitizers[0].form — expected the form it produces (a sanitizer's result is not raw): "pseudonymized", "hashed", "generalized", "binned", "noised" or "redacted", got "raw"`,
    ],
    [
      'a sink argument index',
      { sinks: [{ id: 'acme', module: './sdk', call: 'track', event: 1.5 }] },
      `${FILE}: sinks[0].event — expected an argument index (a whole number from 0), got 1.5`,
    ],
    [
      'a payload index',
      { sinks: [{ id: 'acme', module: './sdk', call: 'track', payload: [1, -1] }] },
      `${FILE}: sinks[0].payload[1] — expected an argument index (a whole number from 0), got -1`,
    ],
    [
      'a custom category name that is not kebab-case',
      { categories: { LoyaltyTier: { tier: 'quasi-identifier' } } },
      `${FILE}: categories.LoyaltyTier — expected a category name in kebab-case (\`loyalty-tier\`), got "LoyaltyTier"`,
    ],
    [
      'a tier that does not exist',
      { categories: { 'loyalty-tier': { tier: 'low' } } },
      `${FILE}: categories["loyalty-tier"].tier — expected "direct-identifier", "linkable-identifier", "quasi-identifier", "special-category", "secret" or "user-content", got "low"`,
    ],
    [
      'a plan action that does not exist',
      { events: { 'Signup Completed': { properties: { email: 'hash' } } } },
      `${FILE}: events["Signup Completed"].properties.email — expected keep, drop, pseudonymize:<category>, generalize:<category> or bin:hour|day|week, got "hash"`,
    ],
    [
      'generalize: a category without a generaliser',
      { events: { 'Signed Up': { properties: { email: 'generalize:email' } } } },
      `${FILE}: events["Signed Up"].properties.email — expected generalize:<category> with a category that has a generaliser (ip-address, precise-location, date-of-birth, postal-code), got "generalize:email"`,
    ],
    [
      'bin: a unit that does not exist',
      { events: { 'Signed Up': { properties: { at: 'bin:month' } } } },
      `${FILE}: events["Signed Up"].properties.at — expected bin:hour, bin:day or bin:week, got "bin:month"`,
    ],
    [
      'keyEnv that is not an environment variable name',
      { pseudonymization: { keyEnv: 'my key' } },
      `${FILE}: pseudonymization.keyEnv — expected the name of an environment variable, got "my key"`,
    ],
    [
      'a long value is shortened',
      { include: { a: 'x'.repeat(100) } },
      `${FILE}: include — expected a list of globs, got {"a":"${'x'.repeat(73)}…`,
    ],
  ])('%s', (_why, input, message) => {
    expect(getMessage(input)).toBe(message);
  });

  test('the key is never echoed, even when it has the wrong type', () => {
    expect(getMessage({ pseudonymization: { key: 123456 } })).toBe(
      `${FILE}: pseudonymization.key — expected a key (a non-empty string), got a number (not shown: it is a key)`,
    );
  });
});

describe('unknown keys', () => {
  test.each<[string, unknown, string]>([
    [
      'a typo at the top',
      { strictEvent: true },
      `${FILE}: strictEvent — expected a known key (did you mean "strictEvents"?), got "strictEvent"`,
    ],
    [
      'a typo in a case',
      { Heuristics: 'off' },
      `${FILE}: Heuristics — expected a known key (did you mean "heuristics"?), got "Heuristics"`,
    ],
    [
      'a typo in an allow entry',
      { allow: [{ ...entry, reson: 'x' }] },
      `${FILE}: allow[0].reson — expected a known key (did you mean "reason"?), got "reson"`,
    ],
    [
      'nothing close: the known keys are listed',
      { allow: [{ ...entry, approvedBy: 'legal' }] },
      `${FILE}: allow[0].approvedBy — expected a known key (category, form, sink, events, reason, owner, expires), got "approvedBy"`,
    ],
    [
      'in a source, the keys of the kind of source it evidently is',
      { sources: [{ type: 'User', property: 'email', category: 'email', modul: 'db' }] },
      `${FILE}: sources[0].modul — expected a known key (did you mean "module"?), got "modul"`,
    ],
    [
      'in an event plan',
      { events: { 'Signed Up': { propertes: {} } } },
      `${FILE}: events["Signed Up"].propertes — expected a known key (did you mean "properties"?), got "propertes"`,
    ],
  ])('%s', (_why, input, message) => {
    expect(getMessage(input)).toBe(message);
  });
});

describe('sources: one of two shapes', () => {
  test('a type source missing its property', () => {
    expect(getMessage({ sources: [{ type: 'User', category: 'email' }] })).toBe(
      `${FILE}: sources[0].property — expected a property name, got nothing`,
    );
  });

  test('a call source missing its call', () => {
    expect(getMessage({ sources: [{ module: 'request-ip', category: 'ip-address' }] })).toBe(
      `${FILE}: sources[0].call — expected an export path (\`track\`, \`default.capture\`), got nothing`,
    );
  });

  test('no shape: all are named (a request source lacks fewest keys, but nothing says it was meant)', () => {
    expect(getMessage({ sources: [{ category: 'email' }] })).toBe(
      `${FILE}: sources[0] — expected a source: { type, property, category }, { module, call, category } or { request, property?, category }, got {"category":"email"}`,
    );
  });

  test('a request source with a part that is not one', () => {
    expect(getMessage({ sources: [{ request: 'bodies', property: 'email', category: 'email' }] })).toBe(
      `${FILE}: sources[0].request — expected "body", "query", "params", "headers" or "cookies", got "bodies"`,
    );
  });

  test('a purpose that is not one', () => {
    expect(getMessage({ sinks: [{ id: 'acme', module: './sdk', call: 'track', purpose: 'ads' }] })).toBe(
      `${FILE}: sinks[0].purpose — expected "analytics", "diagnostics", "marketing", "ai" or "logging", got "ads"`,
    );
  });

  test('a category of the wrong type', () => {
    expect(getMessage({ sources: [{ module: 'm', call: 'c', category: 3 }] })).toBe(
      `${FILE}: sources[0].category — expected a category name, got 3`,
    );
  });
});

describe('contradictions', () => {
  test.each<[string, unknown, string]>([
    [
      'credential can never be approved',
      { allow: [entry, { ...entry, category: 'credential', form: 'hashed' }] },
      `${FILE}: allow[1].category — expected a category that can be approved (credential can never be approved: it is a secret), got "credential"`,
    ],
    [
      'nor can a custom category of the secret tier',
      { categories: { 'api-token': { tier: 'secret' } }, allow: [{ ...entry, category: 'api-token' }] },
      `${FILE}: allow[0].category — expected a category that can be approved (api-token can never be approved: it is a secret), got "api-token"`,
    ],
    [
      'an unknown category in allow, with a suggestion',
      { allow: [{ ...entry, category: 'emial' }] },
      `${FILE}: allow[0].category — expected a category that is built in or declared in "categories" (did you mean "email"?), got "emial"`,
    ],
    [
      'a name that every object has is still not a category',
      { allow: [{ ...entry, category: 'constructor' }] },
      `${FILE}: allow[0].category — expected a category that is built in or declared in "categories", got "constructor"`,
    ],
    [
      'an unknown category for a heuristic word, with a suggestion',
      { heuristicWords: { add: { mail_addr: 'emial' } } },
      `${FILE}: heuristicWords.add.mail_addr — expected a category that is built in or declared in "categories" (did you mean "email"?), got "emial"`,
    ],
    [
      'heuristic words to remove are a list',
      { heuristicWords: { remove: 'tel' } },
      `${FILE}: heuristicWords.remove — expected a list of words, got "tel"`,
    ],
    [
      'an unknown category in sources',
      { sources: [{ type: 'User', property: 'tier', category: 'loyalty-tier' }] },
      `${FILE}: sources[0].category — expected a category that is built in or declared in "categories", got "loyalty-tier"`,
    ],
    [
      'an unknown category in a plan action',
      { events: { 'Signed Up': { properties: { email: 'pseudonymize:emial' } } } },
      `${FILE}: events["Signed Up"].properties.email — expected pseudonymize:<category> with a category that is built in or declared in "categories" (did you mean "pseudonymize:email"?), got "pseudonymize:emial"`,
    ],
    [
      'a credential in the plan',
      { events: { 'Logged In': { properties: { password: 'pseudonymize:credential' } } } },
      `${FILE}: events["Logged In"].properties.password — expected an action for data that may leave the app (credential can never be sent, in any form), got "pseudonymize:credential"`,
    ],
    [
      'a built-in category cannot be redefined',
      { categories: { email: { tier: 'quasi-identifier' } } },
      `${FILE}: categories.email — expected a name that is not a built-in category (built-in categories cannot be redefined), got "email"`,
    ],
    [
      'an unknown sink id in allow, with a suggestion',
      { allow: [{ ...entry, sink: 'posthgo' }] },
      `${FILE}: allow[0].sink — expected "*", a built-in sink id or the id of one of "sinks" (did you mean "posthog"?), got "posthgo"`,
    ],
    [
      'an unknown sink id in allow, nothing close: the built-in ids are listed',
      { allow: [{ ...entry, sink: 'hubspot' }] },
      `${FILE}: allow[0].sink — expected "*", a built-in sink id or the id of one of "sinks" (built in: segment, rudderstack, mixpanel, posthog, amplitude, google-analytics, sentry, datadog, opentelemetry, console, logger, jitsu, heap, customerio, braze, vercel-analytics, plausible, umami, bugsnag, rollbar, airbrake, honeybadger, newrelic, logrocket, fullstory, hotjar, clarity, intercom, openai, anthropic, ai-sdk, axiom, trigger-dev), got "hubspot"`,
    ],
    [
      'the same user sink call declared twice (several calls may share one id)',
      {
        sinks: [
          { id: 'acme', module: './sdk', call: 'track' },
          { id: 'acme', module: './sdk', call: 'identify' },
          { id: 'acme-2', module: './sdk', call: 'track' },
        ],
      },
      `${FILE}: sinks[2] — expected a call not already declared (sinks[0] declares ./sdk track), got {"id":"acme-2","module":"./sdk","call":"track"}`,
    ],
    [
      'the same call again under another spelling of its module path: both entries named',
      {
        sinks: [
          { id: 'acme', module: './src/sdk', call: 'track' },
          { id: 'acme', module: './src/sdk', call: 'identify' },
          { id: 'acme', module: 'sdk', call: 'track' },
          { id: 'acme-2', module: './lib/../src/sdk.ts', call: 'track' },
        ],
      },
      `${FILE}: sinks[3] — expected a call not already declared (sinks[0] declares ./src/sdk track), got {"id":"acme-2","module":"./lib/../src/sdk.ts","call":"track"}`,
    ],
    [
      'a user sink that takes a built-in id',
      { sinks: [{ id: 'posthog', module: './sdk', call: 'track' }] },
      `${FILE}: sinks[0].id — expected a sink id that is not a built-in one (segment, rudderstack, mixpanel, posthog, amplitude, google-analytics, sentry, datadog, opentelemetry, console, logger, jitsu, heap, customerio, braze, vercel-analytics, plausible, umami, bugsnag, rollbar, airbrake, honeybadger, newrelic, logrocket, fullstory, hotjar, clarity, intercom, openai, anthropic, ai-sdk, axiom, trigger-dev), got "posthog"`,
    ],
    [
      'with strictEvents, an allowed event that is not in the plan',
      { strictEvents: true, events: { 'Signed Up': {} }, allow: [{ ...entry, events: ['Signed Up', 'Signed  Up!'] }] },
      `${FILE}: allow[0].events[1] — expected an event of the tracking plan "events", since "strictEvents" is on (did you mean "Signed Up"?), got "Signed  Up!"`,
    ],
    [
      'two key sources',
      { pseudonymization: { key: 'secret', keyEnv: 'PIIGUARD_KEY' } },
      `${FILE}: pseudonymization — expected one key source, "keyEnv" or "key", got both`,
    ],
  ])('%s', (_why, input, message) => {
    expect(getMessage(input)).toBe(message);
  });

  test('without strictEvents, allow entries may name events the plan does not list', () => {
    expect(parseConfig({ events: { 'Signed Up': {} }, allow: [{ ...entry, events: ['Checkout'] }] }).allow).toHaveLength(1);
  });
});

describe('several problems: every one, one per line, in the order of the file', () => {
  test('shape problems, in document order (a missing key after the written ones)', () => {
    expect(
      getMessage({ heuristics: 'loud', allow: [{ category: 'email', sink: '*', events: '*', expires: 'soon' }], strictEvent: true }),
    ).toBe(
      [
        `${FILE}: heuristics — expected "off", "warn" or "error", got "loud"`,
        `${FILE}: allow[0].expires — expected an ISO date (YYYY-MM-DD), got "soon"`,
        `${FILE}: allow[0].reason — expected a reason (a non-empty string), got nothing`,
        `${FILE}: strictEvent — expected a known key (did you mean "strictEvents"?), got "strictEvent"`,
      ].join('\n'),
    );
  });

  test('contradictions are checked once the shape is right', () => {
    expect(getMessage({ allow: [{ ...entry, category: 'credential' }], sinks: [{ id: 3 }] })).toBe(
      [
        `${FILE}: sinks[0].id — expected a sink id, got 3`,
        `${FILE}: sinks[0].module — expected a package name or a path relative to the config file, got nothing`,
        `${FILE}: sinks[0].call — expected an export path (\`track\`, \`default.capture\`), got nothing`,
      ].join('\n'),
    );
    expect(getMessage({ allow: [{ ...entry, category: 'credential', sink: 'postgog' }] })).toBe(
      [
        `${FILE}: allow[0].category — expected a category that can be approved (credential can never be approved: it is a secret), got "credential"`,
        `${FILE}: allow[0].sink — expected "*", a built-in sink id or the id of one of "sinks" (did you mean "posthog"?), got "postgog"`,
      ].join('\n'),
    );
  });

  test('ConfigError.keyPath is the first problem; the prefix names the config inside its file', () => {
    try {
      parseConfig({ allow: [{ ...entry, expires: 'next year' }] }, { file: 'package.json', prefix: ['piiguard'] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).keyPath).toBe('piiguard.allow[0].expires');
      expect((error as ConfigError).message).toBe(
        'package.json: piiguard.allow[0].expires — expected an ISO date (YYYY-MM-DD), got "next year"',
      );
    }
  });
});
