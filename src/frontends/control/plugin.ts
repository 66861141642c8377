import crypto from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyPluginAsync } from 'fastify';
import { ConfigErrors, ControlError } from '../../lib/errors';
import { silentLogger, type Logger } from '../../lib/logger';
import { Control, type ControlFleet } from './ops';
import { Scenarios } from './scenario';
import { routes } from './routes';

export interface ControlPluginOptions {
  /** The virtual BMCs (main.ts's Fleet). */
  fleet: ControlFleet;
  log?: Logger;
  /** When set, every request needs `Authorization: Bearer <token>`. */
  token?: string;
  /** Shared with whoever runs a devices file's scenarios; default: the plugin's own. */
  scenarios?: Scenarios;
}

/** The JSON body of every error answer: what went wrong and what it names. */
function errorBody(status: number, message: string, extra: object = {}): object {
  return { error: STATUS_CODES[status] ?? 'Error', message, ...extra };
}

/** Constant-time comparison of the presented token (sha256 of both, so lengths do not leak). */
function tokenMatches(presented: string, token: string): boolean {
  const h = (s: string) => crypto.createHash('sha256').update(s).digest();
  return crypto.timingSafeEqual(h(presented), h(token));
}

/**
 * The control API (docs/control.md) as a fastify plugin: the routes of routes.ts with JSON in and
 * out, an optional bearer token, and one error handler that turns ControlError into its 4xx
 * with { error, message, device?, sensor?, field? }, a scenario's ConfigErrors into 400 with
 * every problem, and fastify's own request errors (bad JSON, wrong content type) into JSON too.
 */
export const controlPlugin: FastifyPluginAsync<ControlPluginOptions> = async (app, opts) => {
  const log = opts.log ?? silentLogger;
  const scenarios = opts.scenarios ?? new Scenarios(new Control(opts.fleet, log));
  const ctx = { control: scenarios.control, scenarios };
  if (!opts.scenarios) app.addHook('onClose', async () => (scenarios.close(), scenarios.control.close()));

  if (opts.token) {
    const token = opts.token;
    app.addHook('onRequest', async (req, reply) => {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
      if (m && tokenMatches(m[1], token)) return;
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="bmcbridge-control"')
        .send(errorBody(401, m ? 'the bearer token is not the right one' : 'a bearer token is required: Authorization: Bearer <token>'));
    });
  }

  app.setErrorHandler((err: FastifyError | Error, req, reply) => {
    if (err instanceof ControlError) return reply.code(err.status).send(errorBody(err.status, err.message, err.subject));
    if (err instanceof ConfigErrors)
      return reply.code(400).send(errorBody(400, err.problems.map((p) => p.message).join('\n'), { problems: err.problems.map((p) => ({ file: p.file, path: p.path, reason: p.reason })) }));
    const status = (err as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) return reply.code(status).send(errorBody(status, err.message));
    log.error({ frontend: 'control', url: req.url, err: err.stack ?? err.message }, 'control request failed');
    return reply.code(500).send(errorBody(500, err.message));
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send(errorBody(404, `no route ${req.method} ${req.url.split('?')[0]}; see docs/control.md`)));

  for (const r of routes) {
    app.route({
      method: r.method,
      url: r.url,
      handler: async (req) => r.handle(ctx, req.params as Parameters<typeof r.handle>[1], req.body),
    });
  }
};
