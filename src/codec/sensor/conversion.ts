/**
 * Sensor reading conversion (v2.0 §36.3, "Sensor Reading Conversion Formula"):
 *
 *     y = L[(M * x + B * 10^K1) * 10^K2] units
 *
 * x is the raw reading interpreted per the analog data format (unsigned, one's or two's
 * complement), M and B are 10-bit signed, K1 (B exponent) and K2 (R exponent) 4-bit signed,
 * L the linearization function of the Full Sensor Record (v2.0 Table 43-1 byte 24).
 */

/** Linearization codes (v2.0 Table 43-1 byte 24; §36.3). 70h-7Fh: non-linear, factors per reading. */
export const Linearization = {
  linear: 0x00,
  ln: 0x01,
  log10: 0x02,
  log2: 0x03,
  e: 0x04,
  exp10: 0x05,
  exp2: 0x06,
  inverse: 0x07,
  sqr: 0x08,
  cube: 0x09,
  sqrt: 0x0a,
  cubeRoot: 0x0b,
} as const;
export const NON_LINEAR_FIRST = 0x70;
export const NON_LINEAR_LAST = 0x7f;

/** Analog data format, Sensor Units 1 [7:6] (v2.0 Table 43-1 byte 21). */
export const AnalogDataFormat = { unsigned: 0, onesComplement: 1, twosComplement: 2, noAnalogReading: 3 } as const;

/** What conversion needs from a Full Sensor Record or a Get Sensor Reading Factors answer. */
export interface ConversionParams {
  m: number;
  b: number;
  /** K1, the B exponent. */
  bExp: number;
  /** K2, the R (result) exponent. */
  rExp: number;
  /** Byte 24 of the record; bit 7 is reserved and ignored. Non-linear codes convert as linear with per-reading factors. */
  linearization: number;
  analogDataFormat: number;
}

/** The factors a Full Sensor Record holds, in the shape the conversion functions take. */
export function conversionParams(rec: {
  linearization: number;
  factors: { m: number; b: number; bExp: number; rExp: number };
  units: { analogDataFormat: number };
}): ConversionParams {
  const { m, b, bExp, rExp } = rec.factors;
  return { m, b, bExp, rExp, linearization: rec.linearization, analogDataFormat: rec.units.analogDataFormat };
}

/** v * 10^k, dividing for negative k so that 1200 * 10^-2 is exactly 12. */
function scale(v: number, k: number): number {
  return k >= 0 ? v * 10 ** k : v / 10 ** -k;
}

/** The raw byte as a number: unsigned 0..255, one's complement -127..127, two's complement -128..127. */
export function rawToSigned(raw: number, format: number): number {
  if (format === AnalogDataFormat.onesComplement) return raw & 0x80 ? -(~raw & 0x7f) || 0 : raw;
  if (format === AnalogDataFormat.twosComplement) return raw & 0x80 ? raw - 256 : raw;
  return raw;
}
/** The inverse of rawToSigned (one's complement -0 is written 00h). */
export function signedToRaw(x: number, format: number): number {
  if (x >= 0) return x;
  return format === AnalogDataFormat.onesComplement ? ~-x & 0xff : (x + 256) & 0xff;
}
/** The raw range of an analog data format. */
export function rawRange(format: number): { min: number; max: number } {
  if (format === AnalogDataFormat.onesComplement) return { min: -127, max: 127 };
  if (format === AnalogDataFormat.twosComplement) return { min: -128, max: 127 };
  return { min: 0, max: 255 };
}

const forward: Record<number, (v: number) => number> = {
  [Linearization.ln]: Math.log,
  [Linearization.log10]: Math.log10,
  [Linearization.log2]: Math.log2,
  [Linearization.e]: Math.exp,
  [Linearization.exp10]: (v) => 10 ** v,
  [Linearization.exp2]: (v) => 2 ** v,
  [Linearization.inverse]: (v) => 1 / v,
  [Linearization.sqr]: (v) => v * v,
  [Linearization.cube]: (v) => v * v * v,
  [Linearization.sqrt]: Math.sqrt,
  [Linearization.cubeRoot]: Math.cbrt,
};
const inverse: Record<number, (v: number) => number> = {
  [Linearization.ln]: Math.exp,
  [Linearization.log10]: (v) => 10 ** v,
  [Linearization.log2]: (v) => 2 ** v,
  [Linearization.e]: Math.log,
  [Linearization.exp10]: Math.log10,
  [Linearization.exp2]: Math.log2,
  [Linearization.inverse]: (v) => 1 / v,
  [Linearization.sqr]: Math.sqrt,
  [Linearization.cube]: Math.cbrt,
  // sqrt never yields a negative value: no raw reading converts to one.
  [Linearization.sqrt]: (v) => (v < 0 ? NaN : v * v),
  [Linearization.cubeRoot]: (v) => v * v * v,
};

