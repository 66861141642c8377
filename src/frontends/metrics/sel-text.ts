import { eventOffsetName } from '../../codec/sensor/sensor-types';
import type { SelRecord } from '../../codec/records/sel';

/**
 * The text a `sel_events` regex is matched against: the event's offset name (ipmitool's
 * spelling, from codec/sensor), "OEM event" for OEM records and OEM event/reading types.
 * ipmi_exporter matches FreeIPMI's ipmi-sel event column, whose spelling differs in places
 * ("Correctable memory error" vs "Correctable ECC"): docs/metrics.md lists this.
 */
export function selEventText(rec: SelRecord): string {
  if (rec.kind !== 'system') return 'OEM event';
  const offset = rec.eventData1 & 0x0f;
  return eventOffsetName(rec.eventDirType.eventType, rec.sensorType, offset) ?? (rec.eventDirType.eventType >= 0x70 ? 'OEM event' : `Unknown event offset ${offset}`);
}
