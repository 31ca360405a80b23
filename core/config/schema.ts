/**
 * The one schema of piiguard's config (SPEC §6). Every field has a description and a default;
 * `schema.json` is generated from it (scripts/generate-schema.mjs) and `normalizeConfig` turns
 * what users write into the `PiiguardConfig` the engine reads.
 */
import { z } from 'zod';
import { BUILTIN_CATEGORIES, FORMS, GENERALIZERS, TIERS } from '../taxonomy.js';

const category = z.string().min(1).describe('A category: a built-in one (email, user-id, …) or one declared in `categories`.');
const modulePath = z
  .string()
  .min(1)
  .describe('A package name (`request-ip`) or a path relative to the config file (`./src/sdk`).');
const exportPath = z.string().min(1).describe('The export path: `track`, `default.capture`, `analytics.track`.');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'an ISO date (YYYY-MM-DD)')
  .refine((value) => isRealDate(value), 'an ISO date (YYYY-MM-DD)');

export const sourceSchema = z.union([
  z
    .strictObject({
      type: z.string().min(1).describe('The declared name of an interface, type alias or class.'),
      property: z.string().min(1).describe('The property of that type that holds personal data.'),
      module: modulePath.optional(),
      category,
    })
    .describe('A property of a type you cannot edit (a generated client).'),
  z.strictObject({ module: modulePath, call: exportPath, category }).describe('A function whose result is personal data.'),
]);

export const sinkSchema = z
  .strictObject({
    id: z.string().min(1).describe('The sink id used in findings and `allow` entries.'),
    module: modulePath,
    call: exportPath,
    event: z.number().int().min(0).optional().describe('Argument index of the event name.'),
    payload: z.array(z.number().int().min(0)).optional().describe('Argument indexes that carry data; every argument when absent.'),
  })
  .describe('A call of your own that sends data out (an in-house SDK).');

export const sanitizerSchema = z
  .strictObject({
    module: modulePath,
    call: exportPath,
    form: z.enum(FORMS.filter((f) => f !== 'raw') as [string, ...string[]]).describe('The form its result has.'),
  })
  .describe('A function of your own that sanitizes personal data.');

export const allowSchema = z
  .strictObject({
    category,
    form: z.enum(FORMS as [string, ...string[]]).default('pseudonymized').describe('The form the value reaches the sink in.'),
    sink: z.string().min(1).describe('A sink id (`posthog`, `sentry`, a user sink) or `*`.'),
    events: z.union([z.literal('*'), z.array(z.string().min(1))]).describe('Event names, or `*` for any.'),
    reason: z.string().trim().min(1, 'a reason for the approval').describe('Why this flow is acceptable (required).'),
    owner: z.string().min(1).optional().describe('Who answers for it.'),
    expires: isoDate.optional().describe('ISO date (YYYY-MM-DD); after it the entry no longer approves.'),
  })
  .describe('An approved flow.');

const planAction = z
  .string()
  .regex(/^(keep|drop|pseudonymize:[a-z0-9-]+|generalize:[a-z0-9-]+|bin:(hour|day|week))$/, 'keep, drop, pseudonymize:<category>, generalize:<category> or bin:hour|day|week')
  .describe('What happens to the property: keep, drop, pseudonymize:<category>, generalize:<category>, bin:hour|day|week.');

export const configSchema = z
  .strictObject({
    $schema: z.string().optional().describe('The JSON Schema of this file, for editor completion.'),
    project: z.string().min(1).optional().describe('tsconfig path; a solution tsconfig with references analyses every referenced project.'),
    include: z.array(z.string().min(1)).optional().describe('Globs (relative to this file) of the files to analyse.'),
    exclude: z.array(z.string().min(1)).optional().describe('Globs (relative to this file) of files not to analyse.'),
    sources: z.array(sourceSchema).default([]).describe('Personal data named by type + property or by function result.'),
    sinks: z.array(sinkSchema).default([]).describe('Calls of your own that send data out.'),
    sanitizers: z.array(sanitizerSchema).default([]).describe('Functions of your own that sanitize personal data, with their form.'),
    categories: z
      .record(z.string().regex(/^[a-z0-9-]+$/, 'a lower-case category name'), z.strictObject({ tier: z.enum(TIERS as [string, ...string[]]) }))
      .default({})
      .describe('Categories of your own, with their tier.'),
    allow: z.array(allowSchema).default([]).describe('The policy: flows approved by category, form, sink and event. Nothing else is approved.'),
    events: z
      .record(z.string().min(1), z.strictObject({ properties: z.record(z.string(), planAction) }))
      .default({})
      .describe('The tracking plan: per event, the properties it may carry and what happens to each.'),
    strictEvents: z.boolean().default(false).describe('Report event names that are not in the tracking plan.'),
    transform: z.boolean().default(false).describe("The build runs piiguard's transformer or bundler plugin."),
    heuristics: z.enum(['off', 'warn', 'error']).default('warn').describe('Report untagged values whose names look personal.'),
    pseudonymization: z
      .strictObject({
        key: z.string().min(1).optional().describe('The HMAC key (prefer keyEnv).'),
        keyEnv: z.string().min(1).optional().describe('The environment variable that holds the HMAC key.'),
        rotation: z.enum(['none', 'daily', 'weekly', 'monthly']).default('none'),
      })
      .optional()
      .describe('Key source and rotation, used by the transformer.'),
    onUnapproved: z.enum(['error', 'drop', 'pseudonymize']).default('error').describe('Transformer: what to do with an unapproved flow.'),
  })
  .describe('piiguard config');

export type PiiguardConfigInput = z.input<typeof configSchema>;
export type ParsedConfig = z.output<typeof configSchema>;


export function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const BUILTIN_CATEGORY_NAMES = Object.keys(BUILTIN_CATEGORIES);
export const GENERALIZABLE = Object.keys(GENERALIZERS);
