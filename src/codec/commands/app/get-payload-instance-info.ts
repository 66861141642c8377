import { defineCommand } from '../define';
import { bytes, struct, u32le, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';

// v2.0 §24.5, Table 24-6; Appendix G: User.
export const GetPayloadInstanceInfo = defineCommand({
  name: 'Get Payload Instance Info',
  netFn: NetFn.App,
  cmd: 0x4b,
  spec: 'v2.0 §24.5, Table 24-6',
  privilege: 'user',
  request: struct({ payloadType: u8, instance: u8 }),
  response: struct({
    /** The BMC's ID of the session the instance is active in; 0 = not active. */
    sessionId: u32le,
    /** SOL: the system serial port the instance uses (1-based); other types define their own byte. */
    portNumber: u8,
    reserved: bytes(7),
  }),
});
