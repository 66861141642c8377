import { defineCommand } from '../define';
import { bits, struct, u16le } from '../../fields';
import { NetFn } from '../../message/netfn';

// v2.0 §24.4, Table 24-5; Appendix G: User.
export const GetPayloadActivationStatus = defineCommand({
  name: 'Get Payload Activation Status',
  netFn: NetFn.App,
  cmd: 0x4a,
  spec: 'v2.0 §24.4, Table 24-5',
  privilege: 'user',
  request: struct({ payload: bits({ type: [0, 6] }) }),
  response: struct({
    /** How many instances of the type can be active at once (Dell M605/M610 send 0; FreeIPMI reads it as 1). */
    capacity: bits({ instances: [0, 4] }),
    /** Bit n = instance n + 1 is active (bytes 3-4, instance 1 in bit 0 of byte 3). */
    active: u16le,
  }),
});
