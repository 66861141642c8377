import path from 'node:path';
import { ConfigError } from '../../lib/errors';
import type { DeviceStore } from './store';

/**
 * Reading a section back from a state file and checking its shape. A file that parses but holds
 * the wrong thing is as fatal as one that does not parse: a ConfigError naming the file and the
 * path inside it, never a silent reset.
 */
export class Shape {
  constructor(readonly file: string) {}
  fail(at: string, reason: string): never {
    throw new ConfigError(this.file, at, reason);
  }
  object(v: unknown, at: string): Record<string, unknown> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(at, 'must be an object');
    return v as Record<string, unknown>;
  }
  int(v: unknown, at: string, min: number, max: number): number {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) this.fail(at, `must be an integer in ${min}..${max}`);
    return v;
  }
  bool(v: unknown, at: string): boolean {
    if (typeof v !== 'boolean') this.fail(at, 'must be true or false');
    return v;
  }
  oneOf<T extends string>(v: unknown, at: string, allowed: readonly T[]): T {
    if (typeof v !== 'string' || !allowed.includes(v as T)) this.fail(at, `must be one of: ${allowed.join(', ')}`);
    return v as T;
  }
  hex(v: unknown, at: string, maxBytes: number): Buffer {
    if (typeof v !== 'string' || !/^([0-9a-f]{2})*$/.test(v) || v.length / 2 > maxBytes) this.fail(at, `must be hex of at most ${maxBytes} bytes`);
    return Buffer.from(v, 'hex');
  }
}

/** One named section of a device's state: load (checked) and save (atomic, via DeviceStore). */
export class StateSection<T> {
  readonly file: string;
  constructor(
    private readonly store: DeviceStore,
    readonly name: string,
  ) {
    this.file = store.dir ? path.join(store.dir, `${name}.json`) : `<memory>/${name}`;
  }
  load(check: (raw: unknown, shape: Shape) => T): T | undefined {
    const raw = this.store.load<unknown>(this.name);
    return raw === undefined ? undefined : check(raw, new Shape(this.file));
  }
  save(value: T): void {
    this.store.save(this.name, value);
  }
}
