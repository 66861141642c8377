/**
 * Sensor and SEL event severities as FreeIPMI interprets them by default, which is what
 * ipmi_exporter's `*_state` values and `ipmi_sel_events_count_by_state` carry (it runs
 * ipmimonitoring / ipmi-sel with FreeIPMI's interpretation). The defaults are those listed in
 * FreeIPMI 1.6.10's freeipmi_interpret_sensor.conf and freeipmi_interpret_sel.conf (Debian 12);
 * offsets are the spec's (v2.0 §42.1, Table 42-2 generic; §42.2, Table 42-3 sensor-specific).
 *
 * Notable: a threshold sensor at or beyond a *non-critical* threshold is Nominal, so state 1
 * (warning) never comes from threshold sensors (measured: ipmi_sim FAN3 below LNC exports
 * `ipmi_fan_speed_state 0`, Exhaust Temp above UC exports 2).
 */
export type Severity = 'Nominal' | 'Warning' | 'Critical';
const LETTER: Record<string, Severity> = { N: 'Nominal', W: 'Warning', C: 'Critical' };
const RANK: Record<Severity, number> = { Nominal: 0, Warning: 1, Critical: 2 };

/**
 * Key `<sensor type>:<event/reading type>` in hex ('*' = any sensor type); one letter per
 * state: index 0 is "no event asserted", index n + 1 is offset n. N nominal, W warning, C critical.
 */
