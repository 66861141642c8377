import type { SdrRecord, FullSensorRecord, CompactSensorRecord } from '../../../src/codec/records/sdr';
import type { SystemEventRecord } from '../../../src/codec/records/sel';

/** A threshold Full Sensor Record (v2.0 Table 43-1) owned by the BMC, with the fields tests vary. */
export function fullSensor(o: {
  num: number;
  name: string;
  type?: number;
  unit?: number;
  m?: number;
  b?: number;
  bExp?: number;
  rExp?: number;
  linearization?: number;
  format?: number;
  ownerId?: number;
  eventType?: number;
}): FullSensorRecord {
  return {
    kind: 'full',
    recordId: 0,
    ownerId: o.ownerId ?? 0x20,
    ownerLun: { channel: 0, lun: 0 },
    sensorNumber: o.num,
    entityId: 0x03,
    entityInstance: { logical: false, instance: 1 },
    sensorInitialization: { settable: false, initScanning: true, initEvents: true, initThresholds: true, initHysteresis: true, initSensorType: true, eventGenerationEnabled: true, scanningEnabled: true },
    sensorCapabilities: { ignoreSensor: false, autoRearm: true, hysteresisSupport: 1, thresholdAccess: 2, eventMessageControl: 0 },
    sensorType: o.type ?? 0x01,
    eventReadingType: o.eventType ?? 0x01,
    assertionMask: 0x0a80,
    deassertionMask: 0x7a80,
    readingMask: 0x3838,
    units: { analogDataFormat: o.format ?? 0, rateUnit: 0, modifierUnit: 0, percentage: false },
    baseUnit: o.unit ?? 1,
    modifierUnitCode: 0,
    linearization: o.linearization ?? 0,
    factors: { m: o.m ?? 1, tolerance: 0, b: o.b ?? 0, accuracy: 0, accuracyExp: 0, sensorDirection: 0, rExp: o.rExp ?? 0, bExp: o.bExp ?? 0 },
    analogFlags: { normalMinSpecified: false, normalMaxSpecified: false, nominalSpecified: false },
    nominalReading: 0,
    normalMaximum: 0xff,
    normalMinimum: 0,
    sensorMaximum: 0xff,
    sensorMinimum: 0,
    thresholds: { upperNonRecoverable: 100, upperCritical: 90, upperNonCritical: 80, lowerNonRecoverable: 0, lowerCritical: 0, lowerNonCritical: 0 },
    positiveHysteresis: 2,
    negativeHysteresis: 2,
    reserved: undefined,
    oem: 0,
    idString: o.name,
  } as FullSensorRecord;
}

export function compactSensor(num: number, name: string, sensorType = 0x05, eventType = 0x6f): CompactSensorRecord {
  return {
    kind: 'compact',
    recordId: 0,
    ownerId: 0x20,
    ownerLun: { channel: 0, lun: 0 },
    sensorNumber: num,
    entityId: 0x17,
    entityInstance: { logical: false, instance: 1 },
    sensorInitialization: { settable: false, initScanning: true, initEvents: true, initThresholds: false, initHysteresis: false, initSensorType: true, eventGenerationEnabled: true, scanningEnabled: true },
    sensorCapabilities: { ignoreSensor: false, autoRearm: true, hysteresisSupport: 0, thresholdAccess: 0, eventMessageControl: 0 },
    sensorType,
    eventReadingType: eventType,
    assertionMask: 1,
    deassertionMask: 1,
    readingMask: 1,
    units: { analogDataFormat: 3, rateUnit: 0, modifierUnit: 0, percentage: false },
    baseUnit: 0,
    modifierUnitCode: 0,
    sharing: { sensorDirection: 0, idInstanceModifierType: 0, shareCount: 1, entityInstanceSharing: false, idInstanceModifierOffset: 0 },
    positiveHysteresis: 0,
    negativeHysteresis: 0,
    reserved: undefined,
    oem: 0,
    idString: name,
  } as CompactSensorRecord;
}

/** A system event record (v2.0 Table 32-1) from the BMC. */
export function sysEvent(timestamp: number, sensorType: number, sensorNumber: number, eventType: number, eventData1: number, deassertion = false, d2 = 0xff, d3 = 0xff): SystemEventRecord {
  return { kind: 'system', recordId: 0, timestamp, generatorId: 0x20, evmRev: 4, sensorType, sensorNumber, eventDirType: { deassertion, eventType }, eventData1, eventData2: d2, eventData3: d3 };
}

export type { SdrRecord };
