import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A test process's stand-in for a VM's serial port, as QEMU's `-serial unix:PATH,server,nowait`
 * offers it: a Unix socket server that records every byte the BMC writes and can print.
 */
export class VmSerialPort {
  readonly received: Buffer[] = [];
  private socket?: net.Socket;
  private connectedFns: Array<() => void> = [];
  connections = 0;

  private constructor(
    private readonly server: net.Server,
    readonly path: string,
    private readonly dir: string,
  ) {
    server.on('connection', (s) => {
      this.connections++;
      this.socket?.destroy();
      this.socket = s;
      s.on('data', (d: Buffer) => this.received.push(d));
      s.on('error', () => undefined);
      for (const fn of this.connectedFns.splice(0)) fn();
    });
  }

  static async start(): Promise<VmSerialPort> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmcbridge-vmport-'));
    const p = path.join(dir, 'serial.sock');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(p, resolve));
    return new VmSerialPort(server, p, dir);
  }

  get connected(): boolean {
    return !!this.socket && !this.socket.destroyed;
  }

  waitConnected(): Promise<void> {
    return this.connected ? Promise.resolve() : new Promise((r) => this.connectedFns.push(r));
  }

  /** All bytes received so far, in order. */
  all(): Buffer {
    return Buffer.concat(this.received);
  }

  /** The VM prints. */
  write(data: string | Buffer): Promise<void> {
    const s = this.socket!;
    return new Promise((resolve, reject) => s.write(data, (e) => (e ? reject(e) : resolve())));
  }

  /** Drop the connection (the VM's serial port went away). */
  hangUp(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  async close(): Promise<void> {
    this.socket?.destroy();
    await new Promise((r) => this.server.close(r));
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Deterministic printable text of exactly `n` bytes: numbered lines ending in CR LF, no escape
 * character (`~`, `&`), ending in `endMarker(tag)` so a reader can wait for the very end.
 */
export function pasteText(n: number, tag: string): Buffer {
  const end = endMarker(tag);
  const parts: string[] = [];
  let len = 0;
  for (let i = 0; len < n; i++) {
    const line = `${tag} ${String(i).padStart(5, '0')} the quick brown fox jumps over the lazy dog 0123456789\r\n`;
    parts.push(line);
    len += line.length;
  }
  return Buffer.from(parts.join('').slice(0, n - end.length) + end, 'latin1');
}
export const endMarker = (tag: string) => `<<end of ${tag}>>`;
