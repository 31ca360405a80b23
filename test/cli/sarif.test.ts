/**
 * `--format sarif` as GitHub code scanning reads it, checked two ways:
 *
 * 1. against the SARIF 2.1.0 JSON schema itself, as Microsoft's SARIF SDK ships it in the npm
 *    package `@microsoft/jest-sarif` (`lib/schemas/sarif-2.1.0-rtm.5.json`, the schema of the
 *    2.1.0 standard, JSON Schema draft-04, so ajv's draft-04 class with ajv-formats for `uri`,
 *    `uri-reference` and `date-time`);
 * 2. against a schema written here from GitHub's "SARIF support for code scanning" page: the
 *    properties code scanning reads, which of them it requires (`$schema`, `version`, `runs`,
 *    `tool.driver.name`, `results`, each result's `ruleId`, `message.text`, `locations` with
 *    `artifactLocation.uri` and `region.startLine`, `partialFingerprints`; for rules `id`,
 *    short and full description, help, default level), and its limits. It is strict where
 *    SARIF is (`additionalProperties: false` on the objects we write), so a typo in a key fails.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';

// CommonJS packages whose types declare `export default`: under nodenext the default import is the
// module object, whose `default` is the class (as `exports.default` is at run time).
const AjvDraft04 = ajvDraft04.default;
const addFormats = ajvFormats.default;
import { beforeAll, describe, expect, test } from 'vitest';
import { analyze, type AnalyzeResult } from '../../analyzer/analyze.js';
import { FINGERPRINT_KEY, SARIF_SCHEMA, sarif } from '../../analyzer/reporters/sarif.js';
import { RULES } from '../../core/findings.js';
import { emailToPosthog, ipToConsole, makeResult, tokenToSentry } from './helpers.js';

const demo = path.resolve(import.meta.dirname, '../../fixtures/demo');
const ctx = { color: false, readFile: () => undefined };

const message = {
  type: 'object',
  required: ['text'],
  properties: { text: { type: 'string', minLength: 1 }, markdown: { type: 'string' } },
  additionalProperties: false,
};
const physicalLocation = {
  type: 'object',
  required: ['artifactLocation', 'region'],
  additionalProperties: false,
  properties: {
    artifactLocation: {
      type: 'object',
      required: ['uri'],
      additionalProperties: false,
      // Relative to the repository root: no scheme, no leading slash, no backslashes.
      properties: { uri: { type: 'string', pattern: '^(?![a-zA-Z][a-zA-Z0-9+.-]*:)(?!/)[^\\\\]+$' }, uriBaseId: { const: '%SRCROOT%' } },
    },
    region: {
      type: 'object',
      required: ['startLine'],
      additionalProperties: false,
      properties: { startLine: { type: 'integer', minimum: 1 }, startColumn: { type: 'integer', minimum: 1 } },
    },
  },
};

/** What GitHub code scanning requires and reads of a SARIF 2.1.0 log. */
const codeScanningSchema = {
  type: 'object',
  required: ['$schema', 'version', 'runs'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', pattern: '^https://' },
    version: { const: '2.1.0' },
    runs: {
      type: 'array',
      minItems: 1,
      maxItems: 20, // code scanning's limit of runs per file
      items: {
        type: 'object',
        required: ['tool', 'results'],
        additionalProperties: false,
        properties: {
          columnKind: { enum: ['utf16CodeUnits', 'unicodeCodePoints'] },
          tool: {
            type: 'object',
            required: ['driver'],
            additionalProperties: false,
            properties: {
              driver: {
                type: 'object',
                required: ['name', 'rules'],
                additionalProperties: false,
                properties: {
                  name: { type: 'string', minLength: 1 },
                  version: { type: 'string' },
                  semanticVersion: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+' },
                  informationUri: { type: 'string', pattern: '^https://' },
                  rules: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['id', 'name', 'shortDescription', 'fullDescription', 'help', 'defaultConfiguration'],
                      additionalProperties: false,
                      properties: {
                        id: { type: 'string', minLength: 1 },
                        name: { type: 'string', pattern: '^[A-Z][A-Za-z]+$' },
                        shortDescription: message,
                        fullDescription: message,
                        help: { ...message, required: ['text', 'markdown'] },
                        defaultConfiguration: {
                          type: 'object',
                          required: ['level'],
                          additionalProperties: false,
                          properties: { level: { enum: ['none', 'note', 'warning', 'error'] } },
                        },
                        properties: { type: 'object', properties: { tags: { type: 'array', items: { type: 'string' } } } },
                      },
                    },
                  },
                },
              },
            },
          },
          results: {
            type: 'array',
            maxItems: 25000, // code scanning's limit of results per run
            items: {
              type: 'object',
              required: ['ruleId', 'ruleIndex', 'level', 'message', 'locations', 'partialFingerprints'],
              additionalProperties: false,
              properties: {
                ruleId: { type: 'string' },
                ruleIndex: { type: 'integer', minimum: 0 },
                level: { enum: ['none', 'note', 'warning', 'error'] },
                message,
                locations: {
                  type: 'array',
                  minItems: 1,
                  maxItems: 1000,
                  items: { type: 'object', required: ['physicalLocation'], additionalProperties: false, properties: { physicalLocation } },
                },
                partialFingerprints: { type: 'object', minProperties: 1, additionalProperties: { type: 'string', minLength: 1 } },
                codeFlows: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['threadFlows'],
                    additionalProperties: false,
                    properties: {
                      message,
                      threadFlows: {
                        type: 'array',
                        minItems: 1,
                        items: {
                          type: 'object',
                          required: ['locations'],
                          additionalProperties: false,
                          properties: {
                            locations: {
                              type: 'array',
                              minItems: 1,
                              maxItems: 10000, // code scanning's limit of thread-flow locations
                              items: {
                                type: 'object',
                                required: ['location'],
                                additionalProperties: false,
                                properties: {
                                  executionOrder: { type: 'integer', minimum: 1 },
                                  location: {
                                    type: 'object',
                                    required: ['physicalLocation'],
                                    additionalProperties: false,
                                    properties: { physicalLocation, message },
                                  },
                                },
                              },
                            },
                          },
                        },
                      },
                    },
                  },
                },
                properties: { type: 'object' },
              },
            },
          },
        },
      },
    },
  },
};

