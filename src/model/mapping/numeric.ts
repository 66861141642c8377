import { ConversionParams, Linearization, NON_LINEAR_FIRST, rawToSigned, rawToValue } from '../../codec/sensor/conversion';

/**
 * Raw sensor bytes to exact CIM integers. IPMI converts y = L[(M*x + B*10^K1) * 10^K2]
 * (v2.0 §36.3, "Sensor Reading Conversion Formula"); CIM publishes every numeric property of a
 * sensor as an integer scaled by one UnitModifier (real = value * 10^UnitModifier, CIM_NumericSensor
 * MOF). For linear sensors that is exact (research note cim-model.md §2.3.2):
 *
 *   UnitModifier = K2 + min(0, K1) + unitPow10
 *   value(x)     = M*x*10^(-min(0,K1)) + B*10^(K1 - min(0,K1))
 *
 * The modifier depends on the SDR only, so it is the same for every reading of a sensor
 * (clients cache it). Only if some raw byte would overflow sint32 is it raised, once, from the
 * whole raw range. Non-linear sensors (L = ln, log10, ... cube root) are published at a fixed
 * 10^-3 and rounded.
 */
export interface ConversionSpec {
  m: number;
  b: number;
  /** B exponent. */
  k1: number;
  /** Result exponent. */
  k2: number;
  /** Units 1 [7:6]: 0 unsigned, 1 one's complement, 2 two's complement, 3 no analog reading. */
  analogDataFormat: number;
  /** Linearization [6:0]: 00h linear ... 0Bh cube root; 70h-7Fh non-linear (OEM). */
  linearization: number;
  /** Extra power of ten of the IPMI unit in its CIM base unit (mapping/units.ts). */
  unitPow10?: number;
}

export interface Scale {
  unitModifier: number;
  /** True for L = linear (00h). */
  linear: boolean;
  /** Property integer for a raw byte; null when the byte means nothing (M = 0 and B = 0 is still 0). */
  value(raw: number): number;
  /** Property integer for a raw count difference (hysteresis, resolution, tolerance): |M| per count. */
  span(counts: number): number;
  /** The raw byte whose value is nearest to v, or undefined when v lies outside the readable range. */
  raw(v: number): number | undefined;
}

const SINT32_MAX = 2 ** 31 - 1;
const NON_LINEAR_MODIFIER = -3;

export function makeScale(c: ConversionSpec): Scale {
  const unitPow = c.unitPow10 ?? 0;
  const lin = c.linearization & 0x7f;
  const params: ConversionParams = { m: c.m, b: c.b, bExp: c.k1, rExp: c.k2, linearization: lin, analogDataFormat: c.analogDataFormat };
  // 70h-7Fh: non-linear, factors per reading from Get Sensor Reading Factors, which the device
  // source does not offer; the SDR's factors are used as if linear (ipmitool does the same), and
  // IsLinear says false.
  const linear = lin === Linearization.linear || lin >= NON_LINEAR_FIRST;
  const rawRange = Array.from({ length: 256 }, (_, i) => i);
  if (!linear) {
    const unitModifier = NON_LINEAR_MODIFIER + unitPow;
    const value = (raw: number) => {
      const y = rawToValue(raw, params) ?? NaN;
      return Number.isFinite(y) ? Math.round(y * 10 ** -NON_LINEAR_MODIFIER) : 0;
    };
    return {
      unitModifier,
      linear: false,
      value,
      span: (n) => Math.round(Math.abs(c.m) * n * 10 ** (c.k2 - NON_LINEAR_MODIFIER)),
      raw: (v) => nearest(rawRange, value, v),
    };
  }
  const k1n = Math.min(0, c.k1);
  let shift = 0;
  const exact = (raw: number) => c.m * rawToSigned(raw, c.analogDataFormat) * 10 ** -k1n + c.b * 10 ** (c.k1 - k1n);
  const peak = Math.max(...rawRange.map((r) => Math.abs(exact(r))));
  while (peak / 10 ** shift > SINT32_MAX) shift++;
  const value = (raw: number) => (shift ? Math.round(exact(raw) / 10 ** shift) : exact(raw));
  return {
    unitModifier: c.k2 + k1n + unitPow + shift || 0,
    linear: lin === Linearization.linear,
    value,
    span: (n) => Math.round((Math.abs(c.m) * n * 10 ** -k1n) / 10 ** shift),
    raw: (v) => nearest(rawRange, value, v),
  };
}

/** The raw byte whose value is nearest v (lowest raw on a tie); undefined outside [min, max] of the range. */
function nearest(range: number[], value: (raw: number) => number, v: number): number | undefined {
  let best: number | undefined;
  let bestD = Infinity;
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of range) {
    const y = value(r);
    lo = Math.min(lo, y);
    hi = Math.max(hi, y);
    const d = Math.abs(y - v);
    if (d < bestD) {
      bestD = d;
      best = r;
    }
  }
  return v < lo || v > hi ? undefined : best;
}
