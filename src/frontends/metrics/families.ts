/**
 * The metric families of prometheus-community's ipmi_exporter, by the names its code emits
 * (not its docs: `ipmi_sel_logs_count`, not `ipmi_sel_entries_count`; `ipmi_dcmi_power_consumption_watts`,
 * not `..._current_watts`). Every family is a gauge. HELP texts are the exporter's, verbatim:
 * 1.6.1 output captured against ipmi_sim for the families 1.6.1 emits, upstream 1.8-1.10 for
 * the rest (drive/cooling fault 1.7, sel-events and bmc-watchdog 1.8, bmc_url). The
 * `ipmi_bmc_watchdog_current_countdown_seconds` HELP repeats "initial" as upstream does.
 *
 * `ipmi_collector_error` is ours (ipmi_exporter users asked why `ipmi_up` is 0, upstream #293).
 */
export interface FamilyDef {
  readonly help: string;
  /** Label names in the order samples carry them (the exposition sorts them). */
  readonly labels: readonly string[];
}

const sensor = ['id', 'name'] as const;
const state = (what: string) => `Reported state of a ${what} sensor (0=nominal, 1=warning, 2=critical).`;

export const FAMILIES = {
  ipmi_up: { help: "'1' if a scrape of the IPMI device was successful, '0' otherwise.", labels: ['collector'] },
  ipmi_scrape_duration_seconds: { help: 'Returns how long the scrape took to complete in seconds.', labels: [] },
  ipmi_collector_error: {
    help: "Why a collector failed (value 1, reason: timeout, deadline, auth, session, transport, unsupported, privilege, completion_code, protocol, overload, internal); absent when it succeeded.",
    labels: ['collector', 'reason'],
  },

  // collector "ipmi": one pair of series per sensor record (SDR types 01h/02h)
  ipmi_temperature_celsius: { help: 'Temperature reading in degree Celsius.', labels: sensor },
  ipmi_temperature_state: { help: state('temperature'), labels: sensor },
  ipmi_fan_speed_rpm: { help: 'Fan speed in rotations per minute.', labels: sensor },
  ipmi_fan_speed_ratio: { help: 'Fan speed as a proportion of the maximum speed.', labels: sensor },
  ipmi_fan_speed_state: { help: state('fan speed'), labels: sensor },
  ipmi_voltage_volts: { help: 'Voltage reading in Volts.', labels: sensor },
  ipmi_voltage_state: { help: state('voltage'), labels: sensor },
  ipmi_current_amperes: { help: 'Current reading in Amperes.', labels: sensor },
  ipmi_current_state: { help: state('current'), labels: sensor },
  ipmi_power_watts: { help: 'Power reading in Watts.', labels: sensor },
  ipmi_power_state: { help: state('power'), labels: sensor },
  ipmi_sensor_value: { help: 'Generic data read from an IPMI sensor of unknown type, relying on labels for context.', labels: ['id', 'name', 'type'] },
  ipmi_sensor_state: {
    help: 'Indicates the severity of the state reported by an IPMI sensor (0=nominal, 1=warning, 2=critical).',
    labels: ['id', 'name', 'type'],
  },

  // collector "bmc"
  ipmi_bmc_info: {
    help: "Constant metric with value '1' providing details about the BMC.",
    labels: ['firmware_revision', 'manufacturer_id', 'system_firmware_version', 'bmc_url'],
  },

  // collector "chassis"
  ipmi_chassis_power_state: { help: 'Current power state (1=on, 0=off).', labels: [] },
  ipmi_chassis_drive_fault_state: { help: 'Current drive fault state (1=false, 0=true).', labels: [] },
  ipmi_chassis_cooling_fault_state: { help: 'Current Cooling/fan fault state (1=false, 0=true).', labels: [] },

  // collector "dcmi"
  ipmi_dcmi_power_consumption_watts: { help: 'Current power consumption in Watts.', labels: [] },

  // collector "sel"
  ipmi_sel_logs_count: { help: 'Current number of log entries in the SEL.', labels: [] },
  ipmi_sel_free_space_bytes: { help: 'Current free space remaining for new SEL entries.', labels: [] },

  // collector "sel-events"
  ipmi_sel_events_count_by_name: { help: 'Current number of custom log entries in the SEL by name.', labels: ['name'] },
  ipmi_sel_events_count_by_state: { help: 'Current number of log entries in the SEL by state.', labels: ['state'] },
  ipmi_sel_events_latest_timestamp: { help: 'Latest timestamp of custom log entries in the SEL by name.', labels: ['name'] },

  // collector "bmc-watchdog"
  ipmi_bmc_watchdog_timer_state: { help: 'Watchdog timer running (1: running, 0: stopped)', labels: [] },
  ipmi_bmc_watchdog_timer_use_state: { help: 'Watchdog timer use (1: active, 0: inactive)', labels: ['name'] },
  ipmi_bmc_watchdog_logging_state: { help: 'Watchdog log flag (1: Enabled, 0: Disabled / note: reverse of freeipmi)', labels: [] },
  ipmi_bmc_watchdog_timeout_action_state: { help: 'Watchdog timeout action (1: active, 0: inactive)', labels: ['action'] },
  ipmi_bmc_watchdog_pretimeout_interrupt_state: { help: 'Watchdog pre-timeout interrupt (1: active, 0: inactive)', labels: ['interrupt'] },
  ipmi_bmc_watchdog_pretimeout_interval_seconds: { help: 'Watchdog pre-timeout interval in seconds', labels: [] },
  ipmi_bmc_watchdog_initial_countdown_seconds: { help: 'Watchdog initial countdown in seconds', labels: [] },
  ipmi_bmc_watchdog_current_countdown_seconds: { help: 'Watchdog initial countdown in seconds', labels: [] },

  // collector "sm-lan-mode"
  ipmi_config_lan_mode: { help: 'Returns configured LAN mode (0=dedicated, 1=shared, 2=failover).', labels: [] },
} as const satisfies Record<string, FamilyDef>;

export type FamilyName = keyof typeof FAMILIES;

/** One sample of a family. Label values are strings; the value may be NaN (a sensor reading "N/A"). */
export interface Sample {
  family: FamilyName;
  labels: Readonly<Record<string, string>>;
  value: number;
}

export function sample(family: FamilyName, value: number, labels: Record<string, string> = {}): Sample {
  return { family, labels, value };
}
