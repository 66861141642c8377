import { bits } from '../../fields';

/**
 * Fields shared by Set Watchdog Timer and Get Watchdog Timer (v2.0 §27.6, §27.7).
 * Byte 1 differs (bit 6 is "don't stop" in Set, "running" in Get), so each command declares it.
 */

/** Timer use, bits [2:0] of byte 1; also the bit number of its expiration flag. */
export const WatchdogUse = { biosFrb2: 1, biosPost: 2, osLoad: 3, smsOs: 4, oem: 5 } as const;
/** Timeout action, bits [2:0] of byte 2. */
export const WatchdogAction = { none: 0, hardReset: 1, powerDown: 2, powerCycle: 3 } as const;
/** Pre-timeout interrupt, bits [6:4] of byte 2. */
export const WatchdogInterrupt = { none: 0, smi: 1, nmi: 2, messaging: 3 } as const;

export const watchdogActions = bits({ preTimeoutInterrupt: [4, 3], timeoutAction: [0, 3] });

/** Byte 4: one flag per timer use (bit n = use n); Set clears the flags given, Get reports them. */
export const watchdogExpirationFlags = bits({ oem: [5, 1], smsOs: [4, 1], osLoad: [3, 1], biosPost: [2, 1], biosFrb2: [1, 1] });
