/**
 * The one schema of piiguard's config (SPEC §6), in the style of knip's
 * `src/schema/configuration.ts`: every key has a description and a default, `schema.json` is
 * generated from it (scripts/generate-schema.mjs), and `defineConfig` is typed by its input.
 *
 * Each schema also carries the words of its error message: the `error` given to it is what
 * `<file>: <key path> — expected <…>, got <…>` says was expected. Rules that span several keys
 * (a category used in `allow` must exist …) live in `contradictions.ts`.
 */
import { z } from 'zod';
import { BUILTIN_SINK_IDS } from '../sinks/index.js';
import {
  BUILTIN_CATEGORIES,
  DEFAULT_CONSENT_PURPOSES,
  FORMS,
  GENERALIZERS,
  PURPOSES,
  TIERS,
  type BuiltinCategory,
  type Form,
  type Purpose,
  type Tier,
} from '../taxonomy.js';
import { formatChoices } from './closest-name.js';

export const BUILTIN_CATEGORY_NAMES = Object.keys(BUILTIN_CATEGORIES) as BuiltinCategory[];
/** The built-in categories that may leave the app in some form: every one but the secrets. */
const SENDABLE_CATEGORY_NAMES = BUILTIN_CATEGORY_NAMES.filter((name) => BUILTIN_CATEGORIES[name] !== 'secret');
/** The categories that `generalize:<category>` accepts: those with a runtime generaliser. */
export const GENERALIZABLE_CATEGORIES = Object.keys(GENERALIZERS);
export const BIN_UNITS = ['hour', 'day', 'week'] as const;
export const HEURISTICS_LEVELS = ['off', 'warn', 'error'] as const;
export const ROTATIONS = ['none', 'daily', 'weekly', 'monthly'] as const;
export const UNAPPROVED_ACTIONS = ['error', 'drop', 'pseudonymize'] as const;
/** The parts of an incoming request that a `request` source names (core/request-sources.ts). */
export const REQUEST_PARTS = ['body', 'query', 'params', 'headers', 'cookies'] as const;

type SanitizedForm = Exclude<Form, 'raw'>;
const SANITIZED_FORMS = FORMS.filter((form): form is SanitizedForm => form !== 'raw') as [SanitizedForm, ...SanitizedForm[]];

/** Custom category names are kebab-case like the built-in ones. */
const CATEGORY_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

// ─── building blocks ────────────────────────────────────────────────────────────────────────────

/** A non-empty string; `expected` is what an error message says was expected. */
function text(expected: string) {
  return z.string({ error: expected }).min(1, { error: expected });
}

/**
 * A name that editors complete from `known` but that may also be one the config declares
 * elsewhere (a custom category, a user sink id); `contradictions.ts` checks that it exists.
 * The static type keeps the known names for completion in `defineConfig`.
 */
function openNames<const T extends string>(known: readonly T[], expected: string): z.ZodType<T | (string & {}), T | (string & {})> {
  return z.union([z.enum(known as [T, ...T[]]), text(expected)], { error: expected });
}

function argumentIndex() {
  const expected = 'an argument index (a whole number from 0)';
  return z.number({ error: expected }).int({ error: expected }).min(0, { error: expected });
}

function modulePath() {
  return text('a package name or a path relative to the config file').meta({
    description: 'A package name (`request-ip`, `@acme/sdk`) or a path relative to the config file (`./src/sdk`).',
  });
}

function exportPath() {
  return text('an export path (`track`, `default.capture`)').meta({
    description: 'The export path of the function: `track`, `default.capture`, `analytics.track`.',
  });
}

/** A category name; editors complete `known` (the built-in ones, or those that may be approved). */
function category(description: string, known: readonly BuiltinCategory[] = BUILTIN_CATEGORY_NAMES) {
  return openNames(known, 'a category name').meta({ description });
}

function purpose() {
  return z.enum(PURPOSES as [Purpose, ...Purpose[]], { error: formatChoices(PURPOSES) });
}

// ─── sources, sinks, sanitizers ─────────────────────────────────────────────────────────────────

const typeSource = z
  .strictObject(
    {
      type: text('a type name').meta({ description: 'The declared name of an interface, type alias or class (`CrmCustomer`).' }),
      property: text('a property name').meta({ description: 'The property of that type that holds personal data.' }),
      module: modulePath()
        .optional()
        .meta({ description: 'Where the type is declared, when its name alone is ambiguous. Default: any module.' }),
      category: category('The category of the data in that property.'),
    },
    { error: 'a source: { type, property, category }' },
  )
  .meta({ description: 'A property of a type you cannot edit (a generated client, `@prisma/client`).' });

const callSource = z
  .strictObject(
    {
      module: modulePath(),
      call: exportPath(),
      category: category('The category of the data the function returns.'),
    },
    { error: 'a source: { module, call, category }' },
  )
  .meta({ description: 'A function whose result is personal data (`request-ip`’s `getClientIp`).' });

