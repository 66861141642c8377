import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../lib/errors';

/**
 * One JSON document on disk, written atomically: write a temp file, fsync it, rename it over
 * the old one, fsync the directory. A save() that returned survives kill -9. A file that does
 * not parse is an error naming the file, never a silent reset.
 */
export class JsonFile<T> {
  constructor(readonly file: string) {}

  /** The stored value, or undefined when there is no file yet. */
  load(): T | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new ConfigError(this.file, '', `cannot read state file: ${(e as Error).message}`);
    }
    try {
      return JSON.parse(text) as T;
    } catch (e) {
      throw new ConfigError(this.file, '', `corrupt state file (not valid JSON: ${(e as Error).message}); move it away to start fresh`);
    }
  }

  save(value: T): void {
    const dir = path.dirname(this.file);
    fs.mkdirSync(dir, { recursive: true });
    const tmp = `${this.file}.tmp-${process.pid}`;
    const fd = fs.openSync(tmp, 'w', 0o600);
    try {
      fs.writeSync(fd, JSON.stringify(value, null, 1));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.file);
    const dfd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  }
}

/**
 * A device's persistent state: named sections in one directory, one file each, so that a SEL
 * write does not rewrite the users. `dir` undefined = in memory only (tests, `wql`).
 */
export class DeviceStore {
  private readonly files = new Map<string, JsonFile<unknown>>();
  constructor(readonly dir: string | undefined) {}
  private file<T>(section: string): JsonFile<T> | undefined {
    if (!this.dir) return undefined;
    let f = this.files.get(section);
    if (!f) this.files.set(section, (f = new JsonFile(path.join(this.dir, `${section}.json`))));
    return f as JsonFile<T>;
  }
  load<T>(section: string): T | undefined {
    return this.file<T>(section)?.load();
  }
  save<T>(section: string, value: T): void {
    this.file<T>(section)?.save(value);
  }
}
