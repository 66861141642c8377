import crypto from 'node:crypto';
import os from 'node:os';
import { CimError, WsmanFault } from '../../lib/errors';
import { Clock, systemClock } from '../../lib/clock';
import { Logger, silentLogger } from '../../lib/logger';
import type { ModelRepository } from '../../model/types';
import { accessFor, parseSddl, Sddl } from './auth/sddl';
import { Principal, uriAllowed } from './auth/authenticate';
import { CimHandler } from './cim/handler';
import { cimFault } from './cim/errors';
import { isCimUri } from './cim/resource';
import { ConfigHandler, parseConfigUri } from './config/handler';
import type { ListenerConfig } from './config/collections';
import type { ConfigStore } from './config/store';
import { envelope, faultEnvelope, Out, parseDuration, parseEnvelope, Style, StyleOption, OPENWSMAN, WINDOWS, WsmanRequest } from './envelope';
import { EnumerationContexts, EnumMode, itemsXml, takeBatch } from './enumeration';
import { fault } from './faults';
import { ACTION, DIALECT, NS, URI } from './ns';
import type { OpContext, OpResult, ResourceHandler } from './ops';
import { child, DEFAULT_LIMITS, textOf } from './xml/tree';
import { esc } from './xml/write';

/**
 * The WS-Management service without HTTP: one SOAP envelope in, one response out. The
 * fastify plugin (plugin.ts) adds authentication, content checks and transport; tests and the
 * benchmark can drive this directly.
 */
export interface Identity {
  vendor: string;
  version: string;
}
/**
 * What Identify reports. Windows answers "Microsoft Corporation" and, to an unauthenticated
 * Identify, "OS: 0.0.0 SP: 0.0 Stack: 3.0" (research/wsman.md §1.5). Management tools pick
 * their resource URI style from ProductVendor, so bmcbridge reports the Windows values by
 * default; `identity` overrides them.
 */
export const WINDOWS_IDENTITY: Identity = { vendor: 'Microsoft Corporation', version: 'OS: 0.0.0 SP: 0.0 Stack: 3.0' };

export interface EngineOptions {
  model: ModelRepository;
  config: ConfigStore;
  log?: Logger;
  clock?: Clock;
  /** f:WSManFault Machine attribute (default: the host name). */
  machine?: string;
  identity?: Identity;
  /** Response layout; 'auto' follows the client (envelope.ts). */
  style?: StyleOption;
  /** ListeningOn of a listener, from the running listener manager. */
  listeningOn?: (l: ListenerConfig) => string[];
}

export interface RequestInfo {
  /** Undefined only for an Identify allowed by `WSMANIDENTIFY: unauthenticated`. */
  principal?: Principal;
  secure: boolean;
  /** Security profiles to report in an authenticated Identify. */
  profiles?: string[];
}
export interface EngineResponse {
  status: number;
  body: string;
  /**
   * The body already encoded as UTF-8, when it was encoded to measure it (large responses):
   * the transport sends these octets instead of encoding the body again.
   */
  octets?: Buffer;
}

type Op = 'Get' | 'Put' | 'Create' | 'Delete' | 'Enumerate' | 'Pull' | 'Release' | { invoke: string };

const REPLAY_TTL_MS = 10 * 60 * 1000;
const REPLAY_MAX_ENTRIES = 1000;
const REPLAY_MAX_BYTES = 16 * 1024 * 1024;
/** Room left for the envelope around enumeration items. */
const ENVELOPE_OVERHEAD = 4096;

const SHELL_FAULT =
  'The WS-Management service cannot process the request: bmcbridge does not offer remote shells (WinRS). The Winrs settings are stored and reported only.';

export class WsmanEngine {
  readonly contexts: EnumerationContexts;
  readonly cim: CimHandler;
  readonly configHandler: ConfigHandler;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly machine: string;
  private readonly identity: Identity;
  private readonly inflight = new Map<string, number>();
  private readonly replay = new Map<string, { status: number; body: string; at: number }>();
  private replayBytes = 0;
  private sddlCache?: { text: string; sddl: Sddl };