/**
 * Raw reading to a value in the record's units. Undefined when the sensor has no analog
 * reading (format 3). The result of ln/log of a non-positive number is NaN, as in ipmitool.
 */
export function rawToValue(raw: number, p: ConversionParams): number | undefined {
  if (p.analogDataFormat === AnalogDataFormat.noAnalogReading) return undefined;
  const x = rawToSigned(raw & 0xff, p.analogDataFormat);
  const linear = scale(p.m * x + scale(p.b, p.bExp), p.rExp);
  return (forward[p.linearization & 0x7f] ?? ((v: number) => v))(linear);
}

/**
 * A value in units to the nearest raw reading, clamped to the format's raw range (used to
 * build profiles, thresholds and readings). Throws RangeError when M is 0, the sensor has no
 * analog reading, or the value is outside what the linearization can produce (ln of a negative ...).
 */
export function valueToRaw(value: number, p: ConversionParams): number {
  if (p.analogDataFormat === AnalogDataFormat.noAnalogReading) throw new RangeError('sensor has no analog reading');
  if (p.m === 0) throw new RangeError('M is 0: every raw reading converts to the same value');
  const linear = (inverse[p.linearization & 0x7f] ?? ((v: number) => v))(value);
  const x = (scale(linear, -p.rExp) - scale(p.b, p.bExp)) / p.m;
  if (!Number.isFinite(x)) throw new RangeError(`${value} cannot be converted with linearization ${p.linearization}`);
  const { min, max } = rawRange(p.analogDataFormat);
  return signedToRaw(Math.min(max, Math.max(min, Math.round(x))), p.analogDataFormat);
}

/**
 * Hysteresis and tolerance are raw counts without an offset: M * h * 10^K2. ipmitool computes
 * the same (lib/ipmi_sdr.c sdr_convert_sensor_hysterisis: "B is irrelevant"), so its
 * "Positive Hysteresis : 2.000" for gen_emu.py's CPU Temp (M=1, h=2) matches.
 */
export function hysteresisToValue(raw: number, p: Pick<ConversionParams, 'm' | 'rExp'>): number {
  return scale(p.m * raw, p.rExp);
}
export function valueToHysteresis(value: number, p: Pick<ConversionParams, 'm' | 'rExp'>): number {
  if (p.m === 0) throw new RangeError('M is 0');
  return Math.min(255, Math.max(0, Math.round(Math.abs(scale(value, -p.rExp) / p.m))));
}
/** Tolerance is in +/- half raw counts (v2.0 Table 43-1 byte 26). */
export function toleranceToValue(tolerance: number, p: Pick<ConversionParams, 'm' | 'rExp'>): number {
  return scale((p.m * tolerance) / 2, p.rExp);
}
/** Accuracy in percent: accuracy * 10^accuracyExp in units of 1/100 percent (v2.0 Table 43-1 bytes 28-29). */
export function accuracyPercent(accuracy: number, accuracyExp: number): number {
  return scale(accuracy, accuracyExp) / 100;
}

/**
 * Choose M, B, K1, K2 so that the raw range maps onto [min, max] linearly ("derive them from
 * min/max" in a profile): raw minimum -> min, raw maximum -> max. K2 is the smallest exponent
 * that keeps |M| <= 511 (the most precision a 10-bit M allows), K1 the smallest that keeps
 * |B| <= 511 for the offset. Throws RangeError when the range cannot be expressed.
 */
export function deriveFactors(min: number, max: number, analogDataFormat: number = AnalogDataFormat.unsigned): Pick<ConversionParams, 'm' | 'b' | 'bExp' | 'rExp'> {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max === min) throw new RangeError(`cannot derive factors for ${min}..${max}`);
  const raw = rawRange(analogDataFormat);
  const step = (max - min) / (raw.max - raw.min);
  const offset = min - step * raw.min;
  for (let rExp = -8; rExp <= 7; rExp++) {
    const m = Math.round(scale(step, -rExp));
    if (Math.abs(m) > 511) continue;
    if (m === 0) break;
    if (offset === 0) return { m, b: 0, bExp: 0, rExp };
    for (let bExp = -8; bExp <= 7; bExp++) {
      const b = Math.round(scale(offset, -(rExp + bExp)));
      if (Math.abs(b) <= 511) return { m, b, bExp, rExp };
    }
  }
  throw new RangeError(`cannot express ${min}..${max} with a 10-bit M and B`);
}
