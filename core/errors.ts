/**
 * Errors that are the user's to fix. The CLI prints their message alone (no stack) and exits 2;
 * anything else that escapes is a bug in piiguard.
 */
export class PiiguardError extends Error {
  override name = 'PiiguardError';
}

/** A config that cannot be loaded or that contradicts itself. The message names file and key. */
export class ConfigError extends PiiguardError {
  override name = 'ConfigError';
  constructor(
    message: string,
    readonly file?: string,
    readonly keyPath?: string,
  ) {
    super(message);
  }
}

/** A project (tsconfig) that cannot be loaded at all. */
export class ProjectError extends PiiguardError {
  override name = 'ProjectError';
}
