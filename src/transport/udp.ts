import dgram from 'node:dgram';
import dns from 'node:dns';
import net from 'node:net';
import { TransportError } from '../lib/errors';

/** Where a datagram came from (node:dgram's rinfo, passed on as it is). */
export interface Sender {
  address: string;
  port: number;
}

/**
 * dgram resolves every destination, even an IP literal, and dns.lookup answers those a tick
 * later: each reply would wait for the next tick. Replies go to the address a datagram came
 * from, always a literal, so answer those at once and leave names to dns.lookup.
 */
// (Node passes the family as a number, 4 or 6, though @types/node declares an options object.)
function literalLookup(host: string, family: dns.LookupOneOptions | number, cb: (err: NodeJS.ErrnoException | null, address: string, family: number) => void): void {
  const literal = net.isIP(host);
  if (literal) cb(null, host, literal);
  else dns.lookup(host, typeof family === 'number' ? { family } : family, cb);
}

/** A bound UDP socket delivering whole datagrams (one IPMI/RMCP packet each). */
export class UdpSocket {
  private constructor(private readonly sock: dgram.Socket) {}

  static async bind(host: string, port: number, onMessage: (data: Buffer, from: Sender) => void): Promise<UdpSocket> {
    const type = host.includes(':') ? 'udp6' : 'udp4';
    const sock = dgram.createSocket({ type, recvBufferSize: 1 << 20, lookup: literalLookup });
    await new Promise<void>((resolve, reject) => {
      sock.once('error', (e) => reject(new TransportError(`cannot bind UDP ${host}:${port}: ${e.message}`)));
      sock.bind(port, host, () => resolve());
    });
    sock.on('error', () => undefined);
    sock.on('message', onMessage);
    return new UdpSocket(sock);
  }

  get address(): { host: string; port: number } {
    const a = this.sock.address();
    return { host: a.address, port: a.port };
  }

  send(data: Buffer, port: number, address: string): void {
    this.sock.send(data, port, address);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      try {
        this.sock.close(() => resolve());
      } catch {
        resolve();
      }
    });
  }
}