const requestSource = z
  .strictObject(
    {
      request: z.enum(REQUEST_PARTS, { error: formatChoices(REQUEST_PARTS) }).meta({
        description:
          'The part of an incoming request: NestJS `@Body()`/`@Query()`/`@Param()`/`@Headers()` parameters, express and Fastify ' +
          '`req.body`/`req.query`/`req.params`/`req.headers`/`req.cookies`, a Web or Next.js `Request`’s `json()`, `formData()` and `headers`.',
      }),
      property: text('a property name')
        .optional()
        .meta({ description: 'The property of that part that holds personal data (`email`). Default: the whole part is personal data.' }),
      category: category('The category of the data in that part or property.'),
    },
    { error: 'a source: { request, property?, category }' },
  )
  .meta({ description: 'Request data: values that come into the process untyped, from a route handler’s request.' });

const source = z.union([typeSource, callSource, requestSource], {
  error: 'a source: { type, property, category }, { module, call, category } or { request, property?, category }',
});

const sink = z
  .strictObject(
    {
      id: text('a sink id').meta({ description: 'The sink id that findings and `allow` entries use (`acme`).' }),
      module: modulePath(),
      call: exportPath(),
      event: argumentIndex().optional().meta({ description: 'Argument index of the event name. Default: the call has no event name.' }),
      payload: z
        .array(argumentIndex(), { error: 'a list of argument indexes' })
        .optional()
        .meta({ description: 'Argument indexes that carry data. Default: every argument.' }),
      purpose: purpose().optional().meta({
        description: 'What the sink sends data for; with `consent`, its calls need consent for it. Default: none (no consent check).',
      }),
    },
    { error: 'a sink: { id, module, call, event?, payload?, purpose? }' },
  )
  .meta({ description: 'A call of your own that sends data out of the app (an in-house SDK).' });

const sanitizer = z
  .strictObject(
    {
      module: modulePath(),
      call: exportPath(),
      form: z
        .enum(SANITIZED_FORMS, {
          error: (issue) =>
            issue.input === 'raw'
              ? `the form it produces (a sanitizer's result is not raw): ${formatChoices(SANITIZED_FORMS)}`
              : formatChoices(SANITIZED_FORMS),
        })
        .meta({ description: 'The form of the function’s result (SPEC §3). A sanitizer never produces `raw`.' }),
    },
    { error: 'a sanitizer: { module, call, form }' },
  )
  .meta({ description: 'A function of your own that turns personal data into a safer form.' });

// ─── policy and tracking plan ───────────────────────────────────────────────────────────────────

const customCategory = z
  .strictObject(
    {
      tier: z.enum(TIERS as [Tier, ...Tier[]], { error: formatChoices(TIERS) }).meta({
        description: 'How identifying the data is; decides the rules that apply (`secret` is never allowed anywhere).',
      }),
    },
    { error: 'a category: { tier }' },
  )
  .meta({ description: 'A category of your own.' });

const eventNames = z
  .array(text('an event name'), { error: '"*" or a list of event names' })
  .min(1, { error: '"*" or a non-empty list of event names' });

const allowEntry = z
  .strictObject(
    {
      category: category('The category this entry approves (`credential` can never be approved).', SENDABLE_CATEGORY_NAMES),
      form: z
        .enum(FORMS as [Form, ...Form[]], { error: formatChoices(FORMS) })
        .default('pseudonymized')
        .meta({ description: 'The form the value reaches the sink in.' }),
      sink: openNames(['*', ...BUILTIN_SINK_IDS], '"*" or a sink id').meta({
        description: 'A built-in sink id (`posthog`, `sentry` …), the id of one of `sinks`, or `*` for any sink.',
      }),
      events: z
        .union([z.literal('*'), eventNames], { error: '"*" or a list of event names' })
        .meta({ description: 'The event names this entry approves, or `*` for any event (and calls without one).' }),
      reason: z
        .string({ error: 'a reason (a non-empty string)' })
        .trim()
        .min(1, { error: 'a reason (a non-empty string)' })
        .meta({ description: 'Why this flow is acceptable. Required: it is what a privacy review reads.' }),
      owner: text('an owner (a non-empty string)')
        .optional()
        .meta({ description: 'Who answers for the approval (a team or a person). Default: none.' }),
      expires: z.iso
        .date({ error: 'an ISO date (YYYY-MM-DD)' })
        .optional()
        .meta({ description: 'ISO date (YYYY-MM-DD); after it the entry no longer approves. Default: never expires.' }),
    },
    { error: 'an allow entry: { category, form, sink, events, reason, owner?, expires? }' },
  )
  .meta({ description: 'An approved flow: data of `category`, in `form`, to `sink`, in `events`.' });

