import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { WsmanFault } from '../../lib/errors';
import type { Authenticator, AuthOutcome, ConnectionInfo } from './auth/authenticate';
import type { WsmanEngine } from './engine';
import { fault } from './faults';
import { decodeBody } from './xml/tree';

/**
 * The /wsman endpoint as a fastify plugin. Before the body is read: the URL prefix (404),
 * the method (405), authentication (401 with `WWW-Authenticate: Basic realm="WSMAN"`, empty
 * body) and the content type (415: application/soap+xml, charset UTF-8 or UTF-16). The body
 * is then read up to MaxEnvelopeSizekb (an EncodingLimit fault, and the connection closed,
 * above it; research/wsman.md §4 hardening) and handed to the engine. Every fault is HTTP 500.
 */
export interface ConnectionContext extends ConnectionInfo {
  /** The listener's URLPrefix (the request path must be /<URLPrefix>). */
  urlPrefix: string;
}

/** Set by the listener manager on every accepted socket. */
export const WSMAN_CONNECTION = Symbol('bmcbridge.wsman.connection');
export interface TaggedSocket {
  [WSMAN_CONNECTION]?: { secure: boolean; urlPrefix(): string };
}

export interface WsmanPluginOptions {
  engine: WsmanEngine;
  auth: Authenticator;
  /** How a request reached us; the default reads the listener tag (plain HTTP, prefix wsman for inject()). */
  connectionOf?: (req: IncomingMessage) => ConnectionContext;
}

export function defaultConnectionOf(req: IncomingMessage): ConnectionContext {
  const sock = req.socket as TLSSocket & TaggedSocket;
  const tag = sock[WSMAN_CONNECTION];
  if (!tag) return { secure: false, urlPrefix: 'wsman' };
  if (!tag.secure) return { secure: false, urlPrefix: tag.urlPrefix() };
  const cert = sock.getPeerCertificate(true);
  return {
    secure: true,
    urlPrefix: tag.urlPrefix(),
    peerCert: cert && Object.keys(cert).length ? cert : undefined,
    peerAuthorized: sock.authorized,
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    wsmanAuth?: AuthOutcome;
    wsmanConn?: ConnectionContext;
  }
}

const BODY_TOO_LARGE = Symbol('bodyTooLarge');

const SOAP_TYPE = 'application/soap+xml;charset=UTF-8';

export const wsmanPlugin: FastifyPluginAsync<WsmanPluginOptions> = async (app: FastifyInstance, opts) => {
  const { engine, auth } = opts;
  const connectionOf = opts.connectionOf ?? defaultConnectionOf;
  app.decorateRequest('wsmanAuth', undefined);
  app.decorateRequest('wsmanConn', undefined);

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (req: FastifyRequest, payload: IncomingMessage, done: (err: Error | null, body?: Buffer) => void) => {
    const limit = engine.config.num('MaxEnvelopeSizekb') * 1024;
    const tooLarge = () => {
      const f = fault.of('EncodingLimit', `The WS-Management service cannot process the request because the request is larger than MaxEnvelopeSizekb (${limit} octets).`, 'ServiceEnvelopeLimit');
      (f as unknown as Record<symbol, boolean>)[BODY_TOO_LARGE] = true;
      return f;
    };
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) return done(tooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    let finished = false;
    payload.on('data', (c: Buffer) => {
      if (finished) return;
      size += c.length;
      if (size > limit) {
        finished = true;
        payload.pause();
        done(tooLarge());
        return;
      }
      chunks.push(c);
    });
    payload.on('end', () => {
      if (finished) return;
      finished = true;
      done(null, Buffer.concat(chunks));
    });
    payload.on('error', (e) => {
      if (finished) return;
      finished = true;
      done(e);
    });
  });

  app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
    if (err instanceof WsmanFault) {
      if ((err as unknown as Record<symbol, boolean>)[BODY_TOO_LARGE]) reply.header('connection', 'close');
      return reply.code(500).type(SOAP_TYPE).send(engine.faultResponse(err).body);
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return reply.code(err.statusCode).send('');
    req.log.error({ err }, 'wsman plugin error');
    return reply.code(500).type(SOAP_TYPE).send(engine.faultResponse(fault.of('InternalError')).body);
  });

  const refuse401 = (reply: FastifyReply, conn: ConnectionContext) => {
    const ch = auth.challenges(conn.secure);
    if (ch.length) reply.header('www-authenticate', ch.length === 1 ? ch[0] : ch);
    return reply.code(401).header('content-length', '0').send('');
  };

  app.route({
    method: ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH'],
    url: '/*',
    bodyLimit: 1024 * 1024 * 1024,
    onRequest: async (req, reply) => {
      const conn = connectionOf(req.raw);
      req.wsmanConn = conn;
      const path = (req.raw.url ?? '').split('?')[0].replace(/\/+$/, '').toLowerCase();
      if (path !== '/' + conn.urlPrefix.toLowerCase()) return reply.code(404).send('');
      if (req.method !== 'POST') return reply.code(405).header('allow', 'POST').send('');
      const outcome = await auth.authenticate(req.headers.authorization, req.headers['wsmanidentify'] as string | undefined, conn);
      if (outcome.kind === 'refused') {
        req.log.info({ peer: req.ip, reason: outcome.reason }, 'wsman authentication refused');
        return refuse401(reply, conn);
      }
      req.wsmanAuth = outcome;
      const ct = String(req.headers['content-type'] ?? '');
      const [type, ...params] = ct.split(';').map((x) => x.trim());
      if (type.toLowerCase() !== 'application/soap+xml') return reply.code(415).send('');
      const charset = params.find((p) => /^charset=/i.test(p))?.slice(8).replace(/"/g, '');
      if (charset && !/^utf-?(8|16)$/i.test(charset))
        throw fault.of('EncodingLimit', `The WS-Management service cannot process the request because the character set "${charset}" is not supported; use UTF-8 or UTF-16.`, 'CharacterSet');
    },
    handler: async (req, reply) => {
      const conn = req.wsmanConn!;
      const outcome = req.wsmanAuth!;
      const body = req.body as Buffer | undefined;
      const charset = /charset=([^;]+)/i.exec(String(req.headers['content-type']))?.[1];
      const text = body && body.length ? decodeBody(body, charset?.replace(/"/g, '').trim()) : '';
      const principal = outcome.kind === 'ok' ? outcome.principal : undefined;
      const started = performance.now();
      const r = text
        ? await engine.handle(text, { principal, secure: conn.secure, profiles: auth.profiles() })
        : engine.faultResponse(fault.invalidXml('the request has no body'));
      // The log record is built only when debug records are written (pino's check; a logger without one gets it always).
      if ((req.log as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled?.('debug') ?? true)
        req.log.debug({ peer: req.ip, user: principal?.user, status: r.status, ms: Math.round(performance.now() - started) }, 'wsman request');
      if (r.status === 401) return refuse401(reply, conn);
      return reply.code(r.status).type(SOAP_TYPE).send(r.octets ?? r.body);
    },
  });
};
