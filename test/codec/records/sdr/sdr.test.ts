import assert from 'node:assert/strict';
import {
  SdrRecord,
  decodeSdr,
  decodeSdrs,
  encodeSdr,
  encodeSdrs,
  idString,
  isSensorRecord,
  sdrRecord,
  sdrRecordType,
} from '../../../../src/codec/records/sdr';
import { decode, encode } from '../../../../src/codec/fields';
import { fromHex, hex } from '../../../../src/codec/wire/checksum';
import { DecodeError } from '../../../../src/lib/errors';
import { Vector, describeCodec, fuzzDecoder } from '../../../helpers/vectors';

const allInit = {
  settable: false,
  initScanning: true,
  initEvents: true,
  initThresholds: true,
  initHysteresis: true,
  initSensorType: true,
  eventGenerationEnabled: true,
  scanningEnabled: true,
};
// 58h: auto re-arm, hysteresis readable, thresholds readable and settable, per-threshold events.
const caps58 = { ignoreSensor: false, autoRearm: true, hysteresisSupport: 1, thresholdAccess: 2, eventMessageControl: 0 };
const unsignedUnits = { analogDataFormat: 0, rateUnit: 0, modifierUnit: 0, percentage: false };
const linear = (m: number, rExp: number, b = 0) => ({ m, tolerance: 0, b, accuracy: 0, accuracyExp: 0, sensorDirection: 0, rExp, bExp: 0 });

