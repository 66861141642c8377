import type { AnyCommandDef } from '../define';
import { SetEventReceiver, EVENT_RECEIVER_DISABLED } from './set-event-receiver';
import { GetEventReceiver } from './get-event-receiver';
import { PlatformEventMessage } from './platform-event-message';
import type { PlatformEvent } from './platform-event-message';
import { GetDeviceSdrInfo } from './get-device-sdr-info';
import { GetDeviceSdr } from './get-device-sdr';
import { ReserveDeviceSdrRepository } from './reserve-device-sdr-repository';
import { GetSensorReadingFactors } from './get-sensor-reading-factors';
import { SetSensorHysteresis, HYSTERESIS_MASK } from './set-sensor-hysteresis';
import { GetSensorHysteresis } from './get-sensor-hysteresis';
import { SetSensorThresholds } from './set-sensor-thresholds';
import { GetSensorThresholds } from './get-sensor-thresholds';
import { SetSensorEventEnable, EventEnableAction } from './set-sensor-event-enable';
import { GetSensorEventEnable } from './get-sensor-event-enable';
import { RearmSensorEvents } from './rearm-sensor-events';
import { GetSensorEventStatus } from './get-sensor-event-status';
import { GetSensorReading } from './get-sensor-reading';

export * from './fields';
export type { PlatformEvent };
export {
  SetEventReceiver,
  EVENT_RECEIVER_DISABLED,
  GetEventReceiver,
  PlatformEventMessage,
  GetDeviceSdrInfo,
  GetDeviceSdr,
  ReserveDeviceSdrRepository,
  GetSensorReadingFactors,
  SetSensorHysteresis,
  HYSTERESIS_MASK,
  GetSensorHysteresis,
  SetSensorThresholds,
  GetSensorThresholds,
  SetSensorEventEnable,
  EventEnableAction,
  GetSensorEventEnable,
  RearmSensorEvents,
  GetSensorEventStatus,
  GetSensorReading,
};

/** Every sensor/event command definition (NetFn 04h); one file per command beside this one. */
export const sensor_eventCommands: readonly AnyCommandDef[] = [
  SetEventReceiver,
  GetEventReceiver,
  PlatformEventMessage,
  GetDeviceSdrInfo,
  GetDeviceSdr,
  ReserveDeviceSdrRepository,
  GetSensorReadingFactors,
  SetSensorHysteresis,
  GetSensorHysteresis,
  SetSensorThresholds,
  GetSensorThresholds,
  SetSensorEventEnable,
  GetSensorEventEnable,
  RearmSensorEvents,
  GetSensorEventStatus,
  GetSensorReading,
];
