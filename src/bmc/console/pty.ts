import { SerialPort } from 'serialport';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { PtyConsoleSpec } from '../../profile/console-types';
import { Line, LineEvents, StreamBackend } from './stream';

/** How long a break condition is held (v2.0 §15.9 leaves it to the BMC; 300 ms is the usual "long break"). */
export const BREAK_MS = 300;

/**
 * The system's console on a pty or a serial device: a VM started with `-serial pty`, socat's
 * `pty,link=...`, a USB serial adapter. The line is opened raw at the configured speed; a break
 * is a real break condition (TIOCSBRK for BREAK_MS).
 */
export class PtyBackend extends StreamBackend {
  constructor(
    private readonly spec: PtyConsoleSpec,
    clock: Clock,
    log: Logger,
  ) {
    super(`pty ${spec.path}`, clock, log, 1000);
  }

  protected open(events: LineEvents): Promise<Line> {
    return new Promise((resolve, reject) => {
      const port = new SerialPort({ path: this.spec.path, baudRate: this.spec.baud, autoOpen: false });
      port.open((err) => {
        if (err) return reject(err);
        port.on('data', (d: Buffer) => events.data(d));
        port.on('error', (e: Error) => events.closed(e.message));
        port.on('close', () => events.closed('device closed'));
        resolve({
          write: (d) => void port.write(d),
          pause: () => void port.pause(),
          resume: () => void port.resume(),
          sendBreak: () =>
            port.set({ brk: true }, (e) => {
              if (e) return this.log.debug({ line: this.describe, err: e.message }, 'break not supported by the device');
              const t = this.clock.setTimeout(() => port.isOpen && port.set({ brk: false }), BREAK_MS);
              t.unref?.();
            }),
          close: () => new Promise<void>((done) => (port.isOpen ? port.close(() => done()) : done())),
        });
      });
    });
  }
}
