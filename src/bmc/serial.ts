import { Privilege } from '../codec/message/netfn';
import { REMOTE_SWID } from '../codec/message/ipmb';
import type { Logger } from '../lib/logger';
import { DEFAULT_BAUD, SerialLine, SerialMode, SerialPacket, serialResponse } from '../transport/serial';
import type { VirtualBmc } from './device';
import { SERIAL_CHANNEL } from './device';

export interface SerialServerOptions {
  /** A serial device or a pty (socat pty,raw,echo=0,link=PATH). */
  path: string;
  mode: SerialMode;
  /** Default 115200. */
  baud?: number;
  /**
   * Basic mode: send the packet handshake A6h on every packet received, before the answer
   * (v2.0 §14.4.1). ipmitool 1.8.19 ignores it; OpenIPMI's Direct codec sends it. Default off.
   */
  handshake?: boolean;
}

/**
 * A virtual BMC served on a serial line in basic or terminal mode (v2.0 §14).
 *
 * Requests on the line run without a session, on the serial channel (device.ts
 * SERIAL_CHANNEL), with Administrator privilege: whoever holds the port is the console, as on
 * a BMC's local serial connection in "always available" mode. ipmitool's serial interfaces
 * send no login either.
 *
 * ipmitool first probes for PICMG and VITA (NetFn 2Ch, cmd 00h, data 00h then 03h) and waits
 * about 5 s per unanswered probe. The dispatcher answers both at once with C1h (invalid
 * command): no group command 00h is declared, so they are unknown commands.
 */
export class SerialServer {
  private line?: SerialLine;
  private readonly log: Logger;
  readonly stats = { requests: 0, garbage: 0 };

  constructor(
    readonly bmc: VirtualBmc,
    readonly opts: SerialServerOptions,
  ) {
    this.log = bmc.log.child({ transport: `serial-${opts.mode}`, path: opts.path });
  }

  async open(): Promise<void> {
    this.line = await SerialLine.open(
      { path: this.opts.path, baudRate: this.opts.baud ?? DEFAULT_BAUD, mode: this.opts.mode },
      {
        packet: (p) => void this.onPacket(p),
        garbage: (reason) => {
          this.stats.garbage++;
          this.log.debug({ reason }, 'undecodable bytes dropped');
        },
      },
    );
    this.log.info({ mode: this.opts.mode }, 'virtual BMC listening on a serial line');
  }

  async close(): Promise<void> {
    await this.line?.close();
    this.line = undefined;
  }

  private async onPacket(req: SerialPacket): Promise<void> {
    const line = this.line;
    if (!line || (req.netFn & 1) === 1) return;
    this.stats.requests++;
    if (this.opts.handshake) line.handshake();
    const rsp = await this.bmc.dispatch(
      { netFn: req.netFn, cmd: req.cmd, data: req.data },
      {
        privilege: Privilege.administrator,
        channel: SERIAL_CHANNEL,
        requester: { addr: req.srcAddr ?? REMOTE_SWID, lun: req.srcLun ?? 0 },
        log: this.log,
      },
    );
    if (line.isOpen) line.send(serialResponse(req, rsp.cc, rsp.data));
  }
}
