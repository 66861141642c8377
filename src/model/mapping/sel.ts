import { encodeSel, parseEventData1, SelRecord, SystemEventRecord, TIMESTAMP_UNSPECIFIED } from '../../codec/records/sel';
import { EventReadingType } from '../../codec/sensor/event-types';
import { formatUnits } from '../../codec/sensor/units';
import { conversionParams, rawToValue } from '../../codec/sensor/conversion';
import { THRESHOLDS } from '../../codec/sensor/thresholds';
import type { CimValue } from '../types';
import { offsetSeverity } from './discrete';
import type { SensorDef } from './sdr';
import { sensorAddressId } from './sdr';
import { offsetText, sensorTypeText } from './texts';
import type { Health } from './status';

/**
 * SEL records -> LogRecord (research note cim-model.md §2.7; MS-IPMIPrv logrecord.md).
 * RecordFormat and RecordData are the strings IPMIPrv writes: '*'-delimited fields, bytes as
 * two-digit upper-case hex, space-separated, in record order (multi-byte fields keep their
 * LS-first wire order).
 */

// MS-IPMIPrv LogRecord Remarks, system event record (type 02h).
export const SYSTEM_RECORD_FORMAT =
  '*string CIM_Sensor.DeviceID*uint8[2] IPMI_RecordID*uint8 IPMI_RecordType*uint8[4] IPMI_Timestamp*uint8[2] IPMI_GeneratorID' +
  '*uint8 IPMI_EvMRev*uint8 IPMI_SensorType*uint8 IPMI_SensorNumber*boolean IPMI_AssertionEvent*uint8 IPMI_EventType' +
  '*uint8 IPMI_EventData1*uint8 IPMI_EventData2*uint8 IPMI_EventData3*';
// MS-IPMIPrv LogRecord Remarks, timestamped OEM record (C0h-DFh).
export const OEM_TIMESTAMPED_FORMAT =
  '*uint8[2] IPMI_RecordID*uint8 IPMI_RecordType*uint8[4] IPMI_Timestamp*uint8[3] IPMI_ManufacturerID*uint8[6] IPMI_OEMDefinedData*';
// Not documented by Microsoft: non-timestamped OEM records (E0h-FFh) and reserved types, in the same style [R].
export const OEM_NON_TIMESTAMPED_FORMAT = '*uint8[2] IPMI_RecordID*uint8 IPMI_RecordType*uint8[13] IPMI_OEMDefinedData*';
export const RESERVED_FORMAT = '*uint8[2] IPMI_RecordID*uint8 IPMI_RecordType*uint8[13] IPMI_RecordData*';

const hex = (b: Buffer): string => [...b].map((x) => x.toString(16).toUpperCase().padStart(2, '0')).join(' ');

/** The SEL record's timestamp as a Date; records without one get the epoch (it is a key, so never null). */
export function selTimestamp(rec: SelRecord): Date {
  const t = rec.kind === 'system' || rec.kind === 'oemTimestamped' ? rec.timestamp : TIMESTAMP_UNSPECIFIED;
  // FFFFFFFFh = unspecified (v2.0 §37.1). Pre-init times (<= 20000000h, seconds since BMC
  // initialisation) are published as they are, i.e. early 1970 (research note §2.7).
  return new Date(t === TIMESTAMP_UNSPECIFIED ? 0 : t * 1000);
}

/** The generating sensor's DeviceID: sensor number . LUN . generator ID low byte (slave address or software ID, 8-bit form). */
export function generatorDeviceId(rec: SystemEventRecord): string {
  return sensorAddressId({ sensorNumber: rec.sensorNumber, lun: (rec.generatorId >> 8) & 3, ownerId: rec.generatorId & 0xff });
}

export interface SelContext {
  /** Sensors of the device, to name the generating sensor. */
  sensors: readonly SensorDef[];
}

/** The event's text: the offset name (Windows spelling), or a placeholder for OEM/unknown offsets. */
function eventText(rec: SystemEventRecord): string {
  const { offset } = parseEventData1(rec.eventData1);
  const t = rec.eventDirType.eventType;
  if (t >= 0x70 && t <= 0x7f) return `OEM event type 0x${t.toString(16).padStart(2, '0')} offset 0x${offset.toString(16).padStart(2, '0')}`;
  return offsetText(t, rec.sensorType, offset) ?? `Unknown event offset 0x${offset.toString(16).padStart(2, '0')}`;
}

