import { bits, struct, u8, ValueOf } from '../../fields';
import { bitField, entityInstance, idString, reserved } from './fields';

/** Management Controller Device Locator Record, type 12h (v2.0 §43.9, Table 43-8). */
export const mcDeviceLocatorBody = struct({
  /** Byte 6: [7:1] the controller's 7-bit I2C slave address, kept in 8-bit form (20h = BMC). */
  deviceSlaveAddress: u8,
  /** Byte 7: [3:0] channel number. */
  channel: bitField(0, 4, 'channel'),
  /**
   * Byte 8: ACPI power state notification and global initialization. eventMessageGeneration:
   * 0 enable event messages from the controller, 1 disable, 2 do not initialize.
   */
  powerStateAndInit: bits({
    acpiSystemPowerStateNotification: [7, 1],
    acpiDevicePowerStateNotification: [6, 1],
    /** [5] "static/dynamic controller", kept for backward compatibility (FreeIPMI: power_state_notification.controller). */
    staticController: [5, 1],
    controllerLogsInitAgentErrors: [3, 1],
    logInitAgentErrors: [2, 1],
    eventMessageGeneration: [0, 2],
  }),
  /** Byte 9: device capabilities, the same bits as Get Device ID's additional device support. */
  capabilities: bits({
    chassis: [7, 1],
    bridge: [6, 1],
    ipmbEventGenerator: [5, 1],
    ipmbEventReceiver: [4, 1],
    fru: [3, 1],
    sel: [2, 1],
    sdrRepository: [1, 1],
    sensor: [0, 1],
  }),
  reserved: reserved(3),
  entityId: u8,
  entityInstance,
  oem: u8,
  idString,
});
export type McDeviceLocatorBody = ValueOf<typeof mcDeviceLocatorBody>;
