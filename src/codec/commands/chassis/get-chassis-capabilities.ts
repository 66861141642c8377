import { defineCommand } from '../define';
import { bits, empty, optional, struct, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';

// v2.0 §28.1; Appendix G: User.
export const GetChassisCapabilities = defineCommand({
  name: 'Get Chassis Capabilities',
  netFn: NetFn.Chassis,
  cmd: 0x00,
  spec: 'v2.0 §28.1',
  privilege: 'user',
  request: empty,
  response: struct({
    flags: bits({ powerInterlock: [3, 1], diagnosticInterrupt: [2, 1], frontPanelLockout: [1, 1], intrusionSensor: [0, 1] }),
    fruDeviceAddress: u8,
    sdrDeviceAddress: u8,
    selDeviceAddress: u8,
    systemManagementDeviceAddress: u8,
    bridgeDeviceAddress: optional(u8),
  }),
});
