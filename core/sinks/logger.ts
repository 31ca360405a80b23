import type { SinkCall, SinkPack } from './types.js';

const levels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'log', 'verbose', 'silly', 'http'];

/** Packages that are loggers and nothing else: any level method declared in them writes a line. */
const loggerPackages = ['pino', 'winston', 'bunyan', 'loglevel', 'logform', 'log4js', 'tslog', 'roarr'];

/** consola's and signale's methods are properties of mapped types, named by the property. */
const consolaMethods = ['fatal', 'error', 'warn', 'log', 'info', 'success', 'fail', 'ready', 'start', 'box', 'debug', 'trace', 'verbose'];
const signaleMethods = [
  'await',
  'complete',
  'error',
  'debug',
  'fatal',
  'fav',
  'info',
  'note',
  'pause',
  'pending',
  'star',
  'start',
  'success',
  'wait',
  'warn',
  'watch',
  'log',
];

const calls: SinkCall[] = [
  ...levels.map((name) => ({ name, package: loggerPackages })),
  { name: 'child', package: loggerPackages },
  // log4js: `logger.mark(…)`, and `addContext(key, value)` is written into every line after it.
  { name: 'mark', package: 'log4js' },
  { name: 'addContext', package: 'log4js' },
  // roarr: `Roarr(message)` logs; `Roarr.child(context)` is a child logger.
  { name: 'Roarr', package: 'roarr' },
  { name: '()', package: 'roarr' },
  // NestJS: `Logger.log(…)` (static), `new Logger(Ctx.name).warn(…)`, an injected `LoggerService`.
  ...['Logger', 'ConsoleLogger', 'LoggerService'].flatMap((owner) =>
    ['log', 'error', 'warn', 'debug', 'verbose', 'fatal'].map((name) => ({ name, owner, package: '@nestjs/common' })),
  ),
  ...consolaMethods.map((name) => ({ name, package: 'consola' })),
  ...signaleMethods.map((name) => ({ name, package: 'signale' })),
  { name: '()', owner: 'Debugger', package: 'debug' },
];

/**
 * Loggers that write to the process's output or files: pino, winston, bunyan, loglevel and debug
 * (level methods, child loggers included), log4js, tslog, roarr, NestJS's `Logger`, consola and
 * signale. `child(bindings)` is a sink too: its bindings are written into every line the child logs.
 */
export default {
  id: 'logger',
  vendor: 'logger',
  purpose: 'logging',
  packages: [...loggerPackages, 'debug', '@nestjs/common', 'consola', 'signale'],
  calls,
} satisfies SinkPack;
