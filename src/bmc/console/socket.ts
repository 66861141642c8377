import net from 'node:net';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { SocketConsoleSpec } from '../../profile/console-types';
import { Line, LineEvents, StreamBackend } from './stream';

/**
 * The system's serial port as a stream socket the BMC connects to: QEMU's
 * `-serial unix:/path,server,nowait` (or `tcp::4555,server,nowait`), a VM manager's console
 * socket, or a test process. A stream socket has no break condition; a break is logged.
 */
export class SocketBackend extends StreamBackend {
  constructor(
    private readonly spec: SocketConsoleSpec,
    clock: Clock,
    log: Logger,
  ) {
    super(spec.path ? `unix ${spec.path}` : `tcp ${spec.host}:${spec.port}`, clock, log, spec.reconnectMs);
  }

  protected open(events: LineEvents): Promise<Line> {
    return new Promise((resolve, reject) => {
      const s = this.spec.path ? net.connect({ path: this.spec.path }) : net.connect({ host: this.spec.host!, port: this.spec.port! });
      s.setNoDelay(true);
      let open = false;
      s.once('connect', () => {
        open = true;
        resolve({
          write: (d) => void s.write(d),
          pause: () => void s.pause(),
          resume: () => void s.resume(),
          sendBreak: () => this.log.debug({ line: this.describe }, 'break requested; a stream socket cannot carry one'),
          close: () =>
            new Promise<void>((done) => {
              if (s.destroyed) return done();
              s.once('close', () => done());
              s.destroy();
            }),
        });
      });
      s.on('data', (d: Buffer) => events.data(d));
      s.on('error', (e) => {
        if (!open) reject(e);
        else events.closed(e.message);
      });
      s.on('close', () => {
        if (open) events.closed('socket closed');
      });
    });
  }
}