/** Severity of a system event: the threshold crossed, or the discrete offset's severity; deassertions are informational. */
export function eventSeverity(rec: SelRecord): Health {
  if (rec.kind !== 'system' || rec.eventDirType.deassertion) return 'ok';
  const { offset } = parseEventData1(rec.eventData1);
  if (rec.eventDirType.eventType === EventReadingType.threshold) {
    const t = THRESHOLDS[Math.floor(offset / 2) % 6];
    return t.endsWith('NonRecoverable') ? 'fatal' : t.endsWith('NonCritical') ? 'nonCritical' : 'critical';
  }
  return offsetSeverity(rec.eventDirType.eventType, rec.sensorType, offset);
}
/** CIM PerceivedSeverity (2.41 CIM_RecordForLog): 2 Information, 3 Degraded/Warning, 6 Critical, 7 Fatal. */
const PERCEIVED: Record<Health, number> = { ok: 2, nonCritical: 3, critical: 6, fatal: 7, unknown: 0, lost: 0, disabled: 2 };

export function logRecordProperties(rec: SelRecord, ctx: SelContext): Record<string, CimValue | undefined> {
  const b = encodeSel(rec);
  const id = hex(b.subarray(0, 2));
  const type = hex(b.subarray(2, 3));
  const common = { RecordID: String(rec.recordId), MessageTimestamp: selTimestamp(rec), PerceivedSeverity: PERCEIVED[eventSeverity(rec)] };
  if (rec.kind === 'system') {
    const devId = generatorDeviceId(rec);
    const sensor = ctx.sensors.find((s) => s.deviceId === devId);
    // The first field names the generating sensor "<ID string>(<DeviceID>)" ("SEL(114.0.32)").
    // A sensor without an SDR (ipmi_sim's event-only sensor 0, BIOS/OS generators) has no name: "(<DeviceID>)".
    const who = `${sensor?.name ?? ''}(${devId})`;
    const assertion = !rec.eventDirType.deassertion;
    const caption = `${sensorTypeText(rec.sensorType)} ${assertion ? 'Assert' : 'Deassert'}: ${eventText(rec)}`;
    return {
      ...common,
      Caption: caption,
      Description: `${who}: ${caption}${triggerText(rec, sensor)}`,
      RecordFormat: SYSTEM_RECORD_FORMAT,
      RecordData:
        `*${who}*${id}*${type}*${hex(b.subarray(3, 7))}*${hex(b.subarray(7, 9))}*${hex(b.subarray(9, 10))}` +
        `*${hex(b.subarray(10, 11))}*${hex(b.subarray(11, 12))}*${assertion}*${(b[12] & 0x7f).toString(16).toUpperCase().padStart(2, '0')}` +
        `*${hex(b.subarray(13, 14))}*${hex(b.subarray(14, 15))}*${hex(b.subarray(15, 16))}*`,
    };
  }
  if (rec.kind === 'oemTimestamped') {
    return {
      ...common,
      Caption: 'OEM SEL',
      Description: `OEM record type 0x${rec.recordType.toString(16).toUpperCase()}, manufacturer ${rec.manufacturerId}`,
      RecordFormat: OEM_TIMESTAMPED_FORMAT,
      // Byte for byte as the MS-IPMIPrv example: no '*' after the last field, although the format has one.
      RecordData: `*${id}*${type}*${hex(b.subarray(3, 7))}*${hex(b.subarray(7, 10))}*${hex(b.subarray(10, 16))}`,
    };
  }
  const oem = rec.kind === 'oemNonTimestamped';
  return {
    ...common,
    Caption: oem ? 'OEM SEL' : 'Invalid SEL',
    Description: `${oem ? 'OEM' : 'Reserved'} record type 0x${rec.recordType.toString(16).toUpperCase()}`,
    RecordFormat: oem ? OEM_NON_TIMESTAMPED_FORMAT : RESERVED_FORMAT,
    RecordData: `*${id}*${type}*${hex(b.subarray(3, 16))}`,
  };
}

/**
 * "; reading 90 > threshold 85 degrees C" for threshold events whose event data 2/3 carry the
 * trigger reading and threshold (Event Data 1 [7:6] = 01b and [5:4] = 01b, v2.0 Table 29-6),
 * converted with the sensor's SDR, as `ipmitool sel elist` prints it.
 */
function triggerText(rec: SystemEventRecord, sensor: SensorDef | undefined): string {
  const ed1 = parseEventData1(rec.eventData1);
  if (rec.eventDirType.eventType !== EventReadingType.threshold || ed1.byte2 !== 1 || ed1.byte3 !== 1 || !sensor?.numeric) return '';
  const params = conversionParams(sensor.numeric.sdr);
  const f = (raw: number) => String(Number((rawToValue(raw, params) ?? NaN).toPrecision(6)));
  const goingHigh = (ed1.offset & 1) === 1;
  const cmp = goingHigh === !rec.eventDirType.deassertion ? '>' : '<';
  const rec0 = sensor.record;
  const unit = rec0.kind === 'eventOnly' ? '' : ` ${formatUnits({ percentage: rec0.units.percentage, modifierUnit: rec0.units.modifierUnit, baseUnit: rec0.baseUnit, modifierUnitCode: rec0.modifierUnitCode })}`;
  return `; reading ${f(rec.eventData2)} ${cmp} threshold ${f(rec.eventData3)}${unit}`;
}
