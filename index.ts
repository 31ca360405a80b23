/**
 * `piiguard`: the PII types to tag models with, `defineConfig` for typed configs, and the
 * programmatic `analyze()`.
 */
export type {
  Pii,
  PiiCategory,
  Email,
  Phone,
  PersonName,
  UserId,
  DeviceId,
  IpAddress,
  PreciseLocation,
  PostalAddress,
  PostalCode,
  DateOfBirth,
  GovernmentId,
  PaymentCard,
  HealthData,
  Credential,
  FreeText,
  Pseudonym,
} from './core/pii.js';
export { defineConfig } from './core/config/define.js';
export type { PiiguardConfig, LoadedConfig } from './core/config/types.js';
export type { PiiguardConfigInput } from './core/config/schema.js';
export { analyze } from './analyzer/analyze.js';
export type { AnalyzeOptions } from './analyzer/options.js';
export type { AnalysisResult, Finding, Problem, RuleId, Severity, Summary, TraceStep, SourceLocation } from './core/findings.js';
export { RULES } from './core/findings.js';
export { PiiguardError, ConfigError, ProjectError } from './core/errors.js';
