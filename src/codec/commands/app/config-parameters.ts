import type { Codec } from '../../fields';
import { bits, decode, encode, map } from '../../fields';

/**
 * One configuration parameter of a parameter-selected command (LAN configuration, boot
 * options, system info): its selector, the spec's name and the layout of its data bytes.
 * The Get/Set command codecs carry the data as bytes; these tables give it a type, so the
 * virtual BMC (validating a Set, building a Get) and the client use the same layout.
 */
export interface ConfigParameter<T = unknown> {
  readonly id: number;
  readonly name: string;
  readonly codec: Codec<T>;
  /** Writes answer the command's "read-only parameter" code (82h in every such table). */
  readonly readOnly?: boolean;
}

export function parameter<T>(id: number, name: string, codec: Codec<T>, readOnly = false): ConfigParameter<T> {
  return Object.freeze({ id, name, codec, readOnly });
}

/** A parameter table keyed by selector. */
export class ParameterTable<P extends Record<string, ConfigParameter<any>>> {
  private readonly byId = new Map<number, ConfigParameter<unknown>>();
  constructor(readonly params: P) {
    for (const p of Object.values(params)) {
      if (this.byId.has(p.id)) throw new Error(`parameter ${p.id} declared twice`);
      this.byId.set(p.id, p as ConfigParameter<unknown>);
    }
  }
  find(id: number): ConfigParameter<unknown> | undefined {
    return this.byId.get(id);
  }
  all(): ConfigParameter<unknown>[] {
    return [...this.byId.values()];
  }
}

export function decodeParameter<T>(p: ConfigParameter<T>, data: Buffer): T {
  return decode(p.codec, data, p.name);
}
export function encodeParameter<T>(p: ConfigParameter<T>, value: T): Buffer {
  return encode(p.codec, value);
}

/**
 * Parameter 0, "Set In Progress", shared by the LAN (v2.0 §23.1, Table 23-4), boot option
 * (v2.0 §28.13, Table 28-14) and system info (v2.0 §22.14a) tables: bits [1:0].
 */
export const SetInProgressState = { complete: 0, inProgress: 1, commitWrite: 2 } as const;
export const setInProgress: Codec<number> = map(
  bits({ state: [0, 2] }),
  (b) => b.state,
  (state) => ({ state }),
);

/** Command-specific completion codes of these Get/Set commands (v2.0 §22.14a, §23.1, §28.12). */
export const ParameterCC = { notSupported: 0x80, setInProgressActive: 0x81, readOnly: 0x82, writeOnly: 0x83 } as const;
export const setParameterCodes = {
  [ParameterCC.notSupported]: 'Parameter not supported',
  [ParameterCC.setInProgressActive]: "Attempt to set the 'set in progress' value when not in the 'set complete' state",
  [ParameterCC.readOnly]: 'Attempt to write a read-only parameter',
} as const;
