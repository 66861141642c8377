import { ConfigParameter, decodeParameter, encodeParameter } from '../../codec/commands/app/config-parameters';
import { SolBitRate, SolParam, solParameters } from '../../codec/commands/transport/sol-parameters';
import { Privilege } from '../../codec/message/netfn';
import { ParameterStore } from '../state/parameters';
import type { DeviceStore } from '../state/store';

/**
 * Defaults of the SOL configuration (v2.0 Table 26-5). The table gives no defaults; these are
 * what many BMCs ship and what `ipmitool sol info` commonly shows: enabled, encryption and
 * authentication forced (used whenever the session's cipher suite has them), User may activate,
 * 50 ms accumulate interval, send at 96 characters, 7 retries 500 ms apart, 115200 bit/s.
 */
export const SOL_DEFAULTS = {
  enabled: true,
  forceEncryption: true,
  forceAuthentication: true,
  privilege: Privilege.user,
  interval5ms: 10,
  threshold: 96,
  retries: 7,
  retryInterval10ms: 50,
  bitRate: SolBitRate.b115200,
} as const;

/** The parameters as the SOL payload uses them. */
export interface SolSettings {
  enabled: boolean;
  forceEncryption: boolean;
  forceAuthentication: boolean;
  privilege: number;
  accumulateMs: number;
  threshold: number;
  retries: number;
  retryIntervalMs: number;
  /** Code of parameter 6 in force (the volatile rate, which follows the non-volatile one until set). */
  bitRate: number;
}

/**
 * The SOL configuration parameters of a BMC's LAN channel (v2.0 §26.2). Parameters 1-5 are saved
 * in the device's state directory ("sol" section) as written, so they survive a restart of the
 * emulator; parameter 6, the volatile bit rate, lives in memory and starts from parameter 5 (as a
 * BMC reset would make it); parameters 7 and 8 are read-only and report where SOL really is.
 */
export class SolConfig {
  readonly params: ParameterStore;
  private volatileRate?: number;

  constructor(
    store: DeviceStore,
    private readonly channel: number,
    /** The UDP port RMCP+ sessions (and so SOL) use; 623 until a listener reports its own. */
    readonly udpPort: () => number,
  ) {
    const d = SOL_DEFAULTS;
    const enc = <T>(p: ConfigParameter<T>, v: T): [number, Buffer] => [p.id, encodeParameter(p, v)];
    this.params = new ParameterStore(
      store,
      'sol',
      solParameters,
      new Map([
        enc(SolParam.enable, { enabled: d.enabled }),
        enc(SolParam.authentication, { forceEncryption: d.forceEncryption, forceAuthentication: d.forceAuthentication, privilege: d.privilege }),
        enc(SolParam.accumulate, { interval5ms: d.interval5ms, threshold: d.threshold }),
        enc(SolParam.retry, { count: { retries: d.retries }, interval10ms: d.retryInterval10ms }),
        enc(SolParam.nonVolatileBitRate, d.bitRate),
      ]),
    );
  }

  /** A parameter's data bytes; undefined = not supported (80h). */
  get(id: number): Buffer | undefined {
    if (id === SolParam.volatileBitRate.id) return encodeParameter(SolParam.volatileBitRate, this.volatileRate ?? this.nonVolatileRate());
    if (id === SolParam.payloadChannel.id) return encodeParameter(SolParam.payloadChannel, { channel: this.channel });
    if (id === SolParam.payloadPort.id) return encodeParameter(SolParam.payloadPort, this.udpPort());
    return this.params.get(id);
  }

  /** Store a (validated) parameter; the volatile bit rate is kept in memory only. */
  set(id: number, data: Buffer): void {
    if (id === SolParam.volatileBitRate.id) this.volatileRate = decodeParameter(SolParam.volatileBitRate, data);
    else this.params.set(id, data);
  }

  settings(): SolSettings {
    const en = decodeParameter(SolParam.enable, this.params.get(SolParam.enable.id)!);
    const auth = decodeParameter(SolParam.authentication, this.params.get(SolParam.authentication.id)!);
    const acc = decodeParameter(SolParam.accumulate, this.params.get(SolParam.accumulate.id)!);
    const retry = decodeParameter(SolParam.retry, this.params.get(SolParam.retry.id)!);
    return {
      enabled: en.enabled,
      forceEncryption: auth.forceEncryption,
      forceAuthentication: auth.forceAuthentication,
      privilege: auth.privilege,
      accumulateMs: Math.max(1, acc.interval5ms) * 5,
      threshold: Math.max(1, acc.threshold),
      retries: retry.count.retries,
      retryIntervalMs: retry.interval10ms * 10,
      bitRate: this.volatileRate ?? this.nonVolatileRate(),
    };
  }

  private nonVolatileRate(): number {
    return decodeParameter(SolParam.nonVolatileBitRate, this.params.get(SolParam.nonVolatileBitRate.id)!);
  }
}
