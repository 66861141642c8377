import { bits, struct, u8, ValueOf } from '../../fields';
import { bitField, idString, reserved } from './fields';

/**
 * FRU Device Locator Record, type 11h (v2.0 §43.8, Table 43-7). A logical FRU device is read
 * through the controller with Read FRU Data; a non-intelligent one sits on a private bus.
 */
export const fruDeviceLocatorBody = struct({
  /** Byte 6: [7:1] slave address of the controller that gives access, 8-bit form (e.g. 20h). */
  deviceAccessAddress: u8,
  /** Byte 7: the FRU Device ID (logical), or [7:1] the device's 7-bit I2C slave address (non-intelligent). */
  fruDeviceId: u8,
  access: bits({ logical: [7, 1], accessLun: [3, 2], privateBusId: [0, 3] }),
  /** Byte 9: [7:4] channel number. */
  channel: bitField(4, 4, 'channel'),
  reserved: reserved(1),
  /** Device type (v2.0 Table 43-12): 10h = FRU inventory device behind a management controller. */
  deviceType: u8,
  deviceTypeModifier: u8,
  fruEntityId: u8,
  fruEntityInstance: u8,
  oem: u8,
  idString,
});
export type FruDeviceLocatorBody = ValueOf<typeof fruDeviceLocatorBody>;
