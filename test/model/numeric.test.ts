import assert from 'node:assert/strict';
import { makeScale } from '../../src/model/mapping/numeric';
import { cimRateUnits, cimSensorType, cimUnit } from '../../src/model/mapping/units';

/** value * 10^UnitModifier, as a client computes it (rounded to the modifier's decimals). */
const real = (v: number, um: number) => Number((v * 10 ** um).toFixed(Math.max(0, -um)));

describe('model: raw readings to exact CIM integers (mapping/numeric)', () => {
  it('research note §2.3.2 worked example: M=4, B=0, K1=0, K2=-2, raw 54h -> 336 x 10^-2 (3.36 V)', () => {
    const s = makeScale({ m: 4, b: 0, k1: 0, k2: -2, analogDataFormat: 0, linearization: 0 });
    assert.equal(s.unitModifier, -2);
    assert.equal(s.value(0x54), 336);
    assert.equal(s.linear, true);
  });

  // The six ipmi_sim sensors (shared/peers/ipmi_sim/bmc.emu) against `ipmitool sensor list`
  // captured from that BMC (outputs/lan.sensor_list.txt).
  const cases: Array<[string, { m: number; k2: number }, number, number, number[], number[]]> = [
    // name, factors, raw, ipmitool reading, raw thresholds (lnr lc lnc unc uc unr), ipmitool thresholds
    ['CPU Temp', { m: 1, k2: 0 }, 0x30, 48, [0x05, 0x0a, 0x55, 0x5f, 0x69], [5, 10, 85, 95, 105]],
    ['FAN1', { m: 50, k2: 0 }, 0x68, 5200, [0x0a, 0x10, 0x14], [500, 800, 1000]],
    ['FAN2', { m: 50, k2: 0 }, 0x62, 4900, [0x0a, 0x10, 0x14], [500, 800, 1000]],
    ['12V', { m: 6, k2: -2 }, 0xc9, 12.06, [0xaa, 0xb4, 0xbc, 0xd4, 0xdc, 0xe6], [10.2, 10.8, 11.28, 12.72, 13.2, 13.8]],
    ['3.3V', { m: 2, k2: -2 }, 0xa6, 3.32, [0x8c, 0x94, 0x9b, 0xaf, 0xb6, 0xbe], [2.8, 2.96, 3.1, 3.5, 3.64, 3.8]],
  ];
  for (const [name, f, raw, reading, rawT, shownT] of cases)
    it(`${name}: value x 10^UnitModifier equals what ipmitool prints`, () => {
      const s = makeScale({ m: f.m, b: 0, k1: 0, k2: f.k2, analogDataFormat: 0, linearization: 0 });
      assert.equal(real(s.value(raw), s.unitModifier), reading);
      assert.deepEqual(rawT.map((r) => real(s.value(r), s.unitModifier)), shownT);
      assert.ok(Number.isInteger(s.value(raw)));
    });

  it('UnitModifier depends on the SDR only: the same for every raw reading', () => {
    const s = makeScale({ m: 6, b: 0, k1: 0, k2: -2, analogDataFormat: 0, linearization: 0 });
    const mods = new Set<number>();
    for (let raw = 0; raw < 256; raw++) {
      assert.ok(Number.isInteger(s.value(raw)));
      mods.add(s.unitModifier);
    }
    assert.deepEqual([...mods], [-2]);
  });

  it('a negative B exponent folds into the modifier: M=3, B=-25, K1=-1, K2=-1 -> 30x - 25 at 10^-2', () => {
    // y = (3x + -25 * 10^-1) * 10^-1 = 0.3x - 0.25
    const s = makeScale({ m: 3, b: -25, k1: -1, k2: -1, analogDataFormat: 0, linearization: 0 });
    assert.equal(s.unitModifier, -2);
    assert.equal(s.value(10), 275); // 2.75
    assert.equal(s.value(0), -25);
  });

  it('a positive B exponent stays in the value: M=1, B=5, K1=2, K2=0 -> x + 500', () => {
    const s = makeScale({ m: 1, b: 5, k1: 2, k2: 0, analogDataFormat: 0, linearization: 0 });
    assert.equal(s.unitModifier, 0);
    assert.equal(s.value(7), 507);
  });

  it("two's complement and one's complement raw bytes (analog data format 2 and 1)", () => {
    const twos = makeScale({ m: 1, b: 0, k1: 0, k2: 0, analogDataFormat: 2, linearization: 0 });
    assert.deepEqual([0x00, 0x7f, 0x80, 0xff].map(twos.value), [0, 127, -128, -1]);
    const ones = makeScale({ m: 1, b: 0, k1: 0, k2: 0, analogDataFormat: 1, linearization: 0 });
    assert.deepEqual([0x7f, 0x80, 0xfe, 0xff].map(ones.value).map((v) => v + 0), [127, -127, -1, 0]);
  });

  it('raises the modifier once, from the whole raw range, when a value would overflow sint32', () => {
    // M=511, K1=-8: 511 * 255 * 10^8 exceeds 2^31-1; B is 0.
    const s = makeScale({ m: 511, b: 0, k1: -8, k2: 0, analogDataFormat: 0, linearization: 0 });
    // Exact would be 130305 * 10^8 at 10^-8; four decimal digits are dropped: 1303050000 at 10^-4.
    assert.equal(s.unitModifier, -4);
    assert.equal(s.value(255), 1303050000);
    assert.equal(s.value(1), 5110000);
    assert.ok(Math.abs(s.value(255)) <= 2 ** 31 - 1);
  });

  it('non-linear sensors (L = sqr) publish at a fixed 10^-3, rounded, and are not linear', () => {
    const s = makeScale({ m: 1, b: 0, k1: 0, k2: -1, analogDataFormat: 0, linearization: 0x08 });
    assert.equal(s.unitModifier, -3);
    assert.equal(s.linear, false);
    assert.equal(s.value(15), 2250); // (1.5)^2 = 2.25
  });

  it('OEM non-linear (70h) converts with the SDR factors but reports IsLinear false', () => {
    const s = makeScale({ m: 2, b: 0, k1: 0, k2: 0, analogDataFormat: 0, linearization: 0x70 });
    assert.equal(s.value(10), 20);
    assert.equal(s.linear, false);
  });

  it('raw(): the nearest raw byte for a property value, undefined outside the readable range', () => {
    const s = makeScale({ m: 6, b: 0, k1: 0, k2: -2, analogDataFormat: 0, linearization: 0 });
    assert.equal(s.raw(1272), 0xd4);
    assert.equal(s.raw(1275), 0xd4); // 12.75 V: nearest is 212 * 0.06 = 12.72
    assert.equal(s.raw(1530), 255);
    assert.equal(s.raw(1531), undefined);
    assert.equal(s.raw(-1), undefined);
  });

  it('span(): counts times |M| in property units (resolution, hysteresis, tolerance)', () => {
    const s = makeScale({ m: -6, b: 0, k1: 0, k2: -2, analogDataFormat: 0, linearization: 0 });
    assert.equal(s.span(1), 6);
    assert.equal(s.span(2), 12);
  });
});

