/**
 * Threshold sensor helpers (v2.0 §36.2-§36.3, §35.8-§35.9, §35.14).
 *
 * Mask bit order, shared by the SDR readable/settable masks, Set Sensor Thresholds' set mask,
 * Get Sensor Thresholds' readable mask and Get Sensor Reading's comparison status byte:
 * [0] LNC, [1] LC, [2] LNR, [3] UNC, [4] UC, [5] UNR.
 */
export const THRESHOLDS = ['lowerNonCritical', 'lowerCritical', 'lowerNonRecoverable', 'upperNonCritical', 'upperCritical', 'upperNonRecoverable'] as const;
export type ThresholdName = (typeof THRESHOLDS)[number];
export type ThresholdValues = Partial<Record<ThresholdName, number>>;

/** ipmitool's short names (`sensor thresh NAME ucr 90`, "Assertions Enabled : unc+ ucr+"). */
export const THRESHOLD_ABBREVIATIONS: Readonly<Record<ThresholdName, string>> = {
  lowerNonCritical: 'lnc',
  lowerCritical: 'lcr',
  lowerNonRecoverable: 'lnr',
  upperNonCritical: 'unc',
  upperCritical: 'ucr',
  upperNonRecoverable: 'unr',
};

export function thresholdBit(t: ThresholdName): number {
  return 1 << THRESHOLDS.indexOf(t);
}
export function thresholdMask(names: Iterable<ThresholdName>): number {
  let m = 0;
  for (const n of names) m |= thresholdBit(n);
  return m;
}
export function maskThresholds(mask: number): ThresholdName[] {
  return THRESHOLDS.filter((_, i) => mask & (1 << i));
}
export function isUpper(t: ThresholdName): boolean {
  return THRESHOLDS.indexOf(t) >= 3;
}

/**
 * The threshold event offset (event/reading type 01h, v2.0 Table 42-2): 2 * index for
 * "going low", + 1 for "going high". Upper thresholds normally assert going high (UNC 07h,
 * UC 09h, UNR 0Bh), lower ones going low (LNC 00h, LC 02h, LNR 04h).
 */
export function thresholdEventOffset(t: ThresholdName, goingHigh = isUpper(t)): number {
  return 2 * THRESHOLDS.indexOf(t) + (goingHigh ? 1 : 0);
}
/** The bit of a threshold event in the SDR assertion/deassertion masks and event enables (bit = offset). */
export function thresholdEventBit(t: ThresholdName, goingHigh = isUpper(t)): number {
  return 1 << thresholdEventOffset(t, goingHigh);
}

/**
 * The three 16-bit masks of a threshold sensor's SDR (v2.0 Table 43-1 bytes 15-20) from which
 * thresholds are readable and settable: every readable threshold gets its usual assertion and
 * deassertion event (lower going low, upper going high) unless `events` says otherwise; bits
 * [14:12] of the assertion mask say which lower thresholds the reading is compared with, of the
 * deassertion mask which upper ones; the reading mask is settable << 8 | readable. For
 * peers/ipmi_sim/gen_emu.py's CPU Temp (all but LNR) this gives 3A85h, 7A85h, 3B3Bh.
 */
export function sdrThresholdMasks(o: { readable: Iterable<ThresholdName>; settable?: Iterable<ThresholdName>; events?: Iterable<ThresholdName> }): {
  assertionMask: number;
  deassertionMask: number;
  readingMask: number;
} {
  const readable = thresholdMask(o.readable);
  const settable = o.settable === undefined ? readable : thresholdMask(o.settable);
  let events = 0;
  for (const t of maskThresholds(o.events === undefined ? readable : thresholdMask(o.events))) events |= thresholdEventBit(t);
  return {
    assertionMask: events | ((readable & 0x07) << 12),
    deassertionMask: events | ((readable >> 3) << 12),
    readingMask: (settable << 8) | readable,
  };
}