const SENSOR: Record<string, string> = {
  '*:01': 'NNCCNCC', // IPMI_Threshold_Sensor
  '01:03': 'NNW', // IPMI_Temperature_State
  '01:05': 'NNC', // IPMI_Temperature_Limit
  '01:07': 'NNWCCWCCWN', // IPMI_Temperature_Transition_Severity
  '02:03': 'NNW', // IPMI_Voltage_State
  '02:05': 'NNC', // IPMI_Voltage_Limit
  '02:06': 'NNC', // IPMI_Voltage_Performance
  '02:07': 'NNWCCWCCWN', // IPMI_Voltage_Transition_Severity
  '03:07': 'NNWCCWCCWN', // IPMI_Current_Transition_Severity
  '04:03': 'NNW', // IPMI_Fan_State
  '04:07': 'NNWCCWCCWN', // IPMI_Fan_Transition_Severity
  '04:08': 'NCN', // IPMI_Fan_Device_Present
  '04:0a': 'NNWWWWWCWC', // IPMI_Fan_Transition_Availability
  '04:0b': 'NNCWCCCWW', // IPMI_Fan_Redundancy
  '05:6f': 'NCCCCCCC', // IPMI_Physical_Security
  '06:6f': 'NCCCCCC', // IPMI_Platform_Security_Violation_Attempt
  '07:6f': 'NCCCCCCCNCCWCW', // IPMI_Processor
  '07:03': 'NNC', // IPMI_Processor_State
  '08:6f': 'NNCCCCCCW', // IPMI_Power_Supply
  '08:03': 'NNW', // IPMI_Power_Supply_State
  '08:07': 'NNWCCWCCWN', // IPMI_Power_Supply_Transition_Severity
  '08:0b': 'NNCWCCCWW', // IPMI_Power_Supply_Redundancy
  '09:6f': 'NNNWWCCCC', // IPMI_Power_Unit
  '09:03': 'NNW', // IPMI_Power_Unit_State
  '09:07': 'NNWCCWCCWN', // IPMI_Power_Unit_Transition_Severity
  '09:08': 'NCN', // IPMI_Power_Unit_Device_Present
  '09:0b': 'NNCWCCCWW', // IPMI_Power_Unit_Redundancy
  '0a:0b': 'NNCWCCCWW', // IPMI_Cooling_Device_Redundancy
  '0c:6f': 'NWCCCCWNCNWC', // IPMI_Memory
  '0c:03': 'NNC', // IPMI_Memory_State
  '0c:07': 'NNWCCWCCWN', // IPMI_Memory_Transition_Severity
  '0c:0b': 'NNCWCCCWW', // IPMI_Memory_Redundancy
  '0d:6f': 'NNCCNNCCNC', // IPMI_Drive_Slot
  '0d:03': 'NWN', // IPMI_Drive_Slot_State
  '0d:04': 'NNC', // IPMI_Drive_Slot_Predictive_Failure
  '0d:07': 'NNWCCWCCWN', // IPMI_Drive_Slot_Transition_Severity
  '0d:08': 'NCN', // IPMI_Drive_Slot_Device_Present
  '0e:03': 'NNW', // IPMI_POST_Memory_Resize_State
  '0f:6f': 'NCCN', // IPMI_System_Firmware_Progress
  '0f:03': 'NNW', // IPMI_System_Firmware_Progress_State
  '0f:08': 'NCN', // IPMI_System_Firmware_Progress_Device_Present
  '0f:07': 'NNWCCWCCWN', // IPMI_System_Firmware_Progress_Transition_Severity
  '10:6f': 'NCCNCCWC', // IPMI_Event_Logging_Disabled
  '12:6f': 'NWNCNNW', // IPMI_System_Event
  '12:02': 'NNNN', // IPMI_System_Event_Transition_State
  '12:03': 'NNW', // IPMI_System_Event_State
  '12:07': 'NNWCCWCCWN', // IPMI_System_Event_Transition_Severity
  '13:6f': 'NCCCWCCCWCCCW', // IPMI_Critical_Interrupt
  '14:6f': 'NNNNWW', // IPMI_Button_Switch
  '14:03': 'NNN', // IPMI_Button_Switch_State
  '14:07': 'NNWCCWCCWN', // IPMI_Button_Switch_Transition_Severity
  '15:03': 'NNC', // IPMI_Module_Board_State
  '15:08': 'NCN', // IPMI_Module_Board_Device_Present
  '18:07': 'NNWCCWCCWN', // IPMI_Chassis_Transition_Severity
  '19:07': 'NNWCCWCCWN', // IPMI_Chip_Set_Transition_Severity
  '1b:6f': 'NNC', // IPMI_Cable_Interconnect
  '1b:07': 'NNWCCWCCWN', // IPMI_Cable_Interconnect_Transition_Severity
  '1e:6f': 'NCCCCW', // IPMI_Boot_Error
  '1e:03': 'NNC', // IPMI_Boot_Error_State
  '1e:07': 'NNWCCWCCWN', // IPMI_Boot_Error_Transition_Severity
  '1f:6f': 'NNNNNNNWNNWC', // IPMI_OS_Boot
  '20:03': 'NNC', // IPMI_OS_Critical_Stop_State
  '21:6f': 'NCWNNNNWWWN', // IPMI_Slot_Connector
  '21:07': 'NNWCCWCCWN', // IPMI_Slot_Connector_Transition_Severity
  '22:6f': 'NNNNNNNNNNNNNNCC', // IPMI_System_ACPI_Power_State
  '23:6f': 'NWCCCNNNNW', // IPMI_Watchdog2
  '24:03': 'NNC', // IPMI_Platform_Alert_State
  '25:6f': 'NNCC', // IPMI_Entity_Presence
  '25:08': 'NCN', // IPMI_Entity_Presence_Device_Present
  '28:6f': 'NCCCCCC', // IPMI_Management_Subsystem_Health
  '28:07': 'NNWCCWCCWN', // IPMI_Management_Subsystem_Health_Transition_Severity
  '28:08': 'NCN', // IPMI_Management_Subsystem_Health_Device_Present
  '29:6f': 'NWCN', // IPMI_Battery
  '2a:6f': 'NNNWC', // IPMI_Session_Audit
  '2b:6f': 'NWWCCCCNN', // IPMI_Version_Change
  '2c:6f': 'NCCWWNWWC', // IPMI_FRU_State
};

/**
 * Key as above; one pair per offset n (no "no event" entry): the severity when the event was
 * asserted, then when it was deasserted (v2.0 Table 32-1 byte 13 [7]).
 */
