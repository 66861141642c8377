import fs from 'node:fs';
import net from 'node:net';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { UsageError } from '../../lib/errors';
import { silentLogger, type Logger } from '../../lib/logger';
import { Control, type ControlFleet } from './ops';
import { Scenarios } from './scenario';
import { controlPlugin } from './plugin';

/** `bmcbridge start` serves the control API here unless told otherwise (issue 3). */
export const DEFAULT_CONTROL_LISTEN = { host: '127.0.0.1', port: 9291 } as const;
/** The environment variable a bearer token is read from (server and `bmcbridge ctl`). */
export const TOKEN_ENV = 'BMCBRIDGE_CONTROL_TOKEN';

/** 127.0.0.0/8, ::1 (and ::ffff:127.x), or the name localhost. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  const h = host.replace(/^\[|\]$/g, '');
  if (net.isIPv4(h)) return h.startsWith('127.');
  if (net.isIPv6(h)) return h === '::1' || /^::ffff:127\./i.test(h);
  return false;
}

/**
 * The bearer token: the contents of `file` (first line, trimmed) when given, else the
 * environment variable; undefined = no token. An empty token is refused: it would let anyone in.
 */
export function loadToken(o: { file?: string; env?: NodeJS.ProcessEnv } = {}): string | undefined {
  let token: string | undefined;
  let from: string;
  if (o.file) {
    try {
      token = fs.readFileSync(o.file, 'utf8').split('\n')[0].trim();
    } catch (e) {
      throw new UsageError(`control token file ${o.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    from = `token file ${o.file}`;
  } else {
    token = (o.env ?? process.env)[TOKEN_ENV];
    if (token === undefined) return undefined;
    token = token.trim();
    from = `$${TOKEN_ENV}`;
  }
  if (!token) throw new UsageError(`${from} is empty: give a token, or none at all`);
  return token;
}

export interface ControlServerOptions {
  fleet: ControlFleet;
  log?: Logger;
  token?: string;
  host?: string;
  port?: number;
  /** Bind a non-loopback address anyway (anyone who reaches it can fail your fans: use a token). */
  allowRemote?: boolean;
}

export interface ControlServer {
  readonly app: FastifyInstance;
  readonly control: Control;
  /** Scenario runs: the API's and a devices file's alike. */
  readonly scenarios: Scenarios;
  /** Listen; resolves with the bound address. */
  listen(): Promise<{ host: string; port: number }>;
  close(): Promise<void>;
}

/**
 * The control API on its own listener, as `bmcbridge start` (127.0.0.1:9291) and `bmcbridge sim
 * --control PORT` run it. A non-loopback host is refused unless allowRemote is set.
 */
export function createControlServer(opts: ControlServerOptions): ControlServer {
  const host = opts.host ?? DEFAULT_CONTROL_LISTEN.host;
  if (!isLoopback(host) && !opts.allowRemote)
    throw new UsageError(`the control API listens on loopback addresses only, not ${host}: it can fail fans and cut power (--control-allow-remote binds it anyway)`);
  const log = opts.log ?? silentLogger;
  if (!isLoopback(host) && !opts.token) log.warn({ frontend: 'control', host }, 'control API on a non-loopback address without a token: anyone who reaches it can inject faults');
  const scenarios = new Scenarios(new Control(opts.fleet, log));
  const loggerInstance = log.child({ frontend: 'control' }, { level: 'warn' }) as FastifyBaseLogger;
  const app: FastifyInstance = Fastify({ loggerInstance });
  void app.register(controlPlugin, { fleet: opts.fleet, log, token: opts.token, scenarios });
  return {
    app,
    control: scenarios.control,
    scenarios,
    async listen() {
      await app.listen({ host, port: opts.port ?? DEFAULT_CONTROL_LISTEN.port });
      const a = app.server.address();
      if (a === null || typeof a === 'string') throw new Error(`control server bound to an unexpected address: ${String(a)}`);
      log.info({ frontend: 'control', host: a.address, port: a.port, token: !!opts.token }, 'control API listening');
      return { host: a.address, port: a.port };
    },
    async close() {
      scenarios.close();
      scenarios.control.close();
      await app.close();
    },
  };
}
