import { UdpSocket } from '../transport/udp';
import type { VirtualBmc } from './device';
import { LanEngine } from './lan';

/** Network faults injected per BMC (the control API sets them). */
export interface NetworkFaults {
  /** Added delay before each reply, in ms. */
  latencyMs: number;
  /** Probability 0..1 that an incoming packet is dropped. */
  lossRatio: number;
  /** Drop everything. */
  unresponsive: boolean;
}

/** A virtual BMC served over UDP (RMCP/RMCP+) on host:port. */
export class LanServer {
  private sock?: UdpSocket;
  readonly engine: LanEngine;
  readonly faults: NetworkFaults = { latencyMs: 0, lossRatio: 0, unresponsive: false };
  /** Datagrams received and replies sent, for metrics and tests. */
  readonly stats = { received: 0, replied: 0 };

  constructor(readonly bmc: VirtualBmc) {
    this.engine = new LanEngine(bmc);
    // Packets the engine sends on its own (SOL output and ACKs) take the same way out as replies.
    this.engine.sink = (b, peer) => this.reply([b], peer);
  }

  async listen(host: string, port: number): Promise<{ host: string; port: number }> {
    this.sock = await UdpSocket.bind(host, port, (data, from) => {
      this.stats.received++;
      const f = this.faults;
      if (f.unresponsive || (f.lossRatio > 0 && Math.random() < f.lossRatio)) return;
      // Answered before this callback returns unless a handler waits (nearly none do).
      const out = this.engine.handleNow(data, from);
      if (out instanceof Promise) void out.then((o) => this.reply(o, from));
      else this.reply(out, from);
    });
    const addr = this.sock.address;
    this.engine.port = addr.port;
    this.bmc.log.info({ host: addr.host, port: addr.port }, 'virtual BMC listening (RMCP/RMCP+ over UDP)');
    return addr;
  }

  private reply(out: Buffer[], to: { address: string; port: number }): void {
    if (out.length === 0 || this.faults.unresponsive) return;
    const send = () => {
      this.stats.replied += out.length;
      for (const b of out) this.sock?.send(b, to.port, to.address);
    };
    if (this.faults.latencyMs > 0) setTimeout(send, this.faults.latencyMs).unref();
    else send();
  }

  get address(): { host: string; port: number } | undefined {
    return this.sock?.address;
  }

  async close(): Promise<void> {
    await this.sock?.close();
    this.sock = undefined;
  }
}