const PLAN_ACTION = 'keep, drop, pseudonymize:<category>, generalize:<category> or bin:hour|day|week';
const FIXED_ACTIONS = ['keep', 'drop', ...BIN_UNITS.map((unit) => `bin:${unit}` as const)] as const;

const planAction = z
  .union(
    [
      z.enum(FIXED_ACTIONS),
      // The built-in categories are listed so that editors complete them; custom ones match the pattern.
      z.enum(SENDABLE_CATEGORY_NAMES.map((name) => `pseudonymize:${name}` as const) as [`pseudonymize:${BuiltinCategory}`]),
      z.templateLiteral(['pseudonymize:', z.string().min(1)]),
      z.enum(GENERALIZABLE_CATEGORIES.map((name) => `generalize:${name}` as const) as [`generalize:${string}`]),
    ],
    {
      error: (issue) => {
        const input = typeof issue.input === 'string' ? issue.input : '';
        if (input.startsWith('generalize:')) {
          return `generalize:<category> with a category that has a generaliser (${GENERALIZABLE_CATEGORIES.join(', ')})`;
        }
        if (input.startsWith('bin:')) return 'bin:hour, bin:day or bin:week';
        return PLAN_ACTION;
      },
    },
  )
  .meta({
    description:
      'What happens to the property: `keep` it, `drop` it, `pseudonymize:<category>` it, `generalize:<category>` it ' +
      '(ip-address → truncateIp, precise-location → coarsenLocation, date-of-birth → ageBand, postal-code → postalPrefix) ' +
      'or `bin:hour|day|week` a time.',
  });

const eventPlan = z
  .strictObject(
    {
      properties: z
        .record(text('a property name'), planAction, { error: 'an object of property names to actions' })
        .default({})
        .meta({ description: 'The properties the event may carry and what happens to each. A property not listed is dropped.' }),
    },
    { error: 'an event plan: { properties }' },
  )
  .meta({ description: 'The plan of one event.' });

const pseudonymization = z
  .strictObject(
    {
      keyEnv: z
        .string({ error: 'the name of an environment variable' })
        .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'the name of an environment variable' })
        .optional()
        .meta({ description: 'The environment variable that holds the HMAC key at build time (`PIIGUARD_KEY`).' }),
      key: text('a key (a non-empty string)')
        .optional()
        .meta({ description: 'The HMAC key itself. Prefer `keyEnv`: a key in a committed file is not a secret.' }),
      rotation: z
        .enum(ROTATIONS, { error: formatChoices(ROTATIONS) })
        .default('none')
        .meta({ description: 'How often pseudonyms change: the epoch of `pseudonymize` (SPEC §11).' }),
      proxy: text('the path or URL of the collection proxy (`/ingest`)')
        .optional()
        .meta({
          description:
            'Where the first-party collection proxy (`piiguard/proxy`) receives the SDK’s events. A browser build never holds the key: ' +
            'with a proxy it leaves `pseudonymize:` to the proxy, which applies the plan with the server’s key. Default: none.',
        }),
    },
    { error: 'an object: { keyEnv or key, rotation, proxy? }' },
  )
  .meta({
    description:
      'Key source and rotation of `pseudonymize()`, used by the transformer. One of `keyEnv` and `key` at most; with neither, ' +
      'the app calls `configure()` itself.',
  });

/** A purpose's name in the consent tool: a category name (`'analytics'`) or an IAB TCF purpose id (`1`). */
const consentName = z.union([text('a name'), z.number({ error: 'a name or a number' }).int()], { error: 'a name or a number' });

const consent = z
  .strictObject(
    {
      module: modulePath()
        .default('piiguard/runtime')
        .meta({ description: 'The module of the consent check: a consent manager (`vanilla-cookieconsent`) or `piiguard/runtime`.' }),
      call: exportPath().default('hasConsent').meta({
        description: 'The function that answers whether the user consented to a purpose, called with its name (`acceptedCategory`).',
      }),
      purposes: z
        .union(
          [
            z.array(purpose(), { error: 'a list of purposes' }),
            z.partialRecord(purpose(), consentName, { error: 'an object of purposes to the names the consent tool uses' }),
          ],
          { error: 'a list of purposes, or an object of purposes to the names the consent tool uses' },
        )
        .default([...DEFAULT_CONSENT_PURPOSES])
        .meta({
          description:
            'The purposes that need consent, as a list (the consent check is called with the purpose’s name) or as an object of ' +
            'purposes to the consent tool’s names (`{ "analytics": "analytics", "marketing": "ads" }`). Default: analytics and marketing.',
        }),
    },
    { error: 'an object: { module, call, purposes }' },
  )
  .meta({
    description:
      'How the app knows consent (SPEC §12): a call of a sink whose purpose needs consent must be guarded by this check on every path ' +
      '(`piiguard/no-consent-check`); with `"transform": true` the build adds the guard. Default: consent is not checked.',
  });

