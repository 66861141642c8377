import { SerialPort } from 'serialport';
import { TransportError } from '../../lib/errors';
import { BasicChar } from './basic';
import { PacketSink, SerialMode, SerialPacket, encodeSerialPacket, serialDecoder } from './packet';

export const DEFAULT_BAUD = 115200;

export interface SerialLineOptions {
  /** Device path: /dev/ttyS0, or a pty (socat pty,link=...). */
  path: string;
  baudRate?: number;
  mode: SerialMode;
}

/**
 * An open serial port speaking IPMI in basic or terminal mode: decodes what arrives into
 * packets for `sink`, frames what is sent. Used by the client (src/client/serial.ts) and the
 * serial virtual BMC (src/bmc/serial.ts).
 */
export class SerialLine {
  private constructor(
    private readonly port: SerialPort,
    readonly mode: SerialMode,
    readonly path: string,
  ) {}

  static async open(opts: SerialLineOptions, sink: PacketSink): Promise<SerialLine> {
    const decoder = serialDecoder(opts.mode, sink);
    const port = new SerialPort({ path: opts.path, baudRate: opts.baudRate ?? DEFAULT_BAUD, autoOpen: false });
    await new Promise<void>((resolve, reject) =>
      port.open((err) => (err ? reject(new TransportError(`cannot open serial port ${opts.path}: ${err.message}`)) : resolve())),
    );
    port.on('data', (chunk: Buffer) => decoder.push(chunk));
    port.on('error', (err: Error) => sink.garbage?.(`serial port error: ${err.message}`));
    return new SerialLine(port, opts.mode, opts.path);
  }

  get isOpen(): boolean {
    return this.port.isOpen;
  }

  send(p: SerialPacket): void {
    this.write(encodeSerialPacket(this.mode, p));
  }

  /** Basic mode packet handshake (A6h); nothing in terminal mode. */
  handshake(): void {
    if (this.mode === 'basic') this.write(Buffer.from([BasicChar.Handshake]));
  }

  write(bytes: Buffer): void {
    if (!this.port.isOpen) throw new TransportError(`serial port ${this.path} is closed`);
    this.port.write(bytes);
  }

  close(): Promise<void> {
    if (!this.port.isOpen) return Promise.resolve();
    return new Promise((resolve) => this.port.close(() => resolve()));
  }
}
