import type { Codec } from '../../fields';
import { bits, map, struct, u16le, u8 } from '../../fields';
import { ParameterTable, parameter, setInProgress } from '../app/config-parameters';

/** Parameter revision in every Get SOL Configuration Parameters response (v2.0 §26.3). */
export const SOL_PARAM_REVISION = 0x11;

/**
 * SOL bit rates, parameters 5 and 6 [3:0] (v2.0 Table 26-5): 0 = the IPMI-over-serial channel's
 * rate; the rest are bit/s. Other codes are reserved (a Set with one is CCh).
 */
export const SolBitRate = { serial: 0x0, b9600: 0x6, b19200: 0x7, b38400: 0x8, b57600: 0x9, b115200: 0xa } as const;
export const SOL_BIT_RATES: Readonly<Record<number, number>> = { 0x6: 9600, 0x7: 19200, 0x8: 38400, 0x9: 57600, 0xa: 115200 };

const bitRate: Codec<number> = map(
  bits({ rate: [0, 4] }),
  (b) => b.rate,
  (rate) => ({ rate }),
);

/** v2.0 §26.2, Table 26-5, SOL Configuration Parameters. */
export const SolParam = {
  setInProgress: parameter(0, 'Set In Progress', setInProgress),
  enable: parameter(1, 'SOL Enable', bits({ enabled: [0, 1] })),
  authentication: parameter(
    2,
    'SOL Authentication',
    bits({
      forceEncryption: [7, 1],
      forceAuthentication: [6, 1],
      /** Lowest session privilege that may activate SOL: 2h User .. 5h OEM. */
      privilege: [0, 4],
    }),
  ),
  accumulate: parameter(
    3,
    'Character Accumulate Interval & Send Threshold',
    struct({
      /** 5 ms units, 1-based (00h reserved): how long a partial packet waits for more characters. */
      interval5ms: u8,
      /** 1-based: send as soon as this many characters are waiting. */
      threshold: u8,
    }),
  ),
  retry: parameter(
    4,
    'SOL Retry',
    struct({
      count: bits({ retries: [0, 3] }),
      /** 10 ms units; 0 = retries go out back to back. */
      interval10ms: u8,
    }),
  ),
  nonVolatileBitRate: parameter(5, 'SOL non-volatile bit rate', bitRate),
  volatileBitRate: parameter(6, 'SOL volatile bit rate', bitRate),
  /** Optional, read-only here: SOL is on the LAN channel. */
  payloadChannel: parameter(7, 'SOL Payload Channel', bits({ channel: [0, 4] }), true),
  /** Optional, read-only here: the UDP port of the RMCP+ session (LS byte first). */
  payloadPort: parameter(8, 'SOL Payload Port Number', u16le, true),
} as const;
export const solParameters = new ParameterTable(SolParam);
