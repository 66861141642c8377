/**
 * A UDP proxy on 127.0.0.1 for the benchmarks that count packets: it forwards every datagram to
 * a BMC (one back socket per client address, so replies find their way) and counts them both
 * ways. Packets are counted in a run of their own through the proxy: timing through it would add
 * its latency to every packet.
 */
import dgram from 'node:dgram';

export interface CountingProxy {
  port: number;
  /** Datagrams both ways since the last reset. */
  packets(): number;
  /** Datagrams from clients to the BMC since the last reset. */
  requests(): number;
  /** Datagrams from the BMC back to clients since the last reset. */
  replies(): number;
  reset(): void;
  close(): void;
}

export async function countingProxy(targetPort: number): Promise<CountingProxy> {
  const front = dgram.createSocket('udp4');
  const backs = new Map<string, dgram.Socket>();
  let up = 0;
  let down = 0;
  front.on('message', (msg, r) => {
    up++;
    const key = `${r.address}:${r.port}`;
    let back = backs.get(key);
    if (!back) {
      back = dgram.createSocket('udp4');
      back.on('message', (reply) => {
        down++;
        front.send(reply, r.port, r.address);
      });
      back.bind(0, '127.0.0.1');
      backs.set(key, back);
    }
    back.send(msg, targetPort, '127.0.0.1');
  });
  await new Promise<void>((r) => front.bind(0, '127.0.0.1', () => r()));
  return {
    port: front.address().port,
    packets: () => up + down,
    requests: () => up,
    replies: () => down,
    reset: () => {
      up = 0;
      down = 0;
    },
    close: () => {
      front.close();
      for (const b of backs.values()) b.close();
    },
  };
}