/** ipmitool's names of the 12 threshold event bits, "lnc-" (offset 0) .. "unr+" (offset 11), as in "Assertions Enabled". */
export function thresholdEventNames(mask: number): string[] {
  const out: string[] = [];
  for (let offset = 0; offset < 12; offset++)
    if (mask & (1 << offset)) out.push(`${THRESHOLD_ABBREVIATIONS[THRESHOLDS[offset >> 1]]}${offset & 1 ? '+' : '-'}`);
  return out;
}

/**
 * The comparison status of a reading (Get Sensor Reading byte 4, v2.0 Table 35-15): a lower
 * threshold's bit is set when reading <= threshold, an upper one's when reading >= threshold.
 * Compare in one domain: raw (signed per the analog format) or converted values.
 */
export function compareThresholds(reading: number, thresholds: ThresholdValues): number {
  let status = 0;
  THRESHOLDS.forEach((t, i) => {
    const v = thresholds[t];
    if (v === undefined) return;
    if (i < 3 ? reading <= v : reading >= v) status |= 1 << i;
  });
  return status;
}

export interface ThresholdChange {
  threshold: ThresholdName;
  /** true = the event asserted, false = it deasserted. */
  asserted: boolean;
  /** The event offset (thresholdEventOffset: going low for lower thresholds, going high for upper). */
  offset: number;
}

/**
 * Latched threshold event state with hysteresis, as OpenIPMI's ipmi_sim evaluates it
 * (lanserv/bmc_sensor.c check_thresholds): a lower threshold asserts when reading <= t and
 * deasserts only when reading > t + negative hysteresis; an upper one asserts when reading >= t
 * and deasserts only when reading < t - positive hysteresis. In between, the previous state
 * holds. `previous` and the returned `asserted` use the mask bit order above.
 */
export function evaluateThresholds(
  reading: number,
  thresholds: ThresholdValues,
  hysteresis: { positive: number; negative: number },
  previous = 0,
): { asserted: number; changes: ThresholdChange[] } {
  let asserted = previous;
  const changes: ThresholdChange[] = [];
  THRESHOLDS.forEach((t, i) => {
    const v = thresholds[t];
    const bit = 1 << i;
    if (v === undefined) {
      asserted &= ~bit;
      return;
    }
    const was = (previous & bit) !== 0;
    const lower = i < 3;
    const on = lower ? reading <= v : reading >= v;
    const off = lower ? reading > v + hysteresis.negative : reading < v - hysteresis.positive;
    if (!was && on) {
      asserted |= bit;
      changes.push({ threshold: t, asserted: true, offset: thresholdEventOffset(t) });
    } else if (was && off) {
      asserted &= ~bit;
      changes.push({ threshold: t, asserted: false, offset: thresholdEventOffset(t) });
    }
  });
  return { asserted, changes };
}

/**
 * The status word ipmitool prints for a threshold sensor from its comparison bits
 * (lib/ipmi_sdr.c ipmi_sdr_get_thresh_status): most severe first, lower before upper.
 * 'short' is `sdr list` ("ok", "nc", "cr", "nr"), 'extended' is `sdr elist` ("lnc", "ucr", ...),
 * 'verbose' is `sdr -v` ("Upper Critical").
 */
export function thresholdStatusText(status: number, style: 'short' | 'extended' | 'verbose' = 'short'): string {
  const order: Array<[ThresholdName, string, string, string]> = [
    ['lowerNonRecoverable', 'nr', 'lnr', 'Lower Non-Recoverable'],
    ['upperNonRecoverable', 'nr', 'unr', 'Upper Non-Recoverable'],
    ['lowerCritical', 'cr', 'lcr', 'Lower Critical'],
    ['upperCritical', 'cr', 'ucr', 'Upper Critical'],
    ['lowerNonCritical', 'nc', 'lnc', 'Lower Non-Critical'],
    ['upperNonCritical', 'nc', 'unc', 'Upper Non-Critical'],
  ];
  for (const [t, s, e, v] of order) if (status & thresholdBit(t)) return style === 'short' ? s : style === 'extended' ? e : v;
  return 'ok';
}
