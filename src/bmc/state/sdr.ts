import type { Clock } from '../../lib/clock';
import type { ProfileSpec, SensorSpec } from '../../profile/types';
import { PROFILE_DEFAULTS } from '../../profile/defaults';
import { AnalogDataFormat, rawRange, sdrThresholdMasks, signedToRaw, valueToHysteresis, valueToRaw } from '../../codec/sensor';
import { SdrRecord, encodeSdr } from '../../codec/records/sdr';
import { BMC_SA } from '../../codec/message/ipmb';
import { TIMESTAMP_UNSPECIFIED } from '../../codec/records/sel';
import { RecordList, Reservation } from './records';

/** FRU Device Locator device type 10h: FRU inventory device behind a management controller (v2.0 Table 43-12). */
const FRU_INVENTORY_DEVICE = 0x10;
/** Space the repository claims to have in all (Get SDR Repository Info free space = this minus what is used). */
const REPOSITORY_BYTES = 0x4000;

const bitsOf = (offsets: readonly number[]) => offsets.reduce((m, o) => m | (1 << o), 0);
const noSharing = { sensorDirection: 0, idInstanceModifierType: 0, shareCount: 1, entityInstanceSharing: false, idInstanceModifierOffset: 0 };

/** The Full (01h), Compact (02h) or Event-Only (03h) record of a sensor (v2.0 §43.1-§43.3). */
export function sensorRecord(s: SensorSpec, recordId: number): SdrRecord {
  const key = { ownerId: BMC_SA, sensorNumber: s.number, entityId: s.entityId, entityInstance: { logical: false, instance: s.entityInstance } };
  const sh = s.share;
  // A shared record carries its first sensor's number and entity instance and the base ID string.
  const sharing = sh
    ? { sensorDirection: 0, idInstanceModifierType: sh.modifierType, shareCount: sh.count, entityInstanceSharing: sh.entityInstances, idInstanceModifierOffset: sh.offset }
    : noSharing;
  const idString = sh ? sh.baseName : s.name;
  if (s.record === 'eventOnly')
    return { kind: 'eventOnly', recordId, ...key, ownerLun: { channel: 0, fruOwnerLun: 0, lun: 0 }, sensorType: s.sensorType, eventReadingType: s.eventReadingType, sharing, reserved: undefined, oem: 0, idString };
  const a = s.analog;
  const init = {
    settable: false,
    initScanning: true,
    initEvents: true,
    initThresholds: !!a?.readable.length,
    initHysteresis: !!a,
    initSensorType: true,
    eventGenerationEnabled: true,
    scanningEnabled: true,
  };
  const common = { ...key, ownerLun: { channel: 0, lun: 0 }, sensorInitialization: init, sensorType: s.sensorType, eventReadingType: s.eventReadingType };
  if (!a) {
    return {
      kind: 'compact',
      recordId,
      ...common,
      sensorCapabilities: { ignoreSensor: false, autoRearm: true, hysteresisSupport: 0, thresholdAccess: 0, eventMessageControl: 0 },
      assertionMask: bitsOf(s.assertionEvents),
      deassertionMask: bitsOf(s.deassertionEvents),
      readingMask: bitsOf(s.discrete?.readable ?? []),
      // Discrete sensors report states, no analog reading (v2.0 Table 43-2 byte 21 [7:6] = 11b).
      units: { analogDataFormat: AnalogDataFormat.noAnalogReading, rateUnit: 0, modifierUnit: 0, percentage: false },
      baseUnit: 0,
      modifierUnitCode: 0,
      sharing,
      positiveHysteresis: 0,
      negativeHysteresis: 0,
      reserved: undefined,
      oem: 0,
      idString,
    };
  }
  const p = { ...a.factors, linearization: a.linearization, analogDataFormat: a.format };
  const raw = (v: number | undefined) => (v === undefined ? 0 : valueToRaw(v, p));
  const masks = sdrThresholdMasks({ readable: a.readable, settable: a.settable });
  const range = rawRange(a.format);
  const t = a.thresholds;
  return {
    kind: 'full',
    recordId,
    ...common,
    sensorCapabilities: {
      ignoreSensor: false,
      autoRearm: true,
      // 2 = readable and settable (v2.0 Table 43-1 byte 12).
      hysteresisSupport: 2,
      thresholdAccess: a.settable.length ? 2 : a.readable.length ? 1 : 0,
      eventMessageControl: 0,
    },
    ...masks,
    units: { analogDataFormat: a.format, rateUnit: a.units.rate, modifierUnit: a.units.modifierOp, percentage: a.units.percentage },
    baseUnit: a.units.base,
    modifierUnitCode: a.units.modifier,
    linearization: a.linearization,
    factors: { m: a.factors.m, tolerance: a.tolerance, b: a.factors.b, accuracy: a.accuracy, accuracyExp: a.accuracyExp, sensorDirection: 0, rExp: a.factors.rExp, bExp: a.factors.bExp },
    analogFlags: { normalMinSpecified: a.normalMin !== undefined, normalMaxSpecified: a.normalMax !== undefined, nominalSpecified: a.nominal !== undefined },
    nominalReading: raw(a.nominal),
    normalMaximum: raw(a.normalMax),
    normalMinimum: raw(a.normalMin),
    sensorMaximum: signedToRaw(range.max, a.format),
    sensorMinimum: signedToRaw(range.min, a.format),
    thresholds: {
      upperNonRecoverable: raw(t.upperNonRecoverable),
      upperCritical: raw(t.upperCritical),
      upperNonCritical: raw(t.upperNonCritical),
      lowerNonRecoverable: raw(t.lowerNonRecoverable),
      lowerCritical: raw(t.lowerCritical),
      lowerNonCritical: raw(t.lowerNonCritical),
    },
    positiveHysteresis: valueToHysteresis(a.hysteresis.positive, p),
    negativeHysteresis: valueToHysteresis(a.hysteresis.negative, p),
    reserved: undefined,
    oem: 0,
    idString: s.name,
  };
}

