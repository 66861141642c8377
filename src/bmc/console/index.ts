import type { ConsoleSpec } from '../../profile/console-types';
import { EventReadingType, SensorType } from '../../codec/sensor';
import type { VirtualBmc } from '../device';
import { bootDeviceName } from '../state/power-hooks';
import type { ConsoleBackend } from './backend';
import { CommandBackend } from './command';
import { PtyBackend } from './pty';
import { OsEvent, SimulatedBackend, SimulatedHost } from './simulated';
import { SocketBackend } from './socket';

export { DeviceConsole } from './console';
export type { ConsoleListener } from './console';
export type { ConsoleBackend } from './backend';
export { SimulatedBackend } from './simulated';
export type { SimulatedHost, OsEvent } from './simulated';

/**
 * OS events are logged as system software would log them through a Platform Event Message:
 * generator ID 0041h (software ID 20h, "system management software", v2.0 §5.5, Table 5-4),
 * sensor-specific event type 6Fh, no sensor of their own in the SDRs (number 00h).
 */
export const OS_EVENT_GENERATOR = 0x0041;
export const OS_EVENT_SENSOR_NUMBER = 0x00;
/** v2.0 Table 42-3: sensor type and offset of each OS event. */
const OS_EVENTS: Record<OsEvent, { sensorType: number; offset: number }> = {
  /** 1Fh offset 01h, "C: boot completed" (the simulated system always ends up booting its disk). */
  'boot-completed': { sensorType: SensorType.osBoot, offset: 0x01 },
  /** 20h offset 01h, "Run-time critical stop" (a kernel panic). */
  'critical-stop': { sensorType: SensorType.osCriticalStop, offset: 0x01 },
  /** 20h offset 03h, "OS graceful shutdown". */
  'graceful-shutdown': { sensorType: SensorType.osCriticalStop, offset: 0x03 },
};

/** The simulated system's view of its BMC. */
export function simulatedHost(bmc: VirtualBmc, baud: () => number): SimulatedHost {
  return {
    clock: bmc.clock,
    log: bmc.log.child({ console: 'simulated' }),
    name: bmc.name,
    isOn: () => bmc.chassis.isOn,
    onEvent: (fn) => bmc.events.on(fn),
    powerOff: () => bmc.chassis.powerDown('soft-shutdown', 0),
    bootDevice: () => bootDeviceName(bmc.firmwareBootFlags ?? bmc.boot.flags()),
    osEvent: (e) => {
      const ev = OS_EVENTS[e];
      bmc.logEvent(
        { sensorType: ev.sensorType, sensorNumber: OS_EVENT_SENSOR_NUMBER, eventType: EventReadingType.sensorSpecific, deassertion: false, data: [ev.offset, 0xff, 0xff] },
        OS_EVENT_GENERATOR,
      );
    },
    identity: () => {
      const id = bmc.profile.identity;
      return {
        manufacturer: id.manufacturerName ?? 'bmcbridge',
        product: id.productName ?? 'Virtual Server',
        firmware: `${id.firmwareMajor}.${String(id.firmwareMinor).padStart(2, '0')}`,
        mac: bmc.profile.lan.macAddress,
      };
    },
    baud,
  };
}

/** The back end a console spec names. */
export function createBackend(spec: ConsoleSpec, bmc: VirtualBmc, baud: () => number): ConsoleBackend {
  const log = bmc.log.child({ console: spec.kind });
  switch (spec.kind) {
    case 'simulated':
      return new SimulatedBackend(spec, simulatedHost(bmc, baud));
    case 'socket':
      return new SocketBackend(spec, bmc.clock, log);
    case 'pty':
      return new PtyBackend(spec, bmc.clock, log);
    case 'command':
      return new CommandBackend(spec, bmc.clock, log);
  }
}
