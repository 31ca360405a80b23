/**
 * The built-in sink packs (SPEC §4), one data file per vendor. A new sink is an entry here, not code.
 */
import aiSdk from './ai-sdk.js';
import airbrake from './airbrake.js';
import amplitude from './amplitude.js';
import anthropic from './anthropic.js';
import axiom from './axiom.js';
import braze from './braze.js';
import bugsnag from './bugsnag.js';
import clarity from './clarity.js';
import consolePack from './console.js';
import customerio from './customerio.js';
import datadog from './datadog.js';
import fullstory from './fullstory.js';
import googleAnalytics from './google-analytics.js';
import heap from './heap.js';
import honeybadger from './honeybadger.js';
import hotjar from './hotjar.js';
import intercom from './intercom.js';
import jitsu from './jitsu.js';
import logger from './logger.js';
import logrocket from './logrocket.js';
import mixpanel from './mixpanel.js';
import newrelic from './newrelic.js';
import openai from './openai.js';
import opentelemetry from './opentelemetry.js';
import plausible from './plausible.js';
import posthog from './posthog.js';
import rollbar from './rollbar.js';
import rudderstack from './rudderstack.js';
import segment from './segment.js';
import sentry from './sentry.js';
import triggerDev from './trigger-dev.js';
import type { SinkPack } from './types.js';
import umami from './umami.js';
import vercelAnalytics from './vercel-analytics.js';

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
  // more analytics
  jitsu,
  heap,
  customerio,
  braze,
  vercelAnalytics,
  plausible,
  umami,
  // error tracking, monitoring and session replay
  bugsnag,
  rollbar,
  airbrake,
  honeybadger,
  newrelic,
  logrocket,
  fullstory,
  hotjar,
  clarity,
  intercom,
  // AI model providers
  openai,
  anthropic,
  aiSdk,
  // hosted logs
  axiom,
  triggerDev,
];

export const BUILTIN_SINK_IDS: readonly string[] = BUILTIN_SINK_PACKS.map((pack) => pack.id);
