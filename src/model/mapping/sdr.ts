import { idInstanceModifier, isSensorRecord, SdrRecord, SensorSdr, FullSensorRecord } from '../../codec/records/sdr';
import { typedTextString } from '../../codec/records/text';
import type { SensorAddress } from '../sources/types';
import { makeScale, Scale } from './numeric';
import { cimRateUnits, cimUnit } from './units';

/** The BMC's IPMB slave address, 8-bit form (v2.0 §5.5: 20h). */
export const BMC_ADDRESS = 0x20;
/** Event/reading type 01h: threshold (v2.0 §42.1, Table 42-1). */
export const THRESHOLD_TYPE = 0x01;
/** Units 1 [7:6] = 11b: no analog reading (v2.0 Table 43-1 byte 21). */
const NO_ANALOG = 3;
/** Sensor Capabilities [3:2] threshold access (v2.0 Table 43-1 byte 12). */
const ThresholdAccess = { none: 0, readable: 1, settable: 2, fixed: 3 } as const;

/** One sensor as the SDRs describe it, with what the CIM mapping needs precomputed. */
export interface SensorDef {
  address: SensorAddress;
  /** `<sensor number>.<owner LUN>.<owner ID>` in decimal (MS-IPMIPrv: "52.0.32"). */
  deviceId: string;
  /** ID string, with the instance modifier of a shared record. */
  name: string;
  record: SensorSdr;
  sensorType: number;
  eventReadingType: number;
  entityId: number;
  entityInstance: number;
  /** Get Sensor Reading applies (full and compact records; not event-only ones). */
  readable: boolean;
  /** IPMI base unit code and percentage flag (full and compact records). */
  unit?: { base: number; percentage: boolean; modifierCode: number; modifierUse: number; rate: number };
  /** Present for threshold sensors with an analog reading: published as NumericSensor. */
  numeric?: NumericDef;
}

export interface NumericDef {
  sdr: FullSensorRecord;
  scale: Scale;
  baseUnits: number;
  rateUnits: number;
  /** Threshold masks, bit 0 LNC, 1 LC, 2 LNR, 3 UNC, 4 UC, 5 UNR (SDR bytes 19 and 20). */
  readableMask: number;
  settableMask: number;
  /** Get Sensor Thresholds applies (threshold access readable or settable). */
  thresholdsReadable: boolean;
  /** The thresholds are fixed and only in the SDR (threshold access 11b). */
  thresholdsFixed: boolean;
}

export function sensorAddressId(a: SensorAddress): string {
  return `${a.sensorNumber}.${a.lun}.${a.ownerId}`;
}

/**
 * The sensors of an SDR repository, in record order. Compact and event-only records with a
 * share count describe several sensors (v2.0 §43.2, Table 43-2 bytes 24-25): numbers and
 * (optionally) entity instances count up, and the ID string gets the instance modifier,
 * numeric or alphabetic, as ipmitool prints it.
 */
export function sensorDefs(sdrs: readonly SdrRecord[]): SensorDef[] {
  const out: SensorDef[] = [];
  for (const rec of sdrs) {
    if (!isSensorRecord(rec)) continue;
    const baseName = typedTextString(rec.idString);
    const share = rec.kind === 'full' ? undefined : rec.sharing;
    const count = share ? Math.max(1, share.shareCount) : 1;
    for (let i = 0; i < count; i++) {
      const address = { ownerId: rec.ownerId, lun: rec.ownerLun.lun, sensorNumber: rec.sensorNumber + i };
      const name = count > 1 && share ? baseName + idInstanceModifier(share.idInstanceModifierType, share.idInstanceModifierOffset + i) : baseName;
      const entityInstance = rec.entityInstance.instance + (share?.entityInstanceSharing ? i : 0);
      const def: SensorDef = {
        address,
        deviceId: sensorAddressId(address),
        name,
        record: rec,
        sensorType: rec.sensorType,
        eventReadingType: rec.eventReadingType,
        entityId: rec.entityId,
        entityInstance,
        readable: rec.kind !== 'eventOnly',
      };
      if (rec.kind !== 'eventOnly')
        def.unit = {
          base: rec.baseUnit,
          percentage: rec.units.percentage,
          modifierCode: rec.modifierUnitCode,
          modifierUse: rec.units.modifierUnit,
          rate: rec.units.rateUnit,
        };
      if (rec.kind === 'full' && rec.eventReadingType === THRESHOLD_TYPE && rec.units.analogDataFormat !== NO_ANALOG)
        def.numeric = numericDef(rec);
      out.push(def);
    }
  }
  return out;
}

function numericDef(rec: FullSensorRecord): NumericDef {
  const unit = cimUnit(rec.baseUnit, rec.units.percentage);
  const access = rec.sensorCapabilities.thresholdAccess;
  return {
    sdr: rec,
    scale: makeScale({
      m: rec.factors.m,
      b: rec.factors.b,
      k1: rec.factors.bExp,
      k2: rec.factors.rExp,
      analogDataFormat: rec.units.analogDataFormat,
      linearization: rec.linearization,
      unitPow10: unit.pow10,
    }),
    baseUnits: unit.baseUnits,
    rateUnits: cimRateUnits(rec.units.rateUnit),
    readableMask: access === ThresholdAccess.none ? 0 : rec.readingMask & 0x3f,
    settableMask: access === ThresholdAccess.settable ? (rec.readingMask >> 8) & 0x3f : 0,
    thresholdsReadable: access === ThresholdAccess.readable || access === ThresholdAccess.settable,
    thresholdsFixed: access === ThresholdAccess.fixed,
  };
}

/**
 * FRU devices to read: FRU 0 (the BMC's own, v2.0 §34) and every logical FRU device behind the
 * BMC named by a FRU Device Locator record (v2.0 §43.8). Devices on private buses or behind
 * other controllers are not reachable through Read FRU Data on the BMC and are skipped.
 */
export function fruDeviceIds(sdrs: readonly SdrRecord[]): number[] {
  const ids = new Set<number>([0]);
  for (const r of sdrs)
    if (r.kind === 'fruDeviceLocator' && r.access.logical && r.deviceAccessAddress === BMC_ADDRESS) ids.add(r.fruDeviceId);
  return [...ids];
}

/** The SDR FRU locator for a FRU device id, if any. */
export function fruLocator(sdrs: readonly SdrRecord[] | undefined, id: number) {
  return sdrs?.find((r) => r.kind === 'fruDeviceLocator' && r.access.logical && r.fruDeviceId === id) as
    | Extract<SdrRecord, { kind: 'fruDeviceLocator' }>
    | undefined;
}
