import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { DEBIAN_PYTHON } from '../../helpers/peers';

const DRIVER = path.join(__dirname, 'pty_driver.py');

interface Reply {
  id: number;
  ok: boolean;
  error?: string;
  before?: string;
  tail?: string;
  status?: number;
  data?: string;
}

/**
 * A command on a pseudo-terminal (test/sol/helpers/pty_driver.py), driven without blocking the
 * event loop: the virtual BMC the command talks to usually runs in this same process.
 */
export class PtyProcess {
  private readonly child: ChildProcess;
  private readonly waiting = new Map<number, (r: Reply) => void>();
  private nextId = 1;
  private exited = false;

  private constructor(cmd: string, args: string[], env?: NodeJS.ProcessEnv) {
    this.child = spawn(DEBIAN_PYTHON, [DRIVER, cmd, ...args], { stdio: ['pipe', 'pipe', 'inherit'], env: env ?? process.env });
    readline.createInterface({ input: this.child.stdout! }).on('line', (line) => {
      const r = JSON.parse(line) as Reply;
      const w = this.waiting.get(r.id);
      this.waiting.delete(r.id);
      w?.(r);
    });
    // A process a test forgot to close must not keep mocha running (the driver also exits when we do).
    this.child.unref();
    (this.child.stdin as unknown as { unref?(): void }).unref?.();
    (this.child.stdout as unknown as { unref?(): void }).unref?.();
    this.child.on('exit', () => {
      this.exited = true;
      for (const [id, w] of this.waiting) w({ id, ok: false, error: 'driver exited' });
      this.waiting.clear();
    });
  }

  static spawn(cmd: string, args: string[], env?: NodeJS.ProcessEnv): PtyProcess {
    return new PtyProcess(cmd, args, env);
  }

  private call(op: Record<string, unknown>): Promise<Reply> {
    if (this.exited) return Promise.resolve({ id: 0, ok: false, error: 'driver exited' });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.stdin!.write(JSON.stringify({ id, ...op }) + '\n');
    });
  }

  /** Type bytes (resolves once the pty took them all). */
  async send(data: string | Buffer): Promise<void> {
    const b = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    const r = await this.call({ op: 'send', data: b.toString('base64') });
    if (!r.ok) throw new Error(`pty send failed: ${r.error}`);
  }

  /** Wait for `pattern` after the previous match; resolves with everything up to its end. */
  async expect(pattern: string | RegExp, timeoutSec = 15): Promise<string> {
    const regex = pattern instanceof RegExp;
    const r = await this.call({ op: 'expect', pattern: regex ? pattern.source : pattern, regex, timeout: timeoutSec });
    if (!r.ok) {
      const tail = r.tail ? Buffer.from(r.tail, 'base64').toString('latin1') : '';
      throw new Error(`pty expect ${JSON.stringify(String(pattern))}: ${r.error}; last output: ${JSON.stringify(tail.slice(-600))}`);
    }
    return Buffer.from(r.before ?? '', 'base64').toString('latin1');
  }

  async waitExit(timeoutSec = 15): Promise<number> {
    const r = await this.call({ op: 'wait_exit', timeout: timeoutSec });
    if (!r.ok) throw new Error(`pty command did not exit: ${r.error}`);
    return r.status!;
  }

  /** Everything the command printed so far. */
  async output(): Promise<Buffer> {
    const r = await this.call({ op: 'output' });
    return Buffer.from(r.data ?? '', 'base64');
  }

  /** Kill the command (if still running) and the driver. */
  async close(): Promise<void> {
    if (this.exited) return;
    await this.call({ op: 'kill' });
    const gone = new Promise((r) => this.child.once('exit', r));
    this.child.stdin!.end();
    await gone;
  }
}
