import type { Codec } from '../fields';
import type { PrivilegeName } from '../message/netfn';

/**
 * One IPMI command, declared once (DESIGN.md "Declare an IPMI command once"). The virtual BMC
 * binds a handler to it; the client calls it; both use the same request/response codecs.
 */
export interface CommandDef<Req, Res> {
  /** The spec's name, verbatim: used in logs and errors. */
  readonly name: string;
  /** Request NetFn (even). */
  readonly netFn: number;
  readonly cmd: number;
  /**
   * Group extension body code (NetFn 2Ch/2Dh): the first request data byte and the first
   * response byte after the completion code (DCMI 0xDC, PICMG 0x00, VITA 0x03). The
   * framework adds and checks it; the codecs below do not include it.
   */
  readonly group?: number;
  /** Spec citation: 'v2.0 §20.1, Table 20-2'. */
  readonly spec: string;
  /** Minimum session privilege. 'none' = allowed outside a session (before login). */
  readonly privilege: PrivilegeName | 'none';
  /** Request data after cmd (and after the group byte). */
  readonly request: Codec<Req>;
  /** Response data after the completion code (and after the group byte). */
  readonly response: Codec<Res>;
  /** Command-specific completion codes (80h-BEh) and their meaning. */
  readonly codes?: Readonly<Record<number, string>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommandDef = CommandDef<any, any>;
export type RequestOf<D> = D extends CommandDef<infer Q, any> ? Q : never;
export type ResponseOf<D> = D extends CommandDef<any, infer S> ? S : never;

export function defineCommand<Q, S>(d: CommandDef<Q, S>): CommandDef<Q, S> {
  return Object.freeze(d);
}

/** Registry key: netFn, cmd and group (when the command is a group extension). */
export function commandKey(netFn: number, cmd: number, group?: number): string {
  return group === undefined ? `${netFn}:${cmd}` : `${netFn}:${cmd}:${group}`;
}
