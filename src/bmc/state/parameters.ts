import type { ConfigParameter, ParameterTable } from '../../codec/commands/app/config-parameters';
import { SetInProgressState } from '../../codec/commands/app/config-parameters';
import type { DeviceStore } from './store';
import { Shape, StateSection } from './section';

interface Saved {
  /** Data bytes (hex) by parameter name. */
  values: Record<string, string>;
  /** Parameters marked invalid/locked (Set System Boot Options byte 1 bit 7). */
  locked: string[];
}

type AnyTable = ParameterTable<Record<string, ConfigParameter<any>>>;

/**
 * The stored data bytes of a parameter table (LAN configuration, boot options): one entry per
 * writable parameter, kept as hex under the parameter's name. The bytes are what a Get returns,
 * so a value reads back exactly as written (ipmitool compares them after every `lan set`).
 * Every writable parameter has a default, whose length is the only length accepted on load.
 * Parameter 0 (Set In Progress) is volatile and kept in memory only.
 */
export class ParameterStore {
  private readonly section: StateSection<Saved>;
  private readonly values = new Map<number, Buffer>();
  private readonly locked = new Set<number>();
  /** Parameter 0's state (SetInProgressState); not saved. */
  setInProgress: number = SetInProgressState.complete;

  constructor(
    store: DeviceStore,
    sectionName: string,
    private readonly table: AnyTable,
    private readonly defaults: ReadonlyMap<number, Buffer>,
  ) {
    this.section = new StateSection(store, sectionName);
    for (const [id, v] of defaults) this.values.set(id, v);
    const saved = this.section.load((raw, s) => this.check(raw, s));
    if (saved) {
      for (const [name, hexValue] of Object.entries(saved.values)) this.values.set(this.idOf(name)!, Buffer.from(hexValue, 'hex'));
      for (const name of saved.locked) this.locked.add(this.idOf(name)!);
    }
  }

  get(id: number): Buffer | undefined {
    return this.values.get(id);
  }
  isLocked(id: number): boolean {
    return this.locked.has(id);
  }
  /** Store new bytes (and, when given, the lock bit) and save them before returning. */
  set(id: number, data: Buffer | undefined, locked?: boolean): void {
    if (data) this.values.set(id, Buffer.from(data));
    if (locked !== undefined) {
      if (locked) this.locked.add(id);
      else this.locked.delete(id);
    }
    const out: Saved = { values: {}, locked: [] };
    for (const [pid, v] of this.values) if (this.defaults.has(pid)) out.values[this.table.find(pid)!.name] = v.toString('hex');
    for (const pid of this.locked) out.locked.push(this.table.find(pid)!.name);
    this.section.save(out);
  }

  private idOf(name: string): number | undefined {
    return this.table.all().find((p) => p.name === name)?.id;
  }
  private check(raw: unknown, s: Shape): Saved {
    const o = s.object(raw, '');
    const values = s.object(o.values, '/values');
    for (const [name, v] of Object.entries(values)) {
      const at = `/values/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      const id = this.idOf(name);
      const def = id === undefined ? undefined : this.defaults.get(id);
      if (!def) s.fail(at, 'not a stored parameter');
      if (s.hex(v, at, 64).length !== def.length) s.fail(at, `must be ${def.length} bytes`);
    }
    if (!Array.isArray(o.locked)) s.fail('/locked', 'must be a list of parameter names');
    o.locked.forEach((name, i) => {
      if (typeof name !== 'string' || this.idOf(name) === undefined) s.fail(`/locked/${i}`, 'not a parameter name');
    });
    return { values: values as Record<string, string>, locked: o.locked as string[] };
  }
}
