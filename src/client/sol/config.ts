import { CompletionCodeError, UsageError } from '../../lib/errors';
import { ConfigParameter, ParameterCC, SetInProgressState, decodeParameter, encodeParameter } from '../../codec/commands/app/config-parameters';
import { GetSolConfigurationParameters } from '../../codec/commands/transport/get-sol-configuration-parameters';
import { SetSolConfigurationParameters } from '../../codec/commands/transport/set-sol-configuration-parameters';
import { SOL_BIT_RATES, SolBitRate, SolParam } from '../../codec/commands/transport/sol-parameters';
import { Privilege } from '../../codec/message/netfn';
import type { IpmiClient } from '../client';

/** "This channel" (v2.0 §6.3), what ipmitool's `sol info` asks for without a channel argument. */
export const CURRENT_CHANNEL = 0x0e;

/** The SOL configuration parameters as read (v2.0 Table 26-5); a field is undefined when the BMC does not support it (80h). */
export interface SolConfiguration {
  setInProgress?: number;
  enabled?: boolean;
  forceEncryption?: boolean;
  forceAuthentication?: boolean;
  privilege?: number;
  /** Raw units, as on the wire: 5 ms and 10 ms. */
  accumulate5ms?: number;
  threshold?: number;
  retryCount?: number;
  retryInterval10ms?: number;
  /** Bit-rate codes (SolBitRate). */
  volatileBitRate?: number;
  nonVolatileBitRate?: number;
  channel?: number;
  port?: number;
  /** Names of the parameters the BMC answered 80h to. */
  unsupported: string[];
}

async function read<T>(client: IpmiClient, channel: number, p: ConfigParameter<T>, unsupported: string[]): Promise<T | undefined> {
  try {
    const r = await client.call(GetSolConfigurationParameters, { channel: { revisionOnly: false, number: channel }, parameter: p.id, setSelector: 0, blockSelector: 0 });
    return decodeParameter(p, r.data);
  } catch (e) {
    if (e instanceof CompletionCodeError && e.completionCode === ParameterCC.notSupported) {
      unsupported.push(p.name);
      return undefined;
    }
    throw e;
  }
}

/** Read every SOL parameter, as `ipmitool sol info` does. */
export async function readSolConfiguration(client: IpmiClient, channel = CURRENT_CHANNEL): Promise<SolConfiguration> {
  const u: string[] = [];
  const auth = await read(client, channel, SolParam.authentication, u);
  const acc = await read(client, channel, SolParam.accumulate, u);
  const retry = await read(client, channel, SolParam.retry, u);
  return {
    setInProgress: await read(client, channel, SolParam.setInProgress, u),
    enabled: (await read(client, channel, SolParam.enable, u))?.enabled,
    forceEncryption: auth?.forceEncryption,
    forceAuthentication: auth?.forceAuthentication,
    privilege: auth?.privilege,
    accumulate5ms: acc?.interval5ms,
    threshold: acc?.threshold,
    retryCount: retry?.count.retries,
    retryInterval10ms: retry?.interval10ms,
    volatileBitRate: await read(client, channel, SolParam.volatileBitRate, u),
    nonVolatileBitRate: await read(client, channel, SolParam.nonVolatileBitRate, u),
    channel: (await read(client, channel, SolParam.payloadChannel, u))?.channel,
    port: await read(client, channel, SolParam.payloadPort, u),
    unsupported: u,
  };
}

/** `sol set` parameter names, as ipmitool 1.8.19 spells them. */
export const SOL_SETTINGS = [
  'set-in-progress',
  'enabled',
  'force-encryption',
  'force-authentication',
  'privilege-level',
  'character-accumulate-level',
  'character-send-threshold',
  'retry-count',
  'retry-interval',
  'non-volatile-bit-rate',
  'volatile-bit-rate',
] as const;
export type SolSetting = (typeof SOL_SETTINGS)[number];

const BIT_RATE_NAMES: Record<string, number> = { serial: SolBitRate.serial, '9.6': SolBitRate.b9600, '19.2': SolBitRate.b19200, '38.4': SolBitRate.b38400, '57.6': SolBitRate.b57600, '115.2': SolBitRate.b115200 };
/** "115.2" for a bit-rate code, as ipmitool prints kbit/s; "IPMI-Over-Serial-Setting" for 0. */
export function bitRateText(code: number): string {
  const bps = SOL_BIT_RATES[code];
  return bps ? (bps / 1000).toFixed(1) : code === SolBitRate.serial ? 'IPMI-Over-Serial-Setting' : 'Unknown';
}

