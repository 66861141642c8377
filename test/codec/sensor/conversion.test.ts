import assert from 'node:assert/strict';
import {
  AnalogDataFormat,
  ConversionParams,
  Linearization,
  accuracyPercent,
  conversionParams,
  deriveFactors,
  hysteresisToValue,
  rawToSigned,
  rawToValue,
  signedToRaw,
  toleranceToValue,
  valueToHysteresis,
  valueToRaw,
} from '../../../src/codec/sensor';
import { decodeSdr, FullSensorRecord } from '../../../src/codec/records/sdr';
import { fromHex } from '../../../src/codec/wire/checksum';

const linear = (m: number, rExp = 0, b = 0, bExp = 0, analogDataFormat: number = AnalogDataFormat.unsigned): ConversionParams => ({
  m,
  b,
  bExp,
  rExp,
  linearization: Linearization.linear,
  analogDataFormat,
});
const near = (a: number | undefined, b: number) => assert.ok(a !== undefined && Math.abs(a - b) < 1e-9, `${a} != ${b}`);

describe('sensor reading conversion (v2.0 §36.3)', () => {
  it('ipmi_sim reference sensors convert as ipmitool printed them (peers/ipmi_sim/outputs/lanplusc3.sensor_list.txt)', () => {
    // 12V: M=6, K2=-2. Reading raw 201 -> "12.060 Volts"; thresholds 170..230 -> 10.200 .. 13.800.
    const v12 = linear(6, -2);
    assert.equal(rawToValue(200, v12), 12);
    assert.equal(rawToValue(201, v12), 12.06);
    assert.deepEqual([170, 180, 188, 212, 220, 230].map((r) => rawToValue(r, v12)), [10.2, 10.8, 11.28, 12.72, 13.2, 13.8]);
    // 3.3V: M=2, K2=-2, raw 166 -> 3.320 Volts.
    assert.equal(rawToValue(166, linear(2, -2)), 3.32);
    // FAN1/FAN2: M=50 -> 5200 / 4900 RPM; thresholds 10, 16, 20 -> 500, 800, 1000.
    assert.deepEqual([104, 98, 10, 16, 20].map((r) => rawToValue(r, linear(50))), [5200, 4900, 500, 800, 1000]);
  });

  it('exporter reference sensors (peers/exporter/gen_sdr.py comments)', () => {
    assert.equal(rawToValue(167, linear(3, -2)), 5.01); // 5V
    assert.equal(rawToValue(45, linear(1, -1)), 4.5); // PSU1 Current 4.5 A
    assert.equal(rawToValue(80, linear(4)), 320); // PSU1 Power 320 W
    assert.equal(rawToValue(90, linear(60)), 5400); // FAN1 5400 RPM
  });

  it('takes the factors from a decoded Full Sensor Record', () => {
    const rec = decodeSdr(fromHex('00 00 51 01 2e 20 00 05 07 01 7f 58 02 01 95 7a 95 7a 3f 3f 00 04 00 00 06 00 00 00 00 e0 01 c8 ff 00 ff 00 e6 dc d4 aa b4 bc 02 02 00 00 00 c3 31 32 56')) as FullSensorRecord;
    const p = conversionParams(rec);
    assert.deepEqual(p, linear(6, -2));
    assert.equal(rawToValue(rec.nominalReading, p), 12);
  });

  it('B and K1: y = (M x + B 10^K1) 10^K2', () => {
    const p = linear(2, -1, -5, 1);
    assert.equal(rawToValue(100, p), 15);
    assert.equal(valueToRaw(15, p), 100);
  });

  it('analog data formats: unsigned, one\'s and two\'s complement, none', () => {
    assert.equal(rawToSigned(0xf6, AnalogDataFormat.unsigned), 246);
    assert.equal(rawToSigned(0xf6, AnalogDataFormat.onesComplement), -9);
    assert.equal(rawToSigned(0xf6, AnalogDataFormat.twosComplement), -10);
    assert.equal(rawToSigned(0xff, AnalogDataFormat.onesComplement), 0);
    assert.equal(rawToSigned(0x80, AnalogDataFormat.onesComplement), -127);
    assert.equal(signedToRaw(-9, AnalogDataFormat.onesComplement), 0xf6);
    assert.equal(signedToRaw(-10, AnalogDataFormat.twosComplement), 0xf6);
    assert.equal(rawToValue(0xf6, linear(1, 0, 0, 0, AnalogDataFormat.twosComplement)), -10);
    assert.equal(rawToValue(0xf6, linear(1, 0, 0, 0, AnalogDataFormat.noAnalogReading)), undefined);
    assert.equal(valueToRaw(-10, linear(1, 0, 0, 0, AnalogDataFormat.twosComplement)), 0xf6);
    assert.equal(valueToRaw(-300, linear(1, 0, 0, 0, AnalogDataFormat.twosComplement)), 0x80);
    assert.equal(valueToRaw(-300, linear(1, 0, 0, 0, AnalogDataFormat.onesComplement)), 0x80);
  });

  it('every linearization function, and its inverse', () => {
    const cases: Array<[number, number, number]> = [
      [Linearization.ln, 10, Math.LN10],
      [Linearization.log10, 100, 2],
      [Linearization.log2, 8, 3],
      [Linearization.e, 1, Math.E],
      [Linearization.exp10, 2, 100],
      [Linearization.exp2, 10, 1024],
      [Linearization.inverse, 4, 0.25],
      [Linearization.sqr, 12, 144],
      [Linearization.cube, 3, 27],
      [Linearization.sqrt, 49, 7],
      [Linearization.cubeRoot, 27, 3],
    ];
    for (const [lin, raw, y] of cases) {
      const p = { ...linear(1), linearization: lin };
      near(rawToValue(raw, p), y);
      assert.equal(valueToRaw(y, p), raw, `linearization ${lin}`);
    }
    // Non-linear 70h-7Fh converts with the factors of Get Sensor Reading Factors, linearly.
    assert.equal(rawToValue(10, { ...linear(3), linearization: 0x70 }), 30);
    // Bit 7 of the linearization byte is reserved.
    assert.equal(rawToValue(4, { ...linear(1), linearization: 0x80 | Linearization.sqr }), 16);
  });

  it('value to raw rounds to the nearest count and clamps to the raw range', () => {
    const v12 = linear(6, -2);
    assert.equal(valueToRaw(12, v12), 200);
    assert.equal(valueToRaw(12.02, v12), 200);
    assert.equal(valueToRaw(12.04, v12), 201);
    assert.equal(valueToRaw(20, v12), 255);
    assert.equal(valueToRaw(-5, v12), 0);
    assert.throws(() => valueToRaw(1, linear(0)), /M is 0/);
    assert.throws(() => valueToRaw(1, linear(1, 0, 0, 0, AnalogDataFormat.noAnalogReading)), /no analog reading/);
    assert.throws(() => valueToRaw(-1, { ...linear(1), linearization: Linearization.sqrt }), RangeError);
  });

  it('hysteresis, tolerance and accuracy (ipmitool "Positive Hysteresis : 2.000" for CPU Temp)', () => {
    assert.equal(hysteresisToValue(2, linear(1)), 2);
    assert.equal(hysteresisToValue(2, linear(6, -2)), 0.12);
    assert.equal(valueToHysteresis(0.12, linear(6, -2)), 2);
    assert.equal(valueToHysteresis(1000, linear(50)), 20);
    assert.equal(toleranceToValue(3, linear(6, -2)), 0.09);
    assert.equal(accuracyPercent(150, 1), 15);
    assert.equal(accuracyPercent(25, 0), 0.25);
  });

  it('derives M, B, K1, K2 from a min/max range', () => {
    const p1 = deriveFactors(0, 127.5);
    assert.deepEqual(p1, { m: 500, b: 0, bExp: 0, rExp: -3 });
    const f1 = { ...p1, linearization: 0, analogDataFormat: 0 };
    assert.equal(rawToValue(0, f1), 0);
    assert.equal(rawToValue(255, f1), 127.5);

    const p2 = deriveFactors(-40, 215);
    assert.deepEqual(p2, { m: 100, b: -400, bExp: 1, rExp: -2 });
    const f2 = { ...p2, linearization: 0, analogDataFormat: 0 };
    assert.equal(rawToValue(0, f2), -40);
    assert.equal(rawToValue(255, f2), 215);
    assert.equal(valueToRaw(25, f2), 65);

    // Fans up to 12750 RPM, 50 RPM a count as ipmi_sim's FAN1: the widest M (most precision) wins.
    assert.deepEqual(deriveFactors(0, 12750), { m: 500, b: 0, bExp: 0, rExp: -1 });
    // Two's complement: -128..127 maps onto -64..63.5.
    const p3 = deriveFactors(-64, 63.5, AnalogDataFormat.twosComplement);
    const f3 = { ...p3, linearization: 0, analogDataFormat: AnalogDataFormat.twosComplement };
    assert.equal(rawToValue(0x80, f3), -64);
    assert.equal(rawToValue(0x7f, f3), 63.5);
    assert.throws(() => deriveFactors(5, 5), RangeError);
  });
});
