import { DecodeError } from '../../lib/errors';
import type { Codec } from '../../codec/fields';
import { decode } from '../../codec/fields';
import { CC, fail } from '../../codec/message/completion-codes';
import { ParameterCC, SetInProgressState, setInProgress } from '../../codec/commands/app/config-parameters';
import type { BmcContext } from '../device';
import { PRESENT_CHANNEL } from '../device';

type Def = { name: string; codes?: Readonly<Record<number, string>> };

/**
 * Decode data a handler received as bytes (a configuration parameter's data): too short or too
 * long is C7h, a bad value CCh, the same mapping dispatch applies to whole requests.
 */
export function decodeData<T>(codec: Codec<T>, data: Buffer, def: Def, what: string): T {
  try {
    return decode(codec, data, what);
  } catch (e) {
    if (e instanceof DecodeError) fail(e.reason === 'invalid' ? CC.InvalidDataField : CC.RequestLengthInvalid, def);
    throw e;
  }
}

/** The channel a request names: 0Eh = the one it arrived on; an unknown channel is CCh. */
export function channelOf(requested: number, ctx: BmcContext, def: Def): number {
  const ch = requested === PRESENT_CHANNEL ? ctx.channel : requested;
  if (!ctx.bmc.settings.hasChannel(ch)) fail(CC.InvalidDataField, def);
  return ch;
}

/**
 * A write of parameter 0, "Set In Progress" (v2.0 §23.1, §28.13, §22.14a): 01b while not in
 * "set complete" is 81h; 11b is reserved. Returns the new state.
 */
export function writeSetInProgress(current: number, data: Buffer, def: Def): number {
  const state = decodeData(setInProgress, data, def, 'Set In Progress');
  if (state === 3) fail(CC.InvalidDataField, def);
  if (state === SetInProgressState.inProgress && current !== SetInProgressState.complete) fail(ParameterCC.setInProgressActive, def);
  return state;
}