// ─── the config ─────────────────────────────────────────────────────────────────────────────────

export const configSchema = z
  .strictObject(
    {
      $schema: z
        .string({ error: 'a string (the path or URL of piiguard’s schema.json)' })
        .optional()
        .meta({ description: 'The JSON Schema of this file, for editor completion: `./node_modules/piiguard/schema.json`.' }),
      project: text('a tsconfig path')
        .optional()
        .meta({
          description:
            'The tsconfig to analyse, relative to this file; a solution tsconfig with references analyses every referenced ' +
            'project. Default: `tsconfig.json` next to this file (or `-p`).',
        }),
      include: z
        .array(text('a glob'), { error: 'a list of globs' })
        .optional()
        .meta({ description: 'Globs, relative to this file, of the files to analyse. Default: every file of the project.' }),
      exclude: z
        .array(text('a glob'), { error: 'a list of globs' })
        .optional()
        .meta({ description: 'Globs, relative to this file, of files not to analyse. Default: none.' }),
      sources: z
        .array(source, { error: 'a list of sources' })
        .default([])
        .meta({ description: 'Personal data in code you cannot tag: a property of a type, the result of a function, or request data.' }),
      sinks: z
        .array(sink, { error: 'a list of sinks' })
        .default([])
        .meta({ description: 'Calls of your own that send data out, in addition to the built-in sinks.' }),
      sanitizers: z
        .array(sanitizer, { error: 'a list of sanitizers' })
        .default([])
        .meta({ description: 'Functions of your own that sanitize personal data, with the form they produce.' }),
      categories: z
        .record(z.string().regex(CATEGORY_NAME, { error: 'a category name in kebab-case (`loyalty-tier`)' }), customCategory, {
          error: 'an object of category names to { tier }',
        })
        .default({})
        .meta({ description: 'Categories of your own, with their tier. The built-in ones cannot be redefined.' }),
      allow: z.array(allowEntry, { error: 'a list of allow entries' }).default([]).meta({
        description: 'The policy: the flows that are approved, by category, form, sink and event. Default: nothing is approved.',
      }),
      events: z
        .record(text('an event name'), eventPlan, { error: 'an object of event names to { properties }' })
        .default({})
        .meta({ description: 'The tracking plan: per event name, the properties it may carry and what happens to each.' }),
      strictEvents: z
        .boolean({ error: 'true or false' })
        .default(false)
        .meta({ description: 'Report every event name that is not in the tracking plan (`events`).' }),
      transform: z.boolean({ error: 'true or false' }).default(false).meta({
        description: 'The build runs piiguard’s transformer or bundler plugin, so verdicts describe what leaves the app after the rewrite.',
      }),
      heuristics: z
        .enum(HEURISTICS_LEVELS, { error: formatChoices(HEURISTICS_LEVELS) })
        .default('warn')
        .meta({ description: 'How to report untagged values whose names look personal (`piiguard/untagged-pii`).' }),
      heuristicWords: z
        .strictObject(
          {
            add: z
              .record(text('a word'), text('a category'), { error: 'an object of words to categories (`{ "mail_addr": "email" }`)' })
              .default({})
              .meta({
                description:
                  'Words to treat as personal, each with its category: `{ "mail_addr": "email", "member_no": "user-id" }`. ' +
                  'A word is matched as a whole word of a name or as words written together, in any case style.',
              }),
            remove: z
              .array(text('a word'), { error: 'a list of words' })
              .default([])
              .meta({ description: 'Built-in words (personal or metadata words) the heuristics should not use: `["tel", "pan"]`.' }),
          },
          { error: 'an object: { add, remove }' },
        )
        .default({ add: {}, remove: [] })
        .meta({
          description: 'Adjusts the names the heuristics treat as personal (the built-in list is in docs/rules/no-untagged-pii.md).',
        }),
      pseudonymization: pseudonymization.default({ rotation: 'none' }),
      consent: consent.optional(),
      onUnapproved: z
        .enum(UNAPPROVED_ACTIONS, { error: formatChoices(UNAPPROVED_ACTIONS) })
        .default('error')
        .meta({ description: 'Transformer: on an unapproved flow, fail the build, drop the value or pseudonymize it.' }),
    },
    { error: 'an object' },
  )
  .meta({ title: 'piiguard config', description: 'The config of piiguard: sources, sinks, sanitizers, policy and tracking plan.' });

/** What a user may write: the type of `defineConfig`'s argument. */
export type PiiguardConfigInput = z.input<typeof configSchema>;
/** What the schema returns, before the normalisation into `PiiguardConfig`. */
export type ParsedConfig = z.output<typeof configSchema>;
