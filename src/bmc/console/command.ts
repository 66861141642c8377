import { spawn } from 'node:child_process';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { CommandConsoleSpec } from '../../profile/console-types';
import { Line, LineEvents, StreamBackend } from './stream';

/**
 * A command whose stdin/stdout are the system's serial line (`virsh console DOMAIN --force`,
 * `socat - UNIX-CONNECT:/run/vm.sock`). It is started again after it exits. Its stderr goes to
 * the log, a line at a time. No break: a pipe cannot carry one.
 */
export class CommandBackend extends StreamBackend {
  constructor(
    private readonly spec: CommandConsoleSpec,
    clock: Clock,
    log: Logger,
  ) {
    super(`command ${spec.command.join(' ')}`, clock, log, spec.restartMs);
  }

  protected open(events: LineEvents): Promise<Line> {
    return new Promise((resolve, reject) => {
      const [cmd, ...args] = this.spec.command;
      const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (t: string) => {
        stderr += t;
        let nl: number;
        while ((nl = stderr.indexOf('\n')) >= 0) {
          this.log.info({ line: this.describe, stderr: stderr.slice(0, nl) }, 'console command stderr');
          stderr = stderr.slice(nl + 1);
        }
      });
      child.stdin.on('error', () => undefined);
      child.once('error', (e) => reject(e));
      child.once('spawn', () => {
        child.stdout.on('data', (d: Buffer) => events.data(d));
        child.once('exit', (code, signal) => events.closed(signal ? `exited on ${signal}` : `exited with status ${code}`));
        resolve({
          write: (d) => void child.stdin.write(d),
          pause: () => void child.stdout.pause(),
          resume: () => void child.stdout.resume(),
          sendBreak: () => this.log.debug({ line: this.describe }, 'break requested; a pipe cannot carry one'),
          close: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      });
    });
  }
}
