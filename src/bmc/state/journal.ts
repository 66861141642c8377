import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../lib/errors';
import { JsonFile } from './store';

/**
 * An append-only log of operations with a snapshot, for state that changes often in small steps
 * (the SEL): an operation costs one appended line and one fdatasync instead of rewriting the
 * whole state. Each line carries a sequence number; the snapshot records the last one it
 * includes, so a crash between writing a snapshot and truncating the log replays nothing twice.
 * A last line without its newline was never acknowledged (the append did not return) and is
 * ignored; a bad line before it is corruption, reported like a bad state file.
 *
 * Files: `<name>.snapshot.json` ({ seq, state }) and `<name>.journal` (one JSON line per op).
 */
export class Journal<S, Op> {
  private fd?: number;
  private seq = 0;
  private pending = 0;
  readonly snapshotFile?: JsonFile<{ seq: number; state: S }>;
  readonly logFile?: string;

  constructor(dir: string | undefined, name: string) {
    if (!dir) return;
    this.snapshotFile = new JsonFile(path.join(dir, `${name}.snapshot.json`));
    this.logFile = path.join(dir, `${name}.journal`);
  }

  /** The saved snapshot and the operations after it; undefined when nothing was ever saved. */
  load(parseOp: (raw: unknown, at: string) => Op): { state?: S; ops: Op[] } | undefined {
    if (!this.logFile) return undefined;
    const snap = this.snapshotFile!.load();
    let text = '';
    try {
      text = fs.readFileSync(this.logFile, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new ConfigError(this.logFile, '', `cannot read: ${(e as Error).message}`);
    }
    if (!snap && text === '') return undefined;
    this.seq = snap?.seq ?? 0;
    const ops: Op[] = [];
    const lines = text.split('\n');
    // The part after the last newline is an append that never finished.
    const complete = lines.slice(0, -1);
    complete.forEach((line, i) => {
      let rec: { seq?: unknown; op?: unknown };
      try {
        rec = JSON.parse(line) as typeof rec;
      } catch {
        throw new ConfigError(this.logFile!, `line ${i + 1}`, 'corrupt journal line (not JSON); move the file away to start fresh');
      }
      if (typeof rec.seq !== 'number') throw new ConfigError(this.logFile!, `line ${i + 1}`, 'journal line without a sequence number');
      if (rec.seq <= this.seq) return;
      if (rec.seq !== this.seq + 1) throw new ConfigError(this.logFile!, `line ${i + 1}`, `sequence ${rec.seq} follows ${this.seq}: lines are missing`);
      ops.push(parseOp(rec.op, `${this.logFile}: line ${i + 1}`));
      this.seq = rec.seq;
    });
    this.pending = ops.length;
    if (lines[lines.length - 1] !== '') {
      // Drop the torn tail so the next append starts on a line of its own.
      fs.truncateSync(this.logFile, Buffer.byteLength(complete.map((l) => l + '\n').join('')));
    }
    return { state: snap?.state, ops };
  }

  /** Append one operation durably; returns once it is on disk. No-op in memory. */
  append(op: Op): void {
    if (!this.logFile) return;
    if (this.fd === undefined) {
      fs.mkdirSync(path.dirname(this.logFile), { recursive: true });
      this.fd = fs.openSync(this.logFile, 'a', 0o600);
    }
    this.seq++;
    fs.writeSync(this.fd, JSON.stringify({ seq: this.seq, op }) + '\n');
    fs.fdatasyncSync(this.fd);
    this.pending++;
  }

  /** Operations appended since the last snapshot. */
  get length(): number {
    return this.pending;
  }

  /** Write the whole state as the new snapshot and empty the log. */
  snapshot(state: S): void {
    if (!this.logFile) return;
    this.snapshotFile!.save({ seq: this.seq, state });
    if (this.fd === undefined) this.fd = fs.openSync(this.logFile, 'a', 0o600);
    fs.ftruncateSync(this.fd, 0);
    fs.fdatasyncSync(this.fd);
    this.pending = 0;
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }
}
