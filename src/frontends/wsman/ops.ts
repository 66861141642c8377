import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { Principal } from './auth/authenticate';
import type { Out, WsmanRequest } from './envelope';
import type { EnumItem } from './enumeration';
import type { XElement } from './xml/tree';

/** What one operation handler sees. */
export interface OpContext {
  readonly req: WsmanRequest;
  readonly principal?: Principal;
  readonly out: Out;
  readonly clock: Clock;
  readonly log: Logger;
}
export interface OpResult {
  /** Response wsa:Action. */
  action: string;
  body: string;
  headers?: string;
}
export interface FilterSpec {
  dialect: string;
  /** Filter text (WQL, CQL). */
  text: string;
  el: XElement;
}
export interface EnumerateSpec {
  filter?: FilterSpec;
}
export interface EnumSource {
  iter: AsyncIterator<EnumItem>;
  /** Known item count when the source could tell cheaply (TotalItemsCountEstimate). */
  total?: number;
}

/** One kind of resource (CIM classes, winrm/config, the WinRS shell). */
export interface ResourceHandler {
  /** Access needed for an operation (read or write) beyond the per-operation default. */
  readonly alwaysWrite?: boolean;
  get?(ctx: OpContext): Promise<OpResult>;
  put?(ctx: OpContext): Promise<OpResult>;
  create?(ctx: OpContext): Promise<OpResult>;
  delete?(ctx: OpContext): Promise<OpResult>;
  enumerate?(ctx: OpContext, spec: EnumerateSpec): Promise<EnumSource>;
  invoke?(ctx: OpContext, method: string): Promise<OpResult>;
}