function bool(v: string): boolean {
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new UsageError(`expected true or false, got '${v}'`);
}
function byte(v: string, min: number, max: number): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) throw new UsageError(`expected an integer ${min}..${max}, got '${v}'`);
  return n;
}

/**
 * Set one SOL parameter from its `sol set` name and value. Fields that share a parameter with
 * others (force encryption with force authentication and the privilege level, the accumulate
 * level with the send threshold, retry count with retry interval) are read first and kept.
 * `guard` brackets the write with Set In Progress, as ipmitool does unless told "noguard".
 */
export async function setSolSetting(client: IpmiClient, name: SolSetting, value: string, channel = CURRENT_CHANNEL, guard = true): Promise<void> {
  const set = async <T>(p: ConfigParameter<T>, v: T) =>
    client.call(SetSolConfigurationParameters, { channel: { number: channel }, parameter: p.id, data: encodeParameter(p, v) });
  const get = async <T>(p: ConfigParameter<T>): Promise<T> => {
    const r = await client.call(GetSolConfigurationParameters, { channel: { revisionOnly: false, number: channel }, parameter: p.id, setSelector: 0, blockSelector: 0 });
    return decodeParameter(p, r.data);
  };
  if (name === 'set-in-progress') {
    const states: Record<string, number> = { 'set-complete': SetInProgressState.complete, 'set-in-progress': SetInProgressState.inProgress, 'commit-write': SetInProgressState.commitWrite };
    if (!(value in states)) throw new UsageError(`set-in-progress: expected set-complete, set-in-progress or commit-write, got '${value}'`);
    await set(SolParam.setInProgress, states[value]);
    return;
  }
  let guarded = false;
  if (guard) {
    try {
      await set(SolParam.setInProgress, SetInProgressState.inProgress);
      guarded = true;
    } catch (e) {
      if (!(e instanceof CompletionCodeError && e.completionCode === ParameterCC.notSupported)) throw e;
    }
  }
  try {
    switch (name) {
      case 'enabled':
        await set(SolParam.enable, { enabled: bool(value) });
        break;
      case 'force-encryption':
      case 'force-authentication':
      case 'privilege-level': {
        const cur = { ...(await get(SolParam.authentication)) };
        if (name === 'force-encryption') cur.forceEncryption = bool(value);
        else if (name === 'force-authentication') cur.forceAuthentication = bool(value);
        else {
          const levels: Record<string, number> = { user: Privilege.user, operator: Privilege.operator, admin: Privilege.administrator, oem: Privilege.oem };
          if (!(value in levels)) throw new UsageError(`privilege-level: expected user, operator, admin or oem, got '${value}'`);
          cur.privilege = levels[value];
        }
        await set(SolParam.authentication, cur);
        break;
      }
      case 'character-accumulate-level':
      case 'character-send-threshold': {
        const cur = await get(SolParam.accumulate);
        if (name === 'character-accumulate-level') cur.interval5ms = byte(value, 1, 255);
        else cur.threshold = byte(value, 1, 255);
        await set(SolParam.accumulate, cur);
        break;
      }
      case 'retry-count':
      case 'retry-interval': {
        const cur = await get(SolParam.retry);
        await set(SolParam.retry, name === 'retry-count' ? { ...cur, count: { retries: byte(value, 0, 7) } } : { ...cur, interval10ms: byte(value, 0, 255) });
        break;
      }
      case 'non-volatile-bit-rate':
      case 'volatile-bit-rate': {
        const code = BIT_RATE_NAMES[value];
        if (code === undefined) throw new UsageError(`${name}: expected serial, 9.6, 19.2, 38.4, 57.6 or 115.2, got '${value}'`);
        await set(name === 'volatile-bit-rate' ? SolParam.volatileBitRate : SolParam.nonVolatileBitRate, code);
        break;
      }
    }
  } finally {
    if (guarded) await set(SolParam.setInProgress, SetInProgressState.complete).catch(() => undefined);
  }
}
