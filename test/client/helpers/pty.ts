import { spawn, ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PtyPair {
  /** Two linked pseudo-terminals: bytes written to one come out of the other. */
  a: string;
  b: string;
  close(): Promise<void>;
}

/** `socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B` in a fresh temp dir; killed by PID on close. */
export async function startPtyPair(): Promise<PtyPair> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmcbridge-pty-'));
  const a = path.join(dir, 'ttyA');
  const b = path.join(dir, 'ttyB');
  const child: ChildProcess = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(fs.existsSync(a) && fs.existsSync(b)); i++) await new Promise((r) => setTimeout(r, 20));
  if (!fs.existsSync(a) || !fs.existsSync(b)) {
    child.kill();
    throw new Error('socat did not create the pty pair');
  }
  return {
    a,
    b,
    close: async () => {
      if (child.exitCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await gone;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