const validate = new Ajv({ allErrors: true, strict: true }).compile(codeScanningSchema);

const sarifSchemaFile = createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const sarifSchema = JSON.parse(readFileSync(sarifSchemaFile, 'utf8'));
// The schema is the standard's, not ours: its style is not ours to lint (strict off), and its
// pattern for `language` (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`) is valid only without the
// `u` flag, as JSON Schema draft-04 regexes were written (unicodeRegExp off).
const standardAjv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(standardAjv);
const validateStandard = standardAjv.compile(sarifSchema);

function expectValidSarif(log: unknown): void {
  const ok = validateStandard(log);
  expect(validateStandard.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

function expectValid(log: unknown): void {
  const ok = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

const monorepo = path.resolve(import.meta.dirname, '../../fixtures/monorepo');

let demoResult: AnalyzeResult;
let monorepoResult: AnalyzeResult;
beforeAll(async () => {
  demoResult = await analyze({ project: path.join(demo, 'tsconfig.json'), today: '2026-11-22' });
  monorepoResult = await analyze({ cwd: monorepo, today: '2026-11-22' });
});

describe('the SARIF 2.1.0 schema (from @microsoft/jest-sarif)', () => {
  test('is the 2.1.0 schema', () => {
    expect(sarifSchema.title).toBe('Static Analysis Results Format (SARIF) Version 2.1.0-rtm.5 JSON Schema');
    expect(sarifSchema.properties.version.enum).toEqual(['2.1.0']);
  });

  test('accepts the log of the demo app (every rule, codeFlows through wrappers) and of the monorepo', () => {
    expect(demoResult.findings.length).toBeGreaterThan(5);
    expectValidSarif(JSON.parse(sarif(demoResult, ctx)));
    expectValidSarif(JSON.parse(sarif(monorepoResult, { ...ctx, baseDir: 'fixtures/monorepo' })));
  });

  test('accepts hand-made findings of every shape: no trace, several steps, odd characters in paths', () => {
    const spaced = { ...emailToPosthog, location: { ...emailToPosthog.location, file: 'src/sign up#1.ts' } };
    expectValidSarif(JSON.parse(sarif(makeResult([ipToConsole, { ...tokenToSentry, trace: [] }, spaced]), ctx)));
    expectValidSarif(JSON.parse(sarif(makeResult([]), ctx)));
  });

  test('rejects a broken log, so the validation is not vacuous', () => {
    const log = JSON.parse(sarif(demoResult, ctx));
    log.runs[0].results[0].level = 'fatal';
    log.runs[0].results[1].locations[0].physicalLocation.region.startLine = 0;
    log.runs[0].tool.driver.rules[0].defaultConfiguration.level = 'severe';
    delete log.runs[0].results[2].message;
    expect(validateStandard(log)).toBe(false);
    const paths = new Set(validateStandard.errors!.map((e) => e.instancePath));
    expect([...paths].sort()).toEqual(
      expect.arrayContaining([
        '/runs/0/results/0/level',
        '/runs/0/results/1/locations/0/physicalLocation/region/startLine',
        '/runs/0/results/2',
        '/runs/0/tool/driver/rules/0/defaultConfiguration/level',
      ]),
    );
  });
});

describe('sarif reporter: what code scanning requires', () => {
  test("the demo app gives a log that meets code scanning's requirements, one result per finding", () => {
    const log = JSON.parse(sarif(demoResult, ctx));
    expectValid(log);
    expect(log.$schema).toBe(SARIF_SCHEMA);
    expect(log.runs[0].results).toHaveLength(demoResult.findings.length);
    expect(demoResult.findings.length).toBeGreaterThan(5);
  });

  test('the schema written here does catch a broken log (it is not vacuous)', () => {
    const log = JSON.parse(sarif(demoResult, ctx));
    log.runs[0].results[0].level = 'fatal';
    delete log.runs[0].results[1].locations[0].physicalLocation.region.startLine;
    log.runs[0].results[2].locations[0].physicalLocation.artifactLocation.uri = '/abs/src/a.ts';
    expect(validate(log)).toBe(false);
    expect(validate.errors!.map((e) => e.instancePath).sort()).toEqual([
      '/runs/0/results/0/level',
      '/runs/0/results/1/locations/0/physicalLocation/region',
      '/runs/0/results/2/locations/0/physicalLocation/artifactLocation/uri',
    ]);
  });

  test('every rule is described, in the fixed order of RULES, with its default level and help', () => {
    const { rules } = JSON.parse(sarif(makeResult([]), ctx)).runs[0].tool.driver;
    expect(rules.map((rule: { id: string }) => rule.id)).toEqual(Object.keys(RULES));
    const unapproved = rules[0];
    expect(unapproved).toMatchObject({
      id: 'piiguard/unapproved-flow',
      name: 'UnapprovedFlow',
      shortDescription: { text: RULES['piiguard/unapproved-flow'].description },
      fullDescription: { text: RULES['piiguard/unapproved-flow'].docs.meaning },
      defaultConfiguration: { level: 'error' },
    });
    expect(unapproved.help.markdown).toContain('**How to approve**');
    expect(unapproved.help.text).toContain('pseudonymize(user.email');
    const untagged = rules.find((rule: { id: string }) => rule.id === 'piiguard/untagged-pii');
    expect(untagged.defaultConfiguration.level).toBe('warning');
    expect(untagged.name).toBe('UntaggedPii');
  });

  test('a result: rule index, level, message, location, fingerprint, and flow facts as properties', () => {
    const log = JSON.parse(sarif(makeResult([ipToConsole, emailToPosthog]), ctx));
    const [email, ip] = log.runs[0].results;
    const ruleIds = log.runs[0].tool.driver.rules.map((rule: { id: string }) => rule.id);
    expect(email).toMatchObject({
      ruleId: 'piiguard/unapproved-flow',
      level: 'error',
      message: { text: emailToPosthog.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'src/signup.ts', uriBaseId: '%SRCROOT%' },
            region: { startLine: 8, startColumn: 3 },
          },
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: emailToPosthog.fingerprint },
      properties: { category: 'email', form: 'raw', sink: 'posthog', event: 'Signed Up' },
    });
    expect(ruleIds[email.ruleIndex]).toBe(email.ruleId);
    expect(ip.level).toBe('warning');
    expect(ruleIds[ip.ruleIndex]).toBe('piiguard/untagged-pii');
  });

  test('codeFlows: the trace from the source, with the reported call placed before the hops inside wrappers', () => {
    const finding = demoResult.findings.find((f) => f.ruleId === 'piiguard/weak-hash')!;
    // src/screens/profile.ts calls trackEvent(…) → posthog.capture in src/analytics/track.ts
    const result = JSON.parse(sarif({ ...demoResult, findings: [finding] }, ctx)).runs[0].results[0];
    const steps = result.codeFlows[0].threadFlows[0].locations.map(
      (step: {
        location: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }; message: { text: string } };
        executionOrder: number;
      }) => [
        `${step.location.physicalLocation.artifactLocation.uri}:${step.location.physicalLocation.region.startLine}`,
        step.location.message.text,
        step.executionOrder,
      ],
    );
    expect(steps).toEqual([
      [`${finding.trace[0]!.file}:${finding.trace[0]!.line}`, 'email: Email', 1],
      [`src/screens/profile.ts:${finding.location.line}`, 'enters posthog here', 2],
      [`src/analytics/track.ts:${finding.trace[1]!.line}`, 'trackEvent → posthog.capture', 3],
    ]);
  });

  test('a finding without a trace has no codeFlows; one whose trace already ends at the call gets no extra step', () => {
    const noTrace = { ...tokenToSentry, trace: [] };
    expect(JSON.parse(sarif(makeResult([noTrace]), ctx)).runs[0].results[0].codeFlows).toBeUndefined();
    const endsAtCall = { ...emailToPosthog, trace: [emailToPosthog.trace[0]!, { ...emailToPosthog.location, note: 'posthog.capture(…)' }] };
    const flow = JSON.parse(sarif(makeResult([endsAtCall]), ctx)).runs[0].results[0].codeFlows[0].threadFlows[0].locations;
    expect(flow).toHaveLength(2);
  });

  test('paths are prefixed with the root relative to where piiguard runs, and percent-encoded', () => {
    const spaced = { ...emailToPosthog, location: { ...emailToPosthog.location, file: 'src/sign up#1.ts' } };
    const log = JSON.parse(sarif(makeResult([spaced]), { ...ctx, baseDir: 'packages/app' }));
    expectValid(log);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('packages/app/src/sign%20up%231.ts');
    expect(log.runs[0].results[0].codeFlows[0].threadFlows[0].locations[0].location.physicalLocation.artifactLocation.uri).toBe(
      'packages/app/src/model.ts',
    );
  });

  test('the same findings in any order give the same bytes, with no absolute path', () => {
    const a = sarif(makeResult([tokenToSentry, ipToConsole, emailToPosthog]), ctx);
    const b = sarif(makeResult([emailToPosthog, tokenToSentry, ipToConsole]), ctx);
    expect(a).toBe(b);
    expect(sarif(demoResult, ctx)).not.toContain(demo);
  });
});
