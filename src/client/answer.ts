import { CompletionCodeError, DecodeError } from '../lib/errors';
import { AnyCommandDef, RequestOf, ResponseOf, findCommand } from '../codec/commands';
import { decode, encode } from '../codec/fields';
import { CC, completionText } from '../codec/message/completion-codes';
import { NetFn } from '../codec/message/netfn';
import type { IpmiRequest, IpmiResponse } from './types';

/** The request bytes of a command: its codec's encoding, after the group byte for NetFn 2Ch commands. */
export function encodeCall<D extends AnyCommandDef>(def: D, req: RequestOf<D>, lun?: number): IpmiRequest {
  const body = encode(def.request, req);
  const data = def.group !== undefined ? Buffer.concat([Buffer.from([def.group]), body]) : body;
  return { netFn: def.netFn, cmd: def.cmd, data, lun };
}

/**
 * The typed response of a command, or the error it stands for: a non-zero completion code is
 * a CompletionCodeError with the command's own text (codes from the definition first, then the
 * generic table, v2.0 §5.2 Table 5-2); bytes the response codec cannot read are a DecodeError
 * naming the command and the target. Bytes after the fields the codec knows are ignored: BMCs
 * add fields in later spec revisions and ipmitool reads what it knows.
 */
export function decodeAnswer<D extends AnyCommandDef>(def: D, rsp: IpmiResponse, target: string): ResponseOf<D> {
  let data = rsp.data;
  if (def.group !== undefined) {
    // DCMI 1.5 §6.1.2: the group extension byte leads every response, errors included.
    if (data.length > 0 && data[0] === def.group) data = data.subarray(1);
    else if (rsp.cc === CC.Ok)
      throw new DecodeError(`${def.name} response from ${target}`, data.length === 0 ? 'short' : 'invalid', 0, `group extension byte is not 0x${def.group.toString(16)}`);
  }
  if (rsp.cc !== CC.Ok) throw new CompletionCodeError(rsp.cc, completionText(rsp.cc, def.codes), def.name, data.length ? Buffer.from(data) : undefined);
  try {
    return decode(def.response, data, `${def.name} response from ${target}`, true) as ResponseOf<D>;
  } catch (e) {
    if (e instanceof DecodeError) throw e;
    throw new DecodeError(`${def.name} response from ${target}`, 'invalid', 0, (e as Error).message);
  }
}

/** A command's name for logs and errors, from the registry when it is declared there. */
export function commandName(req: Pick<IpmiRequest, 'netFn' | 'cmd' | 'data'>): string {
  const group = req.netFn === NetFn.Group ? req.data[0] : undefined;
  const def = findCommand(req.netFn, req.cmd, group);
  if (def && (def.group === undefined || def.group === group)) return def.name;
  const hx = (n: number) => `0x${n.toString(16).padStart(2, '0')}`;
  return `NetFn ${hx(req.netFn)} cmd ${hx(req.cmd)}${group !== undefined ? ` group ${hx(group)}` : ''}`;
}