/**
 * The records a profile's BMC serves, in the order real BMCs keep them (sensors, then locators,
 * then entity associations; the Dell and Intel captures cited in profiles/ do the same), with
 * record IDs from 1.
 */
export function buildSdrRecords(profile: ProfileSpec): SdrRecord[] {
  const out: SdrRecord[] = [];
  const id = () => out.length + 1;
  // The other sensors of a shared record are in their first sensor's record.
  for (const s of profile.sensors ?? []) if (!s.share || s.share.index === 0) out.push(sensorRecord(s, id()));
  for (const f of profile.fru ?? [])
    out.push({
      kind: 'fruDeviceLocator',
      recordId: id(),
      deviceAccessAddress: BMC_SA,
      fruDeviceId: f.id,
      access: { logical: true, accessLun: 0, privateBusId: 0 },
      channel: 0,
      reserved: undefined,
      deviceType: FRU_INVENTORY_DEVICE,
      deviceTypeModifier: 0,
      fruEntityId: f.entityId,
      fruEntityInstance: f.entityInstance,
      oem: 0,
      idString: f.name,
    });
  const sdr = profile.sdr;
  const caps = profile.identity.capabilities ?? PROFILE_DEFAULTS.capabilities;
  out.push({
    kind: 'mcDeviceLocator',
    recordId: id(),
    deviceSlaveAddress: BMC_SA,
    channel: 0,
    powerStateAndInit: {
      acpiSystemPowerStateNotification: false,
      acpiDevicePowerStateNotification: false,
      staticController: false,
      controllerLogsInitAgentErrors: false,
      logInitAgentErrors: false,
      eventMessageGeneration: 0,
    },
    capabilities: { ...caps },
    reserved: undefined,
    entityId: sdr?.mcEntity[0] ?? 0x07,
    entityInstance: { logical: false, instance: sdr?.mcEntity[1] ?? 1 },
    oem: 0,
    idString: sdr?.mcName ?? (profile.identity.productName ?? 'BMC').slice(0, 16),
  });
  for (const a of sdr?.entityAssociations ?? []) {
    const contained = a.contained.map(([entityId, instance]) => ({ entityId, instance }));
    while (contained.length < 4) contained.push({ entityId: 0, instance: 0 });
    out.push({
      kind: 'entityAssociation',
      recordId: id(),
      containerEntityId: a.container[0],
      containerEntityInstance: a.container[1],
      flags: { range: a.range, linked: false, presenceSensorAlwaysAccessible: false },
      contained,
    });
  }
  return out;
}

/**
 * The SDR repository (v2.0 §33): encoded records, read by ID (0000h first, FFFFh last), and the
 * reservation that partial reads need. A new reservation cancels the old one, and so does any
 * change to the records (replace(), for the control API), as v2.0 §33.11 says.
 */
export class SdrRepository {
  private readonly records = new RecordList();
  private readonly reservation = new Reservation();
  /** Get Device SDR has its own reservation (Reserve Device SDR Repository, v2.0 §35.4). */
  private readonly deviceReservation = new Reservation();
  /** Seconds (SEL-style timestamps) of the last change; unspecified = never. */
  lastAddition = TIMESTAMP_UNSPECIFIED;
  lastErase = TIMESTAMP_UNSPECIFIED;

  constructor(
    records: readonly SdrRecord[],
    private readonly clock: Clock,
  ) {
    this.records.reset(records.map((r) => encodeSdr(r)));
    this.lastAddition = Math.floor(clock.now() / 1000);
  }

  get count(): number {
    return this.records.length;
  }
  get bytesUsed(): number {
    return this.records.all().reduce((n, r) => n + r.length, 0);
  }
  get freeSpace(): number {
    return Math.max(0, REPOSITORY_BYTES - this.bytesUsed);
  }
  all(): readonly Buffer[] {
    return this.records.all();
  }
  get(id: number): { record: Buffer; nextId: number } | undefined {
    return this.records.get(id);
  }
  reserve(): number {
    return this.reservation.reserve();
  }
  reserved(id: number): boolean {
    return this.reservation.holds(id);
  }
  reserveDevice(): number {
    return this.deviceReservation.reserve();
  }
  deviceReserved(id: number): boolean {
    return this.deviceReservation.holds(id);
  }
  /** The record ID of a sensor's record (DCMI sensor info), by sensor number. */
  recordIdOf(sensorNumber: number): number | undefined {
    // Full, compact and event-only records keep the sensor number at byte 7 (v2.0 Tables 43-1..43-3).
    const r = this.records.all().find((b) => b[3] >= 0x01 && b[3] <= 0x03 && b[7] === sensorNumber);
    return r?.readUInt16LE(0);
  }

  /** New contents (control API, profile reload): cancels the reservation in force. */
  replace(records: readonly SdrRecord[]): void {
    this.records.reset(records.map((r) => encodeSdr(r)));
    this.reservation.cancel();
    this.deviceReservation.cancel();
    this.lastAddition = Math.floor(this.clock.now() / 1000);
  }
}
