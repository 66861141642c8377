import { TransportError } from '../lib/errors';
import { Privilege, PrivilegeName } from '../codec/message/netfn';
import { REMOTE_SWID } from '../codec/message/ipmb';
import type { IpmiLink, IpmiRequest, IpmiResponse, LinkStats } from './types';

/** What the client needs from a BMC in the same process; bmc/device.ts VirtualBmc has this shape. */
export interface InProcessBmc {
  dispatch(
    req: { netFn: number; cmd: number; data: Buffer },
    ctx: { privilege: number; channel: number; requester: { addr: number; lun: number } },
  ): Promise<{ cc: number; data: Buffer }>;
}
export type DispatchFn = InProcessBmc['dispatch'];

/** The system interface channel (v2.0 §6.3, Table 6-1: 0Fh). */
export const SYSTEM_INTERFACE_CHANNEL = 0x0f;

export interface InProcessOptions {
  /** Privilege the requests run with (default 'administrator': there is no session to limit it). */
  privilege?: PrivilegeName;
  /** Channel the requests arrive on (default 0Fh, the system interface). */
  channel?: number;
  /** Name for errors and logs (default "in-process"). */
  name?: string;
}

/**
 * A virtual BMC in this process: requests go straight to its dispatcher, without bytes on a
 * wire, sessions or retransmission. The request runs as if from the system interface.
 */
export class InProcessLink implements IpmiLink {
  readonly target: string;
  readonly stats: LinkStats = { sent: 0, received: 0, retransmits: 0, logins: 0, garbage: 0 };
  private readonly dispatch: DispatchFn;
  private readonly privilege: number;
  private readonly channel: number;
  private closed = false;

  constructor(bmc: InProcessBmc | DispatchFn, opts: InProcessOptions = {}) {
    this.dispatch = typeof bmc === 'function' ? bmc : (req, ctx) => bmc.dispatch(req, ctx);
    this.privilege = Privilege[opts.privilege ?? 'administrator'];
    this.channel = opts.channel ?? SYSTEM_INTERFACE_CHANNEL;
    this.target = opts.name ?? 'in-process';
  }

  async request(req: IpmiRequest): Promise<IpmiResponse> {
    if (this.closed) throw new TransportError(`link to ${this.target} is closed`);
    this.stats.sent++;
    const rsp = await this.dispatch(
      { netFn: req.netFn, cmd: req.cmd, data: req.data },
      { privilege: this.privilege, channel: this.channel, requester: { addr: REMOTE_SWID, lun: 0 } },
    );
    this.stats.received++;
    return { cc: rsp.cc, data: Buffer.from(rsp.data) };
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