const SEL: Record<string, string> = {
  '*:01': 'WN NN CW WW CC CC NN WN WW CW CC CC', // IPMI_Threshold_Sensor
  '01:03': 'NN WW', // IPMI_Temperature_State
  '01:05': 'NN CC', // IPMI_Temperature_Limit
  '01:07': 'NN WW CC CC WW CC CC WW NN', // IPMI_Temperature_Transition_Severity
  '02:03': 'NN WW', // IPMI_Voltage_State
  '02:05': 'NN CC', // IPMI_Voltage_Limit
  '02:06': 'NN CW', // IPMI_Voltage_Performance
  '02:07': 'NN WW CC CC WW CC CC WW NN', // IPMI_Voltage_Transition_Severity
  '03:07': 'NN WW CC CC WW CC CC WW NN', // IPMI_Current_Transition_Severity
  '04:03': 'NN WW', // IPMI_Fan_State
  '04:07': 'NN WW CC CC WW CC CC WW NN', // IPMI_Fan_Transition_Severity
  '04:08': 'CC NN', // IPMI_Fan_Device_Present
  '04:0a': 'NN WW WW WW WW WW CW WW CC', // IPMI_Fan_Transition_Availability
  '04:0b': 'NN CW WW CW CW CW WW WW', // IPMI_Fan_Redundancy
  '05:6f': 'CC CC CC CC CC CC CC', // IPMI_Physical_Security
  '06:6f': 'CC CC CC CC CC CC', // IPMI_Platform_Security_Violation_Attempt
  '07:6f': 'CC CC CC CC CC CC CC NN CC CC WW CC WW', // IPMI_Processor
  '07:03': 'NN CC', // IPMI_Processor_State
  '08:6f': 'NN CC CC CW CW CW CC WW', // IPMI_Power_Supply
  '08:03': 'NN WW', // IPMI_Power_Supply_State
  '08:07': 'NN WW CC CC WW CC CC WW NN', // IPMI_Power_Supply_Transition_Severity
  '08:0b': 'NN CW WW CW CW CW WW WW', // IPMI_Power_Supply_Redundancy
  '09:6f': 'NN NN WN WW CW CC CC CC', // IPMI_Power_Unit
  '09:03': 'NN WW', // IPMI_Power_Unit_State
  '09:07': 'NN WW CC CC WW CC CC WW NN', // IPMI_Power_Unit_Transition_Severity
  '09:08': 'CC NN', // IPMI_Power_Unit_Device_Present
  '09:0b': 'NN CW WW CW CW CW WW WW', // IPMI_Power_Unit_Redundancy
  '0a:0b': 'NN CW WW CW CW CW WW WW', // IPMI_Cooling_Device_Redundancy
  '0c:6f': 'WW CC CC CC CC WW NN CC NN WW CC', // IPMI_Memory
  '0c:03': 'NN CC', // IPMI_Memory_State
  '0c:07': 'NN WW CC CC WW CC CC WW NN', // IPMI_Memory_Transition_Severity
  '0c:0b': 'NN CW WW CW CW CW WW WW', // IPMI_Memory_Redundancy
  '0d:6f': 'NN CC CC NN NN CC CC NN CC', // IPMI_Drive_Slot
  '0d:03': 'WW NN', // IPMI_Drive_Slot_State
  '0d:04': 'NN CC', // IPMI_Drive_Slot_Predictive_Failure
  '0d:07': 'NN WW CC CC WW CC CC WW NN', // IPMI_Drive_Slot_Transition_Severity
  '0d:08': 'CC NN', // IPMI_Drive_Slot_Device_Present
  '0e:03': 'NN WW', // IPMI_POST_Memory_Resize_State
  '0f:6f': 'CC CC NN', // IPMI_System_Firmware_Progress
  '0f:03': 'NN WW', // IPMI_System_Firmware_Progress_State
  '0f:08': 'CC NN', // IPMI_System_Firmware_Progress_Device_Present
  '0f:07': 'NN WW CC CC WW CC CC WW NN', // IPMI_System_Firmware_Progress_Transition_Severity
  '10:6f': 'CC CC NN CC CC WW CC', // IPMI_Event_Logging_Disabled
  '12:6f': 'WW NN CC NN NN WW', // IPMI_System_Event
  '12:02': 'NN NN NN', // IPMI_System_Event_Transition_State
  '12:03': 'NN WW', // IPMI_System_Event_State
  '12:07': 'NN WW CC CC WW CC CC WW NN', // IPMI_System_Event_Transition_Severity
  '13:6f': 'CC CC CC WW CC CC CC WW CC CC CC WW', // IPMI_Critical_Interrupt
  '14:6f': 'NN NN NN WW WW', // IPMI_Button_Switch
  '14:03': 'NN NN', // IPMI_Button_Switch_State
  '14:07': 'NN WW CC CC WW CC CC WW NN', // IPMI_Button_Switch_Transition_Severity
  '15:03': 'NN CC', // IPMI_Module_Board_State
  '15:08': 'CC NN', // IPMI_Module_Board_Device_Present
  '18:07': 'NN WW CC CC WW CC CC WW NN', // IPMI_Chassis_Transition_Severity
  '19:6f': 'CC CC', // IPMI_Chip_Set
  '19:07': 'NN WW CC CC WW CC CC WW NN', // IPMI_Chip_Set_Transition_Severity
  '1b:6f': 'NN CC', // IPMI_Cable_Interconnect
  '1b:07': 'NN WW CC CC WW CC CC WW NN', // IPMI_Cable_Interconnect_Transition_Severity
  '1d:6f': 'NN NN NN NN NN WW WW NN', // IPMI_System_Boot_Initiated
  '1e:6f': 'CC CC CC CC WW', // IPMI_Boot_Error
  '1e:03': 'NN CC', // IPMI_Boot_Error_State
  '1e:07': 'NN WW CC CC WW CC CC WW NN', // IPMI_Boot_Error_Transition_Severity
  '1f:6f': 'NN NN NN NN NN NN WW NN NN WW CC', // IPMI_OS_Boot
  '20:6f': 'CC CC WW WW WW CC', // IPMI_OS_Critical_Stop
  '20:03': 'NN CC', // IPMI_OS_Critical_Stop_State
  '21:6f': 'CC WW NN NN NN NN WW WW WW NN', // IPMI_Slot_Connector
  '21:07': 'NN WW CC CC WW CC CC WW NN', // IPMI_Slot_Connector_Transition_Severity
  '22:6f': 'NN NN NN NN NN NN NN NN NN NN NN NN NN CC CC', // IPMI_System_ACPI_Power_State
  '23:6f': 'WW CC CC CC NN NN NN NN WW', // IPMI_Watchdog2
  '24:6f': 'NN NN NN NN', // IPMI_Platform_Alert
  '24:03': 'NN CC', // IPMI_Platform_Alert_State
  '25:6f': 'NN CC CC', // IPMI_Entity_Presence
  '25:08': 'CC NN', // IPMI_Entity_Presence_Device_Present
  '27:6f': 'NN WW', // IPMI_LAN
  '28:6f': 'CC CC CC CC CC CC', // IPMI_Management_Subsystem_Health
  '28:07': 'NN WW CC CC WW CC CC WW NN', // IPMI_Management_Subsystem_Health_Transition_Severity
  '28:08': 'CC NN', // IPMI_Management_Subsystem_Health_Device_Present
  '29:6f': 'WW CC NN', // IPMI_Battery
  '2a:6f': 'NN NN WW CC', // IPMI_Session_Audit
  '2b:6f': 'WW WW CC CC CC CC NN NN', // IPMI_Version_Change
  '2c:6f': 'CC CC WW WW NN WW WW CC', // IPMI_FRU_State
};