  constructor(private readonly opts: EngineOptions) {
    this.clock = opts.clock ?? systemClock;
    this.log = opts.log ?? silentLogger;
    this.machine = opts.machine ?? os.hostname();
    this.identity = opts.identity ?? WINDOWS_IDENTITY;
    this.contexts = new EnumerationContexts(this.clock, () => opts.config.num('Service.EnumerationTimeoutms'));
    this.cim = new CimHandler(opts.model);
    this.configHandler = new ConfigHandler(opts.config, { listeningOn: (l) => opts.listeningOn?.(l) ?? [] });
  }

  get config(): ConfigStore {
    return this.opts.config;
  }

  start(): void {
    this.contexts.start();
  }
  stop(): void {
    this.contexts.stop();
  }

  private styleFor(req: WsmanRequest | undefined): Style {
    const o = this.opts.style ?? 'auto';
    if (o === 'windows') return WINDOWS;
    if (o === 'openwsman') return OPENWSMAN;
    return req?.style ?? WINDOWS;
  }

  /** Largest response in octets: the client's MaxEnvelopeSize, capped by MaxEnvelopeSizekb. */
  private envelopeLimit(req: WsmanRequest): number {
    const service = this.config.num('MaxEnvelopeSizekb') * 1024;
    return req.maxEnvelopeSize !== undefined && req.maxEnvelopeSize < service ? req.maxEnvelopeSize : service;
  }

  faultResponse(f: WsmanFault, req?: WsmanRequest): EngineResponse {
    return { status: 500, body: faultEnvelope(f, this.styleFor(req), req?.messageId, this.machine) };
  }

  async handle(text: string, info: RequestInfo): Promise<EngineResponse> {
    let req: WsmanRequest | undefined;
    try {
      req = parseEnvelope(text, DEFAULT_LIMITS);
      if (req.isIdentify) return this.identify(req, info);
      if (!info.principal) return { status: 401, body: '' };
      return await this.dispatch(req, info.principal, text);
    } catch (e) {
      return this.faultResponse(this.toFault(e, req), req);
    }
  }

  private toFault(e: unknown, req: WsmanRequest | undefined): WsmanFault {
    if (e instanceof WsmanFault) return e;
    if (e instanceof CimError) return cimFault(e, 'get');
    this.log.error({ err: e, action: req?.action, resourceUri: req?.resourceUri }, 'wsman request failed');
    return fault.of('InternalError', `The WS-Management service cannot process the request because of an internal error: ${(e as Error)?.message ?? e}`);
  }

  private identify(req: WsmanRequest, info: RequestInfo): EngineResponse {
    const out = new Out(this.styleFor(req));
    const anonymous = !info.principal;
    const version = anonymous ? WINDOWS_IDENTITY.version : this.identity.version;
    const profiles = anonymous
      ? ''
      : `<wsmid:SecurityProfiles>${(info.profiles ?? []).map((p) => `<wsmid:SecurityProfileName>${p}</wsmid:SecurityProfileName>`).join('')}</wsmid:SecurityProfiles>`;
    const body =
      `<wsmid:IdentifyResponse xmlns:wsmid="${NS.wsmid}"><wsmid:ProtocolVersion>${NS.w}</wsmid:ProtocolVersion>` +
      `<wsmid:ProductVendor>${esc(this.identity.vendor)}</wsmid:ProductVendor><wsmid:ProductVersion>${esc(version)}</wsmid:ProductVersion>` +
      `${profiles}</wsmid:IdentifyResponse>`;
    return { status: 200, body: envelope(out, { body }) };
  }

  private handlerFor(uri: string): ResourceHandler {
    if (isCimUri(uri)) return this.cim;
    if (parseConfigUri(uri)) return this.configHandler;
    if (uri.toLowerCase().startsWith(URI.shell.toLowerCase()))
      throw new WsmanFault('DestinationUnreachable', SHELL_FAULT, { faultDetail: 'InvalidResourceURI' });
    throw fault.badUri(uri);
  }

