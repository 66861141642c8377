import { CompletionCodeError, DecodeError } from '../../lib/errors';
import { completionText } from '../../codec/message/completion-codes';
import { decode, encode } from '../../codec/fields';
import { SUPERMICRO_LAN_MODE_SUB, SupermicroLanModeCommand, SupermicroLanModeOp } from '../../codec/commands/oem/supermicro-lan-mode';
import { EventReadingType } from '../../codec/sensor/event-types';
import { SensorType } from '../../codec/sensor/sensor-types';
import { isPreInitTimestamp, TIMESTAMP_UNSPECIFIED, type SelRecord } from '../../codec/records/sel';
import type { CollectorName, ModuleConfig } from './config';
import { sample, type FamilyName, type Sample } from './families';
import { exporterUnit, firmwareRevision, freeipmiManufacturer, freeipmiReading, freeipmiSensorTypeName } from './freeipmi';
import { selEventSeverity, sensorSeverity, severityValue } from './interpret';
import { selEventText } from './sel-text';
import type { MetricsDevice, SensorSample } from './source';

/**
 * The collectors of ipmi_exporter, each turning what one BMC answers into the samples the
 * corresponding ipmi_exporter collector emits for the same BMC. A collector either returns all
 * its samples or throws (then the scrape shows `ipmi_up{collector} 0` and no other series of it).
 */
export type Collector = (dev: MetricsDevice, module: ModuleConfig) => Promise<Sample[]>;

const NA = 'N/A';

/** ipmi_exporter's typed sensor families by ipmimonitoring unit: [value family, state family]. */
const TYPED: Record<string, [FamilyName, FamilyName]> = {
  C: ['ipmi_temperature_celsius', 'ipmi_temperature_state'],
  RPM: ['ipmi_fan_speed_rpm', 'ipmi_fan_speed_state'],
  V: ['ipmi_voltage_volts', 'ipmi_voltage_state'],
  A: ['ipmi_current_amperes', 'ipmi_current_state'],
  W: ['ipmi_power_watts', 'ipmi_power_state'],
};

export function sensorSamples(s: SensorSample): Sample[] {
  const value = s.value === undefined ? NaN : freeipmiReading(s.value);
  const state = s.states === undefined ? NaN : severityValue(sensorSeverity(s.sensorType, s.eventReadingType, s.states));
  const labels = { id: String(s.recordId), name: s.name };
  // ipmimonitoring prints units for threshold sensors only; discrete ones show "N/A".
  const unit = s.eventReadingType === EventReadingType.threshold ? exporterUnit(s.units) : 'other';
  const typed = TYPED[unit];
  if (typed) return [sample(typed[0], value, labels), sample(typed[1], state, labels)];
  if (unit === '%' && s.sensorType === SensorType.fan) {
    return [sample('ipmi_fan_speed_ratio', value / 100, labels), sample('ipmi_fan_speed_state', state, labels)];
  }
  const generic = { ...labels, type: freeipmiSensorTypeName(s.sensorType) };
  return [sample('ipmi_sensor_value', value, generic), sample('ipmi_sensor_state', state, generic)];
}

const ipmi: Collector = async (dev, module) => {
  const out: Sample[] = [];
  for (const s of await dev.sensors()) if (!module.excludeSensorIds.has(s.recordId)) out.push(...sensorSamples(s));
  return out;
};

/**
 * ipmi_exporter takes the version from bmc-info's line with `[0-9.]*` after the colon, so
 * "BIOS 2.4a" becomes "" and "2.4a (11/02/2023)" becomes "2.4" (measured against 1.6.1); "N/A"
 * when the BMC has no such parameter (bmc-info prints no line).
 */
export function exporterVersion(text: string | undefined): string {
  return text === undefined ? NA : /^[0-9.]*/.exec(text.trimStart())![0];
}

const bmc: Collector = async (dev) => {
  const [id, info] = await Promise.all([dev.deviceId(), dev.systemInfo()]);
  return [
    sample('ipmi_bmc_info', 1, {
      firmware_revision: firmwareRevision(id.firmware.major, id.firmwareMinor),
      manufacturer_id: freeipmiManufacturer(id.manufacturerId),
      system_firmware_version: exporterVersion(info.firmwareVersion),
      bmc_url: info.bmcUrl ?? NA,
    }),
  ];
};

const chassis: Collector = async (dev) => {
  const st = await dev.chassisStatus();
  return [
    sample('ipmi_chassis_power_state', st.power.on ? 1 : 0),
    sample('ipmi_chassis_drive_fault_state', st.misc.driveFault ? 0 : 1),
    sample('ipmi_chassis_cooling_fault_state', st.misc.coolingFault ? 0 : 1),
  ];
};

const dcmi: Collector = async (dev) => {
  const r = await dev.powerReading();
  return r.active ? [sample('ipmi_dcmi_power_consumption_watts', r.currentWatts)] : [];
};