const vectors: Vector<SdrRecord>[] = [
  {
    // /work/shared/peers/ipmi_sim/gen_emu.py full_sensor_sdr(1, "CPU Temp", ...), the record ipmi_sim served
    // to `ipmitool sdr elist full` ("CPU Temp | 01h | ok | 3.1 | 48 degrees C", peers/ipmi_sim/outputs).
    name: 'full sensor: CPU Temp (degrees C, M=1)',
    source: 'peers/ipmi_sim/gen_emu.py, v2.0 Table 43-1',
    hex:
      '00 00 51 01 33 20 00 01 03 01 7f 58 01 01 85 3a 85 7a 3b 3b 00 01 00 00 01 00 00 00 00 00 01 2d ff 00 ff 00 ' +
      '69 5f 55 00 05 0a 02 02 00 00 00 c8 43 50 55 20 54 65 6d 70',
    value: {
      recordId: 0,
      sdrVersion: 0x51,
      kind: 'full',
      ownerId: 0x20,
      ownerLun: { channel: 0, lun: 0 },
      sensorNumber: 1,
      entityId: 3,
      entityInstance: { logical: false, instance: 1 },
      sensorInitialization: allInit,
      sensorCapabilities: caps58,
      sensorType: 0x01,
      eventReadingType: 0x01,
      assertionMask: 0x3a85,
      deassertionMask: 0x7a85,
      readingMask: 0x3b3b,
      units: unsignedUnits,
      baseUnit: 1,
      modifierUnitCode: 0,
      linearization: 0,
      factors: linear(1, 0),
      analogFlags: { normalMinSpecified: false, normalMaxSpecified: false, nominalSpecified: true },
      nominalReading: 45,
      normalMaximum: 0xff,
      normalMinimum: 0,
      sensorMaximum: 0xff,
      sensorMinimum: 0,
      thresholds: { upperNonRecoverable: 105, upperCritical: 95, upperNonCritical: 85, lowerNonRecoverable: 0, lowerCritical: 5, lowerNonCritical: 10 },
      positiveHysteresis: 2,
      negativeHysteresis: 2,
      oem: 0,
      idString: 'CPU Temp',
    },
  },
  {
    // gen_emu.py 12V: M=6, R exponent -2 (byte 30 = E0h); ipmitool showed thresholds 10.200 .. 13.800 Volts.
    name: 'full sensor: 12V (Volts, M=6, K2=-2)',
    source: 'peers/ipmi_sim/gen_emu.py, v2.0 Table 43-1',
    hex:
      '00 00 51 01 2e 20 00 05 07 01 7f 58 02 01 95 7a 95 7a 3f 3f 00 04 00 00 06 00 00 00 00 e0 01 c8 ff 00 ff 00 ' +
      'e6 dc d4 aa b4 bc 02 02 00 00 00 c3 31 32 56',
    value: {
      recordId: 0,
      sdrVersion: 0x51,
      kind: 'full',
      ownerId: 0x20,
      ownerLun: { channel: 0, lun: 0 },
      sensorNumber: 5,
      entityId: 7,
      entityInstance: { logical: false, instance: 1 },
      sensorInitialization: allInit,
      sensorCapabilities: caps58,
      sensorType: 0x02,
      eventReadingType: 0x01,
      assertionMask: 0x7a95,
      deassertionMask: 0x7a95,
      readingMask: 0x3f3f,
      units: unsignedUnits,
      baseUnit: 4,
      modifierUnitCode: 0,
      linearization: 0,
      factors: linear(6, -2),
      analogFlags: { normalMinSpecified: false, normalMaxSpecified: false, nominalSpecified: true },
      nominalReading: 200,
      normalMaximum: 0xff,
      normalMinimum: 0,
      sensorMaximum: 0xff,
      sensorMinimum: 0,
      thresholds: { upperNonRecoverable: 230, upperCritical: 220, upperNonCritical: 212, lowerNonRecoverable: 170, lowerCritical: 180, lowerNonCritical: 188 },
      positiveHysteresis: 2,
      negativeHysteresis: 2,
      oem: 0,
      idString: '12V',
    },
  },
  {
    // /work/shared/peers/exporter/gen_sdr.py "PSU1 Status": a full record for a discrete sensor
    // (sensor type 08h power supply, event/reading type 6Fh sensor-specific, units 1 = C0h: no analog reading).
    name: 'full sensor: PSU1 Status (discrete, no analog reading)',
    source: 'peers/exporter/gen_sdr.py, v2.0 Table 43-1',
    hex:
      '00 00 51 01 36 20 00 40 0a 01 67 40 08 6f 0f 00 0f 00 0f 00 c0 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 ' +
      '00 00 00 00 00 00 00 00 00 00 00 cb 50 53 55 31 20 53 74 61 74 75 73',
    value: {
      recordId: 0,
      sdrVersion: 0x51,
      kind: 'full',
      ownerId: 0x20,
      ownerLun: { channel: 0, lun: 0 },
      sensorNumber: 0x40,
      entityId: 0x0a,
      entityInstance: { logical: false, instance: 1 },
      sensorInitialization: { ...allInit, initThresholds: false, initHysteresis: false, eventGenerationEnabled: true, scanningEnabled: true, initSensorType: true },
      sensorCapabilities: { ignoreSensor: false, autoRearm: true, hysteresisSupport: 0, thresholdAccess: 0, eventMessageControl: 0 },
      sensorType: 0x08,
      eventReadingType: 0x6f,
      assertionMask: 0x000f,
      deassertionMask: 0x000f,
      readingMask: 0x000f,
      units: { analogDataFormat: 3, rateUnit: 0, modifierUnit: 0, percentage: false },
      baseUnit: 0,
      modifierUnitCode: 0,
      linearization: 0,
      factors: linear(0, 0),
      analogFlags: { normalMinSpecified: false, normalMaxSpecified: false, nominalSpecified: false },
      nominalReading: 0,
      normalMaximum: 0,
      normalMinimum: 0,
      sensorMaximum: 0,
      sensorMinimum: 0,
      thresholds: { upperNonRecoverable: 0, upperCritical: 0, upperNonCritical: 0, lowerNonRecoverable: 0, lowerCritical: 0, lowerNonCritical: 0 },
      positiveHysteresis: 0,
      negativeHysteresis: 0,
      oem: 0,
      idString: 'PSU1 Status',
    },
  },
  {
    // Hand-assembled from v2.0 Table 43-1 to exercise every packed field: 2's complement data,
    // per-second rate, modifier "base/modifier", percentage, ln linearization, M=-3 (10-bit 3FDh),
    // tolerance 5, B=300 (12Ch), accuracy 0x155 with exponent 2, direction input, K2=-3, K1=+2,
    // record ID 0102h, channel 1 LUN 2, logical entity, BCD plus ID "12-3.4".
    name: 'full sensor: every packed field non-zero',
    source: 'v2.0 Table 43-1 (hand-assembled)',
    hex:
      '02 01 51 01 2e 20 12 07 1d 82 ff 6a 04 01 ff 0f ff 0f 3f 3f 9b 12 05 01 fd c5 2c 55 59 d2 07 10 20 30 40 50 ' +
      '01 02 03 04 05 06 07 08 00 00 aa 43 12 b3 c4',
    value: {
      recordId: 0x0102,
      sdrVersion: 0x51,
      kind: 'full',
      ownerId: 0x20,
      ownerLun: { channel: 1, lun: 2 },
      sensorNumber: 7,
      entityId: 0x1d,
      entityInstance: { logical: true, instance: 2 },
      sensorInitialization: { ...allInit, settable: true },
      sensorCapabilities: { ignoreSensor: false, autoRearm: true, hysteresisSupport: 2, thresholdAccess: 2, eventMessageControl: 2 },
      sensorType: 0x04,
      eventReadingType: 0x01,
      assertionMask: 0x0fff,
      deassertionMask: 0x0fff,
      readingMask: 0x3f3f,
      units: { analogDataFormat: 2, rateUnit: 3, modifierUnit: 1, percentage: true },
      baseUnit: 0x12,
      modifierUnitCode: 0x05,
      linearization: 1,
      factors: { m: -3, tolerance: 5, b: 300, accuracy: 0x155, accuracyExp: 2, sensorDirection: 1, rExp: -3, bExp: 2 },
      analogFlags: { normalMinSpecified: true, normalMaxSpecified: true, nominalSpecified: true },
      nominalReading: 0x10,
      normalMaximum: 0x20,
      normalMinimum: 0x30,
      sensorMaximum: 0x40,
      sensorMinimum: 0x50,
      thresholds: { upperNonRecoverable: 1, upperCritical: 2, upperNonCritical: 3, lowerNonRecoverable: 4, lowerCritical: 5, lowerNonCritical: 6 },
      positiveHysteresis: 7,
      negativeHysteresis: 8,
      oem: 0xaa,
      idString: { encoding: 'bcdPlus', text: '12-3.4' },
    },
  },
  {
    // v2.0 Table 43-2: bytes 24-25 share count 4, numeric instance modifier, direction output,
    // entity instance increments, modifier offset 1; 6-bit packed ID "FAN " = 66h E8h 02h.
    name: 'compact sensor: shared fan records with 6-bit ASCII ID',
    source: 'v2.0 Table 43-2 (hand-assembled)',
    hex: '10 00 51 02 1e 20 00 30 1d 01 7f 68 04 01 00 00 00 00 00 00 00 12 00 84 81 03 04 00 00 00 00 83 66 e8 02',
    value: {
      recordId: 0x0010,
      sdrVersion: 0x51,
      kind: 'compact',
      ownerId: 0x20,
      ownerLun: { channel: 0, lun: 0 },
      sensorNumber: 0x30,
      entityId: 0x1d,
      entityInstance: { logical: false, instance: 1 },
      sensorInitialization: allInit,
      sensorCapabilities: { ignoreSensor: false, autoRearm: true, hysteresisSupport: 2, thresholdAccess: 2, eventMessageControl: 0 },
      sensorType: 0x04,
      eventReadingType: 0x01,
      assertionMask: 0,
      deassertionMask: 0,
      readingMask: 0,
      units: unsignedUnits,
      baseUnit: 18,
      modifierUnitCode: 0,
      sharing: { sensorDirection: 2, idInstanceModifierType: 0, shareCount: 4, entityInstanceSharing: true, idInstanceModifierOffset: 1 },
      positiveHysteresis: 3,
      negativeHysteresis: 4,
      oem: 0,
      idString: { encoding: 'ascii6', text: 'FAN ' },
    },
  },
  {
    // v2.0 Table 43-3; the watchdog sensor ipmi_sim adds as sensor 0 (gen_emu.py "sensor_add 0x20 0 0 0x23 0x6f event-only").
    name: 'event-only: Watchdog 2',
    source: 'v2.0 Table 43-3 (hand-assembled)',
    hex: '20 00 51 03 14 20 04 00 2e 01 23 6f 00 00 00 00 c8 57 61 74 63 68 64 6f 67',
    value: {
      recordId: 0x0020,
      sdrVersion: 0x51,
      kind: 'eventOnly',
      ownerId: 0x20,
      ownerLun: { channel: 0, fruOwnerLun: 1, lun: 0 },
      sensorNumber: 0,
      entityId: 0x2e,
      entityInstance: { logical: false, instance: 1 },
      sensorType: 0x23,
      eventReadingType: 0x6f,
      sharing: { sensorDirection: 0, idInstanceModifierType: 0, shareCount: 0, entityInstanceSharing: false, idInstanceModifierOffset: 0 },
      oem: 0,
      idString: 'Watchdog',
    },
  },
  {
    // v2.0 Table 43-4: system chassis 17h.1 contains processors 03h.1-03h.2 as a range, and fans 1Dh.1-1Dh.4.
    name: 'entity association: ranges',
    source: 'v2.0 Table 43-4 (hand-assembled)',
    hex: '30 00 51 08 0b 17 01 80 03 01 03 02 1d 01 1d 04',
    value: {
      recordId: 0x0030,
      sdrVersion: 0x51,
      kind: 'entityAssociation',
      containerEntityId: 0x17,
      containerEntityInstance: 1,
      flags: { range: true, linked: false, presenceSensorAlwaysAccessible: false },
      contained: [
        { entityId: 3, instance: 1 },
        { entityId: 3, instance: 2 },
        { entityId: 0x1d, instance: 1 },
        { entityId: 0x1d, instance: 4 },
      ],
    },
  },
  {
    // v2.0 Table 43-7: logical FRU device 0 behind the BMC (20h), device type 10h, entity system board 07h.1.
    name: 'FRU device locator: builtin FRU 0',
    source: 'v2.0 Table 43-7 (hand-assembled)',
    hex: '40 00 51 11 12 20 00 80 00 00 10 00 07 01 00 c7 42 75 69 6c 74 69 6e',
    value: {
      recordId: 0x0040,
      sdrVersion: 0x51,
      kind: 'fruDeviceLocator',
      deviceAccessAddress: 0x20,
      fruDeviceId: 0,
      access: { logical: true, accessLun: 0, privateBusId: 0 },
      channel: 0,
      deviceType: 0x10,
      deviceTypeModifier: 0,
      fruEntityId: 7,
      fruEntityInstance: 1,
      oem: 0,
      idString: 'Builtin',
    },
  },
  {
    // v2.0 Table 43-8: the BMC at 20h; capabilities 9Fh match ipmi_sim's Get Device ID support byte (gen_emu.py mc_add).
    name: 'MC device locator: BMC',
    source: 'v2.0 Table 43-8 (hand-assembled)',
    hex: '50 00 51 12 11 20 00 00 9f 00 00 00 2e 01 00 c6 42 4d 43 20 20 20',
    value: {
      recordId: 0x0050,
      sdrVersion: 0x51,
      kind: 'mcDeviceLocator',
      deviceSlaveAddress: 0x20,
      channel: 0,
      powerStateAndInit: {
        acpiSystemPowerStateNotification: false,
        acpiDevicePowerStateNotification: false,
        staticController: false,
        controllerLogsInitAgentErrors: false,
        logInitAgentErrors: false,
        eventMessageGeneration: 0,
      },
      capabilities: { chassis: true, bridge: false, ipmbEventGenerator: false, ipmbEventReceiver: true, fru: true, sel: true, sdrRepository: true, sensor: true },
      entityId: 0x2e,
      entityInstance: { logical: false, instance: 1 },
      oem: 0,
      idString: 'BMC   ',
    },
  },
  {
    // v2.0 §43.12: OEM record C0h starts with the 3-byte manufacturer ID; we keep any unknown body as bytes.
    name: 'OEM record C0h: passthrough',
    source: 'v2.0 §43.12, Table 43-11 (hand-assembled)',
    hex: '60 00 51 c0 05 57 01 00 aa bb',
    value: { recordId: 0x0060, sdrVersion: 0x51, kind: 'unknown', recordType: 0xc0, body: fromHex('57 01 00 aa bb') },
  },
];

