import { ActivatePayload } from '../../../../src/codec/commands/app';
import { describeCommand } from '../../../helpers/vectors';

const ipmitoolSol = { encryption: true, authentication: true, testMode: false, serialAlerts: 1, startupHandshake: true };

describeCommand(ActivatePayload, {
  request: [
    {
      name: 'ipmitool sol activate: SOL instance 1, encrypted, authenticated, alerts deferred, CTS/DCD deasserted until the console says so (C6h)',
      source: 'capture: ipmitool 1.8.19 against the bmcbridge virtual BMC (issue 9 SOL tests), request bytes as ipmitool sent them; lib/ipmi_sol.c sets C6h',
      hex: '01 01 c6 00 00 00',
      value: { payload: { type: 1 }, instance: { number: 1 }, sol: ipmitoolSol, reserved: Buffer.alloc(3) },
    },
    {
      name: 'pyghmi console: encrypted and authenticated, alerts fail, CTS/DCD asserted (C0h)',
      source: 'pyghmi 1.5.34 pyghmi/ipmi/console.py: raw_command(6, 0x48, (1, 1, 192, 0, 0, 0))',
      hex: '01 01 c0 00 00 00',
      value: { payload: { type: 1 }, instance: { number: 1 }, sol: { encryption: true, authentication: true, testMode: false, serialAlerts: 0, startupHandshake: false }, reserved: Buffer.alloc(3) },
    },
  ],
  response: [
    {
      name: 'payload sizes 255 both ways, UDP port 623 (26Fh, LS byte first), no VLAN (FFFFh)',
      source: 'v2.0 §24.1, Table 24-2 (response bytes 2-13)',
      hex: '00 00 00 00 ff 00 ff 00 6f 02 ff ff',
      value: { auxiliary: Buffer.alloc(4), inboundPayloadSize: 255, outboundPayloadSize: 255, udpPort: 623, vlan: 0xffff },
    },
  ],
  requestErrors: [{ name: 'no auxiliary data', hex: '01 01', reason: 'short' }],
  responseErrors: [{ name: 'no VLAN number', hex: '00 00 00 00 ff 00 ff 00 6f 02', reason: 'short' }],
});