function lookup(table: Record<string, string>, sensorType: number, eventType: number): string | undefined {
  const hex = (n: number) => n.toString(16).padStart(2, '0');
  return eventType === 0x01 ? table['*:01'] : table[`${hex(sensorType)}:${hex(eventType)}`];
}

/**
 * A sensor's state from its asserted bits (Get Sensor Reading bytes 4-5: threshold comparison
 * bits for event/reading type 01h, asserted offsets otherwise): the most severe asserted state,
 * the "no event" state when none is. Undefined when FreeIPMI has no interpretation for the
 * sensor type and event/reading type (OEM types, unlisted pairs): it prints N/A.
 * Asserted bits beyond the known offsets are ignored (ipmimonitoring --ignore-unrecognized-events).
 */
export function sensorSeverity(sensorType: number, eventType: number, states: number): Severity | undefined {
  const t = lookup(SENSOR, sensorType, eventType);
  if (t === undefined) return undefined;
  let worst: Severity | undefined;
  for (let offset = 0; offset + 1 < t.length; offset++) {
    if (!(states & (1 << offset))) continue;
    const s = LETTER[t[offset + 1]];
    if (worst === undefined || RANK[s] > RANK[worst]) worst = s;
  }
  return worst ?? LETTER[t[0]];
}

/** The severity of one SEL system event, or undefined when FreeIPMI has no interpretation for it. */
export function selEventSeverity(sensorType: number, eventType: number, offset: number, deassertion: boolean): Severity | undefined {
  const t = lookup(SEL, sensorType, eventType);
  const pair = t?.split(' ')[offset];
  return pair ? LETTER[pair[deassertion ? 1 : 0]] : undefined;
}

/** ipmi_exporter's state values: 0 nominal, 1 warning, 2 critical, NaN for N/A. */
export function severityValue(s: Severity | undefined): number {
  return s === undefined ? NaN : RANK[s];
}
