import { FruImage, PowerSupplyInformation } from '../../../../src/codec/records/fru';
import { fromHex } from '../../../../src/codec/wire/checksum';

/** FRU golden images shared by the codec tests and the FreeIPMI interop test. */

// peers/ipmi_sim/gen_emu.py fru_image(): what ipmi_sim served to `ipmitool fru print`
// (peers/ipmi_sim/outputs/lanplusc3.fru_print.txt: "Chassis Type : Rack Mount Chassis",
// "Board Mfg Date : Wed Feb 24 01:39:00 2016 UTC", "Product Asset Tag : asset-007", ...).
export const GEN_EMU_FRU_HEX =
  '01 00 01 05 0c 00 00 ed ' +
  '01 04 17 c7 43 48 2d 30 30 30 31 ce 56 43 48 41 53 53 49 53 2d 53 4e 2d 34 32 c1 00 00 00 00 50 ' +
  '01 07 19 c3 b2 a1 cc 41 63 6d 65 20 56 69 72 74 75 61 6c ca 56 42 4d 43 20 42 6f 61 72 64 cb 42 52 44 2d 53 4e 2d 30 30 30 31 ' +
  'c8 42 52 44 2d 50 4e 2d 31 c0 c1 00 00 dd ' +
  '01 09 19 cc 41 63 6d 65 20 56 69 72 74 75 61 6c cc 56 53 65 72 76 65 72 20 31 30 30 30 c7 50 4e 2d 31 30 30 30 c2 76 31 ' +
  'cb 50 52 44 2d 53 4e 2d 30 30 30 31 c9 61 73 73 65 74 2d 30 30 37 c0 c1 00 00 00 00 00 00 00 c3';
export const GEN_EMU_FRU: FruImage = {
  chassis: { chassisType: 0x17, partNumber: 'CH-0001', serialNumber: 'VCHASSIS-SN-42', custom: [] },
  board: {
    languageCode: 0x19,
    mfgDateMinutes: 0xa1b2c3,
    manufacturer: 'Acme Virtual',
    productName: 'VBMC Board',
    serialNumber: 'BRD-SN-0001',
    partNumber: 'BRD-PN-1',
    fruFileId: '',
    custom: [],
  },
  product: {
    languageCode: 0x19,
    manufacturer: 'Acme Virtual',
    productName: 'VServer 1000',
    partNumber: 'PN-1000',
    version: 'v1',
    serialNumber: 'PRD-SN-0001',
    assetTag: 'asset-007',
    fruFileId: '',
    custom: [],
  },
};

export const PSU: PowerSupplyInformation = {
  overallCapacityWatts: 750,
  peakVa: 0xffff,
  inrushCurrent: 30,
  inrushIntervalMs: 10,
  inputVoltageRange1Low10mV: 9000,
  inputVoltageRange1High10mV: 14000,
  inputVoltageRange2Low10mV: 18000,
  inputVoltageRange2High10mV: 26400,
  inputFrequencyLowHz: 47,
  inputFrequencyHighHz: 63,
  inputDropoutToleranceMs: 20,
  flags: { tachometerPulsesPerRotation: false, hotSwap: true, autoswitch: true, powerFactorCorrection: true, predictiveFailSupport: false },
  peakWattage: { holdUpTimeSeconds: 1, peakCapacityWatts: 800 },
  combinedWattage: { voltage1: 2, voltage2: 3 },
  totalCombinedWatts: 100,
  predictiveFailTachometerLowerThreshold: 0,
};

// Every FRU feature in one image: internal use, custom fields, BCD plus / 6-bit / binary fields,
// a power supply record and an OEM record in the multirecord area. Hand-assembled from FRU v1.0
// Tables 8-1, 9-1, 10-1, 11-1, 12-1, 16-1 and 18-1; cross-checked with FreeIPMI `ipmi-fru
// --fru-file` in test/codec/records/fru/fru-interop.test.ts.
export const FULL_FRU: FruImage = {
  internalUse: fromHex('de ad be ef 00 00 00'),
  chassis: { chassisType: 0x11, partNumber: { encoding: 'ascii6', text: 'CH-42 ' }, serialNumber: { encoding: 'bcdPlus', text: '2024-01 ' }, custom: ['rack A', 'slot 7'] },
  board: {
    languageCode: 0,
    mfgDateMinutes: 0,
    manufacturer: 'Example',
    productName: 'Board',
    serialNumber: 'B123',
    partNumber: { encoding: 'binary', bytes: fromHex('01 02 03') },
    fruFileId: '',
    custom: [],
  },
  product: {
    languageCode: 0,
    manufacturer: 'Example',
    productName: 'Server',
    partNumber: 'P-1',
    version: '1.0',
    serialNumber: 'S-9',
    assetTag: '',
    fruFileId: '',
    custom: ['extra'],
  },
  multiRecords: [
    { kind: 'powerSupply', powerSupply: PSU },
    { kind: 'raw', recordType: 0xc0, data: fromHex('57 01 00 11 22') },
  ],
};
export const FULL_FRU_HEX =
  // common header: internal use at 8, chassis at 16, board at 48, product at 80, multirecord at 120
  '01 01 02 06 0a 0f 00 dd ' +
  '01 de ad be ef 00 00 00 ' +
  // chassis: 6-bit "CH-42 " (5 bytes), BCD plus "2024-01" padded with a space nibble (decodes as "2024-01 "), two custom fields
  '01 04 11 85 23 da 50 12 00 44 20 24 b0 1a c6 72 61 63 6b 20 41 c6 73 6c 6f 74 20 37 c1 00 00 4c ' +
  '01 04 00 00 00 00 c7 45 78 61 6d 70 6c 65 c5 42 6f 61 72 64 c4 42 31 32 33 03 01 02 03 c0 c1 95 ' +
  '01 05 00 c7 45 78 61 6d 70 6c 65 c6 53 65 72 76 65 72 c3 50 2d 31 c3 31 2e 30 c3 53 2d 39 c0 c0 c5 65 78 74 72 61 c1 c1 ' +
  // power supply information: type 00h, format 02h, 24 bytes, data checksum 52h, header checksum 94h
  '00 02 18 52 94 ' +
  'ee 02 ff ff 1e 0a 28 23 b0 36 50 46 20 67 2f 3f 14 0e 20 13 23 64 00 00 ' +
  // OEM record C0h, last (format 82h: end of list)
  'c0 82 05 75 44 57 01 00 11 22';
