import { entityName } from '../../codec/sensor/entities';
import { eventOffsetName, sensorTypeName } from '../../codec/sensor/sensor-types';
import { EventReadingType } from '../../codec/sensor/event-types';

/**
 * IPMI names as the Windows IPMI provider writes them. The codec's tables spell names as
 * ipmitool prints them; Windows follows the spec's text (v2.0 Tables 42-2, 42-3), which
 * differs in places. The MS-IPMIPrv LogRecord page shows three Captions:
 *   "Temperature Assert: Upper Non-critical - going high"   (ipmitool: "Upper Non-critical going high")
 *   "OS Stop / Shutdown Assert: OS Graceful Shutdown"       (ipmitool: "OS Critical Stop", "OS graceful shutdown")
 *   "OS Stop / Shutdown Assert: Run-time Critical Stop"     (ipmitool: "Run-time critical stop")
 * Those differences are applied here: the threshold offsets' " - " and sensor type 20h with its
 * offsets in the spec's words. Every other string is the codec's (ipmitool's) spelling; where
 * that differs from the spec in case or wording, so does our Caption (docs/cim-model.md).
 */
const SPEC_SENSOR_TYPES: Record<number, { name: string; offsets?: readonly string[] }> = {
  // v2.0 Table 42-3, sensor type 20h.
  0x20: {
    name: 'OS Stop / Shutdown',
    offsets: [
      'Critical stop during OS load / initialization',
      'Run-time Critical Stop',
      'OS Graceful Stop',
      'OS Graceful Shutdown',
      'Soft Shutdown initiated by PEF',
      'Agent Not Responding',
    ],
  },
};

/** The sensor type's name ("Temperature", "Power Supply", "OS Stop / Shutdown"). */
export function sensorTypeText(code: number): string {
  return SPEC_SENSOR_TYPES[code]?.name ?? sensorTypeName(code);
}

/** The name of an event/state offset, Windows spelling; undefined for OEM and undefined offsets. */
export function offsetText(eventReadingType: number, sensorType: number, offset: number): string | undefined {
  if (eventReadingType === EventReadingType.sensorSpecific && SPEC_SENSOR_TYPES[sensorType]?.offsets)
    return SPEC_SENSOR_TYPES[sensorType].offsets![offset];
  const s = eventOffsetName(eventReadingType, sensorType, offset);
  // v2.0 Table 42-2 writes the threshold offsets "Upper Non-critical - going high".
  return s && eventReadingType === EventReadingType.threshold ? s.replace(/ going (low|high)$/, ' - going $1') : s;
}

/** The entity's name ("Processor", "System Board"). */
export function entityText(id: number): string {
  return entityName(id);
}