describeCodec('SDR records (v2.0 §43)', sdrRecord, vectors, [
  { name: 'a header without its record length', hex: '00 00 51 01', reason: 'short' },
  { name: 'a body shorter than the record length says', hex: '00 00 51 12 13 20 00 00', reason: 'short' },
  { name: 'a full sensor body without the ID type/length byte', hex: '00 00 51 01 02 20 00', reason: 'short' },
]);

describe('SDR helpers', () => {
  it('decodeSdr rejects bytes after the record; decodeSdrs reads a dump of several', () => {
    const one = fromHex(vectors[0].hex);
    assert.throws(() => decodeSdr(Buffer.concat([one, Buffer.from([0])])), (e: unknown) => e instanceof DecodeError && e.reason === 'trailing');
    const dump = Buffer.concat(vectors.map((v) => fromHex(v.hex)));
    const recs = decodeSdrs(dump);
    assert.deepEqual(recs, vectors.map((v) => v.value));
    assert.equal(hex(encodeSdrs(recs)), hex(dump));
  });

  it('sdrRecordType and isSensorRecord classify records', () => {
    assert.deepEqual(vectors.map((v) => sdrRecordType(v.value)), [1, 1, 1, 1, 2, 3, 8, 0x11, 0x12, 0xc0]);
    assert.deepEqual(vectors.map((v) => isSensorRecord(v.value)), [true, true, true, true, true, true, false, false, false, false]);
  });

  it('encodeSdr defaults the SDR version to 51h and computes the record length', () => {
    const { sdrVersion: _v, ...rest } = vectors[1].value;
    assert.equal(hex(encodeSdr(rest as SdrRecord)), hex(fromHex(vectors[1].hex)));
  });

  it('tolerates padding after the ID string and an ID length longer than the record (as ipmitool does)', () => {
    // The event-only vector with two pad bytes added to the body (record length 14h -> 16h).
    const padded = fromHex('20 00 51 03 16 20 04 00 2e 01 23 6f 00 00 00 00 c8 57 61 74 63 68 64 6f 67 00 00');
    assert.equal((decodeSdr(padded) as { idString: unknown }).idString, 'Watchdog');
    // ID type/length says 8 bytes (C8h) but the record ends after 3.
    const cut = fromHex('20 00 51 03 0f 20 04 00 2e 01 23 6f 00 00 00 00 c8 57 61 74');
    assert.equal((decodeSdr(cut) as { idString: unknown }).idString, 'Wat');
  });

  it('refuses to encode an ID string longer than 16 bytes or a 10-bit M out of range', () => {
    assert.throws(() => encode(idString, 'a'.repeat(17)), RangeError);
    const bad = { ...vectors[0].value, factors: linear(512, 0) } as SdrRecord;
    assert.throws(() => encodeSdr(bad), /M: 512 out of range -512..511/);
  });

  it('ID string type 00b (Unicode) is kept as bytes', () => {
    assert.deepEqual(decode(idString, fromHex('02 41 00')), { encoding: 'unicode', bytes: fromHex('41 00') });
  });

  it('random bytes give a record or a DecodeError, never another exception', () => {
    fuzzDecoder(sdrRecord, 3000, 80);
    // Most random headers have unknown types; force the known ones through the body decoders too.
    for (const t of [0x01, 0x02, 0x03, 0x08, 0x11, 0x12]) {
      for (let i = 0; i < 500; i++) {
        const len = Math.floor(Math.random() * 70);
        const b = Buffer.alloc(5 + len);
        for (let j = 5; j < b.length; j++) b[j] = Math.floor(Math.random() * 256);
        b[3] = t;
        b[4] = len;
        try {
          decodeSdr(b);
        } catch (e) {
          if (!(e instanceof DecodeError)) throw e;
        }
      }
    }
  });
});
