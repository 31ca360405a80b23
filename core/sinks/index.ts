/**
 * The built-in sink packs (SPEC §4), one data file per vendor. A new sink is an entry here, not code.
 */
import amplitude from './amplitude.js';
import consolePack from './console.js';
import datadog from './datadog.js';
import googleAnalytics from './google-analytics.js';
import logger from './logger.js';
import mixpanel from './mixpanel.js';
import opentelemetry from './opentelemetry.js';
import posthog from './posthog.js';
import rudderstack from './rudderstack.js';
import segment from './segment.js';
import sentry from './sentry.js';
import type { SinkPack } from './types.js';

export type { SinkPack, SinkCall, EventPosition } from './types.js';

export const BUILTIN_SINK_PACKS: readonly SinkPack[] = [
  segment,
  rudderstack,
  mixpanel,
  posthog,
  amplitude,
  googleAnalytics,
  sentry,
  datadog,
  opentelemetry,
  consolePack,
  logger,
];

export const BUILTIN_SINK_IDS: readonly string[] = BUILTIN_SINK_PACKS.map((pack) => pack.id);