describe('model: IPMI units and sensor types to CIM (mapping/units)', () => {
  it('IPMI base units map to BaseUnits with the extra power of ten (research note §2.3.1)', () => {
    assert.deepEqual(cimUnit(1), { baseUnits: 2, pow10: 0 }); // degrees C
    assert.deepEqual(cimUnit(4), { baseUnits: 5, pow10: 0 }); // Volts
    assert.deepEqual(cimUnit(18), { baseUnits: 19, pow10: 0 }); // RPM
    assert.deepEqual(cimUnit(21), { baseUnits: 21, pow10: -3 }); // millisecond -> Seconds
    assert.deepEqual(cimUnit(32), { baseUnits: 31, pow10: -3 }); // mm -> Meters
    assert.deepEqual(cimUnit(53), { baseUnits: 48, pow10: -6 }); // microfarad -> Farads
    assert.deepEqual(cimUnit(59), { baseUnits: 1, pow10: 0 }); // reserved -> Other
    assert.deepEqual(cimUnit(65), { baseUnits: 59, pow10: 0 }); // color temp deg K
    assert.deepEqual(cimUnit(68), { baseUnits: 60, pow10: 6 }); // megabit
    assert.deepEqual(cimUnit(76), { baseUnits: 64, pow10: 0 }); // qword
    assert.deepEqual(cimUnit(92), { baseUnits: 1, pow10: 0 }); // grams -> Other
    assert.deepEqual(cimUnit(0, true), { baseUnits: 65, pow10: 0 }); // percentage bit
  });
  it('rate units are one to one; 7 (reserved) is None', () => {
    assert.deepEqual([0, 1, 3, 6, 7].map(cimRateUnits), [0, 1, 3, 6, 0]);
  });
  it('sensor types: Windows stops at 12, DMTF uses 13-16', () => {
    assert.equal(cimSensorType(0x01, 1, 'windows'), 2);
    assert.equal(cimSensorType(0x04, 18, 'windows'), 5);
    assert.equal(cimSensorType(0x04, 17, 'windows'), 12); // fan in CFM: Air Flow
    assert.equal(cimSensorType(0x05, 0, 'windows'), 1);
    assert.equal(cimSensorType(0x05, 0, 'dmtf'), 16);
    assert.equal(cimSensorType(0x08, 6, 'windows'), 1);
    assert.equal(cimSensorType(0x08, 6, 'dmtf'), 13);
    assert.equal(cimSensorType(0x0b, 14, 'dmtf'), 15);
    assert.equal(cimSensorType(0x0b, 4, 'windows'), 3);
    assert.equal(cimSensorType(0x14, 0, 'windows'), 7);
    assert.equal(cimSensorType(0x25, 0, 'windows'), 11);
    assert.equal(cimSensorType(0xc0, 0, 'dmtf'), 1);
  });
});