  private classify(action: string, uri: string | undefined): Op {
    switch (action) {
      case ACTION.Get: return 'Get';
      case ACTION.Put: return 'Put';
      case ACTION.Create: return 'Create';
      case ACTION.Delete: return 'Delete';
      case ACTION.Enumerate: return 'Enumerate';
      case ACTION.Pull: return 'Pull';
      case ACTION.Release: return 'Release';
    }
    if (uri && action.toLowerCase().startsWith(uri.toLowerCase().replace(/\/+$/, '') + '/')) {
      const method = action.slice(uri.replace(/\/+$/, '').length + 1);
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(method)) return { invoke: method };
    }
    if (uri?.toLowerCase().startsWith(URI.shell.toLowerCase())) throw new WsmanFault('DestinationUnreachable', SHELL_FAULT, { faultDetail: 'InvalidResourceURI' });
    throw fault.of('ActionNotSupported', `The WS-Management service cannot process the request because the action ${action} is not supported for this resource.`);
  }

  private sddl(): Sddl {
    const text = this.config.get('Service.RootSDDL');
    if (this.sddlCache?.text !== text) this.sddlCache = { text, sddl: parseSddl(text) };
    return this.sddlCache.sddl;
  }

  private async dispatch(req: WsmanRequest, principal: Principal, text: string): Promise<EngineResponse> {
    if (req.action === undefined || req.action === '')
      throw fault.of('MessageInformationHeaderRequired', 'The WS-Management service cannot process the request because the wsa:Action header is missing.');
    if (req.messageId === undefined || req.messageId === '')
      throw fault.of('MessageInformationHeaderRequired', 'The WS-Management service cannot process the request because the wsa:MessageID header is missing.');
    for (const o of req.options) {
      if (o.mustComply) throw fault.of('InvalidOptions', `The WS-Management service cannot comply with the option ${o.name}.`, 'NotSupported');
    }
    const op = this.classify(req.action, req.resourceUri);
    // A replay is the same request again (curl --retry resends the same bytes): remember
    // answers by user, MessageID and a hash of the whole envelope.
    const replayKey = op === 'Get' ? undefined : `${principal.user.toLowerCase()}\n${req.messageId}\n${crypto.createHash('sha256').update(text).digest('base64')}`;
    if (replayKey) {
      const hit = this.replay.get(replayKey);
      if (hit && this.clock.monotonic() - hit.at < REPLAY_TTL_MS) return { status: hit.status, body: hit.body };
    }
    const needsResource = op !== 'Pull' && op !== 'Release';
    if (needsResource && !req.resourceUri) throw fault.badUri('');
    const handler = needsResource ? this.handlerFor(req.resourceUri!) : undefined;
    const write = handler?.alwaysWrite || op === 'Put' || op === 'Create' || op === 'Delete' || typeof op === 'object';
    const access = accessFor(this.sddl(), principal);
    if (!(write ? access.write : access.read) || (req.resourceUri && !uriAllowed(principal.uriPatterns, req.resourceUri)))
      throw fault.of('AccessDenied', `Access is denied. The user ${principal.user} has no ${write ? 'write' : 'read'} access to this resource (Service/RootSDDL).`);

    const user = principal.user.toLowerCase();
    const limit = this.config.num('Service.MaxConcurrentOperationsPerUser');
    const busy = (this.inflight.get(user) ?? 0) + this.contexts.countFor(principal.user);
    if (busy >= limit && op !== 'Pull' && op !== 'Release')
      throw fault.of('QuotaLimit', `The WS-Management service cannot process the request. This user is allowed a maximum number of ${limit} concurrent operations, which has been exceeded.`);
    this.inflight.set(user, (this.inflight.get(user) ?? 0) + 1);
    try {
      const out = new Out(this.styleFor(req));
      const ctx: OpContext = { req, principal, out, clock: this.clock, log: this.log };
      const r = await this.run(op, ctx, handler);
      const body = envelope(out, { action: r.action, relatesTo: req.messageId, headers: r.headers, body: r.body });
      const limitBytes = this.envelopeLimit(req);
      // UTF-8 takes at most 3 octets per UTF-16 unit: measuring is needed only near the limit,
      // and then the encoded octets are kept for sending (a Pull of 50 instances is 200 KB).
      let octets: Buffer | undefined;
      if (body.length * 3 > limitBytes) {
        octets = Buffer.from(body, 'utf8');
        if (octets.length > limitBytes)
          throw fault.of('EncodingLimit', `The WS-Management service cannot process the request because the response would be larger than the maximum envelope size (${limitBytes} octets).`, 'MaxEnvelopeSize');
      }
      if (replayKey) this.remember(replayKey, 200, body);
      return { status: 200, body, octets };
    } finally {
      const n = (this.inflight.get(user) ?? 1) - 1;
      if (n <= 0) this.inflight.delete(user);
      else this.inflight.set(user, n);
    }
  }

  private remember(key: string, status: number, body: string): void {
    const now = this.clock.monotonic();
    for (const [k, v] of this.replay) {
      if (this.replay.size < REPLAY_MAX_ENTRIES && this.replayBytes + body.length < REPLAY_MAX_BYTES && now - v.at < REPLAY_TTL_MS) break;
      this.replay.delete(k);
      this.replayBytes -= v.body.length;
    }
    this.replay.set(key, { status, body, at: now });
    this.replayBytes += body.length;
  }

  private operationTimeout(req: WsmanRequest): number {
    const max = this.config.num('MaxTimeoutms');
    return Math.min(req.operationTimeoutMs ?? max, max);
  }

  /** OperationTimeout, clamped to MaxTimeoutms (research/wsman.md §1.3). */
  private withTimeout<T>(req: WsmanRequest, p: Promise<T>): Promise<T> {
    const ms = this.operationTimeout(req);
    return new Promise<T>((resolve, reject) => {
      const t = this.clock.setTimeout(() => reject(fault.of('TimedOut')), ms);
      p.then(
        (v) => {
          this.clock.clear(t);
          resolve(v);
        },
        (e) => {
          this.clock.clear(t);
          reject(e);
        },
      );
    });
  }

  private async run(op: Op, ctx: OpContext, handler: ResourceHandler | undefined): Promise<OpResult> {
    const req = ctx.req;
    const unsupported = () => fault.of('ActionNotSupported', `The WS-Management service cannot process the request because the action ${req.action} is not supported for this resource.`);
    if (typeof op === 'object') {
      if (!handler?.invoke) throw unsupported();
      return this.withTimeout(req, handler.invoke(ctx, op.invoke));
    }
    switch (op) {
      case 'Get':
        if (!handler?.get) throw unsupported();
        return this.withTimeout(req, handler.get(ctx));
      case 'Put':
        if (!handler?.put) throw unsupported();
        return this.withTimeout(req, handler.put(ctx));
      case 'Create':
        if (!handler?.create) throw unsupported();
        return this.withTimeout(req, handler.create(ctx));
      case 'Delete':
        if (!handler?.delete) throw unsupported();
        return this.withTimeout(req, handler.delete(ctx));
      case 'Enumerate':
        if (!handler?.enumerate) throw unsupported();
        return this.enumerate(ctx, handler);
      case 'Pull':
        return this.pull(ctx);
      case 'Release':
        return this.release(ctx);
    }
  }

  /** WS-Enumeration §3.1 Enumerate, with the DSP0226 §8.2 extensions (modes, optimization). */
  private async enumerate(ctx: OpContext, handler: ResourceHandler): Promise<OpResult> {
    const { req, out } = ctx;
    const en = req.payload;
    if (!en || en.ns !== NS.n || en.local !== 'Enumerate')
      throw fault.of('SchemaValidationError', 'The WS-Management service cannot process the request because the body of an Enumerate is not wsen:Enumerate.', 'InvalidSoapBody');
    const optimize = !!child(en, NS.w, 'OptimizeEnumeration');
    const maxElementsText = textOf(child(en, NS.w, 'MaxElements'));
    let maxElements = 1;
    if (maxElementsText) {
      if (!/^\d+$/.test(maxElementsText) || Number(maxElementsText) < 1)
        throw fault.of('UnsupportedFeature', `MaxElements "${maxElementsText}" must be a positive integer.`, 'MaxElements');
      maxElements = Number(maxElementsText);
    }
    const modeText = textOf(child(en, NS.w, 'EnumerationMode'));
    let mode: EnumMode = 'object';
    if (modeText === 'EnumerateEPR') mode = 'epr';
    else if (modeText === 'EnumerateObjectAndEPR') mode = 'objectAndEpr';
    else if (modeText) throw fault.of('UnsupportedFeature', `The enumeration mode "${modeText}" is not supported.`, 'EnumerationMode');
    const filterEl = child(en, NS.w, 'Filter') ?? child(en, NS.n, 'Filter');
    // Without a Dialect attribute the filter is WQL, as winrm.cmd's -filter is.
    const filter = filterEl ? { dialect: filterEl.attrs.find((a) => a.ns === '' && a.local === 'Dialect')?.value ?? DIALECT.wql, text: textOf(filterEl), el: filterEl } : undefined;
    const expiresAt = this.expiry(textOf(child(en, NS.n, 'Expires')) || undefined);

    const src = await this.withTimeout(req, handler.enumerate!(ctx, { filter }));
    const c = this.contexts.create(ctx.principal!.user, req.resourceUri ?? '', mode, src.iter, expiresAt?.at);
    const n = out.style.n;
    const w = out.style.w;
    let inner = '';
    let end = false;
    let count: number | undefined = src.total;
    if (optimize) {
      c.busy = true;
      try {
        const batch = await takeBatch(
          c,
          { maxElements: Math.min(maxElements, this.config.num('MaxBatchItems')), maxBytes: this.envelopeLimit(req) - ENVELOPE_OVERHEAD, deadline: this.clock.monotonic() + this.operationTimeout(req) },
          out,
          this.clock,
        );
        end = batch.end;
        if (end && count === undefined) count = batch.items.length;
        inner = `<${w}:Items>${itemsXml(batch)}</${w}:Items>${end ? `<${w}:EndOfSequence/>` : ''}`;
      } catch (e) {
        this.contexts.drop(c.id);
        throw e instanceof CimError ? cimFault(e, 'enumerate') : e;
      } finally {
        this.contexts.settle(c);
      }
    }
    // wsl pulls while any non-empty EnumerationContext is present: none with EndOfSequence.
    if (end) this.contexts.drop(c.id);
    const expires = expiresAt ? `<${n}:Expires>${esc(expiresAt.text)}</${n}:Expires>` : '';
    const context = end ? '' : `<${n}:EnumerationContext>${c.id}</${n}:EnumerationContext>`;
    let headers: string | undefined;
    if (child(req.header, NS.w, 'RequestTotalItemsCountEstimate')) {
      headers = count !== undefined
        ? `<${w}:TotalItemsCountEstimate>${count}</${w}:TotalItemsCountEstimate>`
        : `<${w}:TotalItemsCountEstimate xmlns:xsi="${NS.xsi}" xsi:nil="true"/>`;
    }
    return { action: ACTION.Enumerate + 'Response', headers, body: `<${n}:EnumerateResponse>${expires}${context}${inner}</${n}:EnumerateResponse>` };
  }

  /** wsen:Expires: an xs:duration or an xs:dateTime (WS-Enumeration §3.1). */
  private expiry(text: string | undefined): { at: number; text: string } | undefined {
    if (text === undefined) return undefined;
    const d = parseDuration(text);
    if (d !== undefined) {
      if (d <= 0) throw fault.of('InvalidExpirationTime', `The expiration time "${text}" is not in the future.`);
      return { at: this.clock.monotonic() + d, text };
    }
    const abs = /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : NaN;
    if (Number.isNaN(abs)) throw fault.of('UnsupportedExpirationType', `The expiration "${text}" is neither an xs:duration nor an xs:dateTime.`);
    const left = abs - this.clock.now();
    if (left <= 0) throw fault.of('InvalidExpirationTime', `The expiration time "${text}" is in the past.`);
    return { at: this.clock.monotonic() + left, text };
  }

  private contextId(ctx: OpContext, local: string): string {
    const body = ctx.req.payload;
    if (!body || body.ns !== NS.n || body.local !== local)
      throw fault.of('SchemaValidationError', `The WS-Management service cannot process the request because the body is not wsen:${local}.`, 'InvalidSoapBody');
    return textOf(child(body, NS.n, 'EnumerationContext'));
  }

  /** WS-Enumeration §3.2 Pull: MaxElements (default 1), MaxTime, MaxCharacters. */
  private async pull(ctx: OpContext): Promise<OpResult> {
    const { req, out } = ctx;
    const id = this.contextId(ctx, 'Pull');
    const body = req.payload!;
    const intOf = (local: string): number | undefined => {
      const t = textOf(child(body, NS.n, local));
      if (!t) return undefined;
      if (!/^\d+$/.test(t) || Number(t) < 1) throw fault.of('SchemaValidationError', `wsen:${local} "${t}" must be a positive integer.`, 'InvalidSoapBody');
      return Number(t);
    };
    const maxElements = Math.min(intOf('MaxElements') ?? 1, this.config.num('MaxBatchItems'));
    const maxCharacters = intOf('MaxCharacters');
    const maxTimeText = textOf(child(body, NS.n, 'MaxTime'));
    const maxTime = maxTimeText ? parseDuration(maxTimeText) : undefined;
    if (maxTimeText && maxTime === undefined) throw fault.of('SchemaValidationError', `wsen:MaxTime "${maxTimeText}" is not an xs:duration.`, 'InvalidSoapBody');
    const c = this.contexts.acquire(id, ctx.principal!.user);
    let dropped = false;
    try {
      const deadline = this.clock.monotonic() + Math.min(maxTime ?? this.operationTimeout(req), this.operationTimeout(req));
      const batch = await takeBatch(c, { maxElements, maxCharacters, maxBytes: this.envelopeLimit(req) - ENVELOPE_OVERHEAD, deadline }, out, this.clock);
      if (batch.items.length === 0 && batch.timedOut)
        throw fault.of('TimedOut', 'The WS-Management service cannot complete the operation within the time specified in OperationTimeout (or MaxTime); the enumeration can be continued with another Pull.');
      const n = out.style.n;
      if (batch.end) {
        this.contexts.drop(c.id);
        dropped = true;
      }
      const context = batch.end ? '' : `<${n}:EnumerationContext>${c.id}</${n}:EnumerationContext>`;
      return {
        action: ACTION.Pull + 'Response',
        body: `<${n}:PullResponse>${context}<${n}:Items>${itemsXml(batch)}</${n}:Items>${batch.end ? `<${n}:EndOfSequence/>` : ''}</${n}:PullResponse>`,
      };
    } catch (e) {
      if (e instanceof CimError) {
        this.contexts.drop(c.id);
        dropped = true;
        throw cimFault(e, 'enumerate');
      }
      throw e;
    } finally {
      if (!dropped) this.contexts.settle(c);
    }
  }

  private async release(ctx: OpContext): Promise<OpResult> {
    const id = this.contextId(ctx, 'Release');
    const c = this.contexts.acquire(id, ctx.principal!.user);
    this.contexts.drop(c.id);
    return { action: ACTION.Release + 'Response', body: '' };
  }
}
