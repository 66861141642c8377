import pino, { Logger } from 'pino';

export type { Logger };

/** Paths redacted from every log line: passwords, K_g, SIK, K1/K2 (DESIGN.md "Logging"). */
export const REDACT_PATHS = [
  'password',
  '*.password',
  'pass',
  '*.pass',
  'kg',
  '*.kg',
  'sik',
  '*.sik',
  'k1',
  '*.k1',
  'k2',
  '*.k2',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
];

export interface LoggerOptions {
  level?: string;
  /** Write to this destination (default stderr). */
  destination?: pino.DestinationStream;
}

/** The one root logger; layers add child bindings {device} -> {peer, session} -> {cmd}. */
export function createLogger(opts: LoggerOptions = {}): Logger {
  const level = opts.level ?? process.env.BMCBRIDGE_LOG ?? 'info';
  return pino(
    { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: undefined },
    opts.destination ?? pino.destination(2),
  );
}

/** A logger that discards everything (library use and tests). */
export const silentLogger: Logger = pino({ level: 'silent' });
