import type { Logger } from '../lib/logger';
import { CompletionCodeError, DecodeError } from '../lib/errors';
import { AnyCommandDef, RequestOf, ResponseOf, findCommand } from '../codec/commands';
import { decode, encode } from '../codec/fields';
import { CC, completionText } from '../codec/message/completion-codes';
import { NetFn, Privilege } from '../codec/message/netfn';
import type { MaybePromise } from '../lib/maybe';

/** What a handler sees besides its decoded request. `B` is the device type (bmc/device.ts). */
export interface RequestContext<B = unknown> {
  bmc: B;
  /** The session the request came in, or undefined outside a session (pre-login, serial). */
  session?: SessionView;
  /** The privilege the request runs with (the session's current level; admin on serial). */
  privilege: number;
  /** The channel the request arrived on: 1 = LAN, 2 = serial, 0x0f = system interface. */
  channel: number;
  /** Requester address and LUN, needed by a few commands (Get Session Info, events). */
  requester: { addr: number; lun: number };
  log: Logger;
}

/** The parts of a session handlers may read or change (bmc/sessions.ts implements it). */
export interface SessionView {
  readonly id: number;
  readonly handle: number;
  readonly userId: number;
  readonly userName: string;
  /** Highest privilege negotiated for this session (limit). */
  readonly maxPrivilege: number;
  /** The current operating privilege (Set Session Privilege Level changes it). */
  privilege: number;
  readonly ipmiVersion: '1.5' | '2.0';
  readonly peer: { address: string; port: number };
  readonly channel: number;
}

export type Handler<D extends AnyCommandDef, B> = (
  req: RequestOf<D>,
  ctx: RequestContext<B>,
) => ResponseOf<D> | Promise<ResponseOf<D>>;

export interface BoundHandler<B> {
  readonly def: AnyCommandDef;
  readonly fn: Handler<AnyCommandDef, B>;
}

export function handle<D extends AnyCommandDef, B>(def: D, fn: Handler<D, B>): BoundHandler<B> {
  return { def, fn: fn as Handler<AnyCommandDef, B> };
}

export interface RawRequest {
  netFn: number;
  cmd: number;
  /** Request data after cmd (including the group byte for NetFn 2Ch). */
  data: Buffer;
}
export interface RawResponse {
  cc: number;
  /** Data after the completion code (including the group byte for NetFn 2Ch on success). */
  data: Buffer;
}

/** Maximum request data a LAN message may carry before C8h (v2.0 §6.12.15: 256-byte IPMI messages). */
export const MAX_REQUEST_DATA = 248;

/**
 * Decodes a request with its command's codec, checks privilege, runs the handler and encodes
 * the answer. The one place where DecodeError and CompletionCodeError become completion codes.
 */
export class Dispatcher<B> {
  private readonly handlers = new Map<AnyCommandDef, BoundHandler<B>>();
  constructor(handlers: Iterable<BoundHandler<B>>) {
    for (const h of handlers) {
      if (this.handlers.has(h.def)) throw new Error(`two handlers for ${h.def.name}`);
      this.handlers.set(h.def, h);
    }
  }
  has(def: AnyCommandDef): boolean {
    return this.handlers.has(def);
  }
  handled(): AnyCommandDef[] {
    return [...this.handlers.keys()];
  }

  /** As run(), always as a promise. */
  async dispatch(req: RawRequest, ctx: RequestContext<B>): Promise<RawResponse> {
    return this.run(req, ctx);
  }

  /** The answer to one request: synchronously when the handler is, a promise when it waits. */
  run(req: RawRequest, ctx: RequestContext<B>): MaybePromise<RawResponse> {
    const isGroup = req.netFn === NetFn.Group;
    const group = isGroup ? req.data[0] : undefined;
    const def = findCommand(req.netFn, req.cmd, group);
    const h = def && this.handlers.get(def);
    const log = ctx.log;
    if (!def || !h || (isGroup && def.group !== group)) {
      log.debug({ netFn: req.netFn, cmd: req.cmd, group }, 'unknown command');
      return { cc: CC.InvalidCommand, data: EMPTY };
    }
    if (def.privilege !== 'none' && ctx.privilege < Privilege[def.privilege]) {
      log.debug({ cmd: def.name, need: def.privilege, have: ctx.privilege }, 'insufficient privilege');
      return { cc: CC.InsufficientPrivilege, data: EMPTY };
    }
    const body = def.group !== undefined ? req.data.subarray(1) : req.data;
    let request: unknown;
    try {
      if (body.length > MAX_REQUEST_DATA) return { cc: CC.RequestLengthLimitExceeded, data: EMPTY };
      request = decode(def.request, body, def.name);
    } catch (e) {
      if (e instanceof DecodeError) {
        const cc = e.reason === 'invalid' ? CC.InvalidDataField : e.reason === 'oversize' ? CC.RequestLengthLimitExceeded : CC.RequestLengthInvalid;
        log.debug({ cmd: def.name, err: e.message, cc }, 'request rejected');
        return { cc, data: EMPTY };
      }
      throw e;
    }
    let res: unknown;
    try {
      res = h.fn(request, ctx);
    } catch (e) {
      return failed(def, e, log);
    }
    if (res instanceof Promise)
      return res.then(
        (r) => answer(def, r, log),
        (e) => failed(def, e, log),
      );
    return answer(def, res, log);
  }
}

const EMPTY = Buffer.alloc(0);

/** Response data of a group extension command (NetFn 2Ch) starts with its group byte. */
function withGroup(def: AnyCommandDef, data: Buffer): Buffer {
  return def.group === undefined ? data : Buffer.concat([Buffer.from([def.group]), data]);
}

/** A handler's result encoded with its command's response codec (the group byte first for NetFn 2Ch). */
function answer(def: AnyCommandDef, res: unknown, log: Logger): RawResponse {
  try {
    const data = withGroup(def, encode(def.response, res as never));
    if (log.isLevelEnabled('debug')) log.debug({ cmd: def.name, cc: 0 }, 'ok');
    return { cc: CC.Ok, data };
  } catch (e) {
    return failed(def, e, log);
  }
}

/** A handler's failure as a completion code: its own CompletionCodeError, else FFh (logged). */
function failed(def: AnyCommandDef, e: unknown, log: Logger): RawResponse {
  if (e instanceof CompletionCodeError) {
    log.debug({ cmd: def.name, cc: e.completionCode, text: e.text }, 'completion code');
    // Group extension (DCMI) errors still carry the group byte (DCMI 1.5 §6.1.2).
    return { cc: e.completionCode, data: withGroup(def, e.data ?? EMPTY) };
  }
  log.error({ cmd: def.name, err: e instanceof Error ? e.stack : String(e) }, 'handler failed');
  return { cc: CC.Unspecified, data: EMPTY };
}

export { completionText };