const sel: Collector = async (dev) => {
  const info = await dev.selInfo();
  return [sample('ipmi_sel_logs_count', info.entries), sample('ipmi_sel_free_space_bytes', info.freeSpaceBytes)];
};

/** The SEL timestamp in seconds, or undefined when it is not a calendar time (v2.0 §37.1). */
function calendarTime(rec: SelRecord): number | undefined {
  if (rec.kind !== 'system' && rec.kind !== 'oemTimestamped') return undefined;
  return rec.timestamp === TIMESTAMP_UNSPECIFIED || isPreInitTimestamp(rec.timestamp) ? undefined : rec.timestamp;
}

const selEvents: Collector = async (dev, module) => {
  const byState = new Map<string, number>();
  const count = new Map(module.selEvents.map((m) => [m.name, 0]));
  const latest = new Map(module.selEvents.map((m) => [m.name, 0]));
  for (const rec of await dev.selRecords()) {
    const severity =
      rec.kind === 'system' ? selEventSeverity(rec.sensorType, rec.eventDirType.eventType, rec.eventData1 & 0x0f, rec.eventDirType.deassertion) : undefined;
    const state = severity ?? NA;
    byState.set(state, (byState.get(state) ?? 0) + 1);
    const text = selEventText(rec);
    for (const m of module.selEvents) {
      if (!m.regex.test(text)) continue;
      count.set(m.name, count.get(m.name)! + 1);
      const t = calendarTime(rec);
      if (t !== undefined && t > latest.get(m.name)!) latest.set(m.name, t);
    }
  }
  return [
    ...[...byState].map(([state, n]) => sample('ipmi_sel_events_count_by_state', n, { state })),
    ...[...count].map(([name, n]) => sample('ipmi_sel_events_count_by_name', n, { name })),
    ...[...latest].map(([name, t]) => sample('ipmi_sel_events_latest_timestamp', t, { name })),
  ];
};

/** bmc-watchdog's names for timer uses 1-5, timeout actions 0-3 and pre-timeout interrupts 0-3 (v2.0 §27.7). */
const TIMER_USES = ['BIOS FRB2', 'BIOS POST', 'OS LOAD', 'SMS/OS', 'OEM'];
const TIMEOUT_ACTIONS = ['None', 'Hard Reset', 'Power Down', 'Power Cycle'];
const PRETIMEOUT_INTERRUPTS = ['None', 'SMI', 'NMI / Diagnostic Interrupt', 'Messaging Interrupt'];

const bmcWatchdog: Collector = async (dev) => {
  const w = await dev.watchdog();
  return [
    sample('ipmi_bmc_watchdog_timer_state', w.use.running ? 1 : 0),
    ...TIMER_USES.map((name, i) => sample('ipmi_bmc_watchdog_timer_use_state', w.use.timerUse === i + 1 ? 1 : 0, { name })),
    sample('ipmi_bmc_watchdog_logging_state', w.use.dontLog ? 0 : 1),
    ...TIMEOUT_ACTIONS.map((action, i) => sample('ipmi_bmc_watchdog_timeout_action_state', w.actions.timeoutAction === i ? 1 : 0, { action })),
    ...PRETIMEOUT_INTERRUPTS.map((interrupt, i) =>
      sample('ipmi_bmc_watchdog_pretimeout_interrupt_state', w.actions.preTimeoutInterrupt === i ? 1 : 0, { interrupt }),
    ),
    sample('ipmi_bmc_watchdog_pretimeout_interval_seconds', w.preTimeoutIntervalSec),
    sample('ipmi_bmc_watchdog_initial_countdown_seconds', w.initialCountdown100ms / 10),
    sample('ipmi_bmc_watchdog_current_countdown_seconds', w.presentCountdown100ms / 10),
  ];
};

/**
 * Supermicro "Get LAN mode" (OEM NetFn 30h, command 70h, data 0Ch 00h), as ipmi_exporter sends
 * it through `ipmi-raw 0x0 0x30 0x70 0x0c 0`; the first data byte is the mode. Sent raw (the
 * device remembers a BMC that lacks it), with the bytes of the command's one declaration.
 */
const smLanMode: Collector = async (dev) => {
  const def = SupermicroLanModeCommand;
  const r = await dev.raw(def.netFn, def.cmd, encode(def.request, { sub: SUPERMICRO_LAN_MODE_SUB, op: SupermicroLanModeOp.get }));
  if (r.cc !== 0) throw new CompletionCodeError(r.cc, completionText(r.cc), def.name);
  // Bytes past the mode are ignored, as ipmi_exporter reads only the first.
  const { mode } = decode(def.response, r.data, def.name, true);
  if (mode === undefined) throw new DecodeError(def.name, 'short', 0);
  return [sample('ipmi_config_lan_mode', mode)];
};

export const COLLECTOR_IMPLS: Readonly<Record<CollectorName, Collector>> = {
  ipmi,
  bmc,
  'bmc-watchdog': bmcWatchdog,
  chassis,
  dcmi,
  sel,
  'sel-events': selEvents,
  'sm-lan-mode': smLanMode,
};

