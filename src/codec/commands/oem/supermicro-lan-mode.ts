import { defineCommand } from '../define';
import { optional, struct, u8 } from '../../fields';

/** Supermicro's OEM NetFn (30h requests, 31h responses). */
export const SUPERMICRO_NETFN = 0x30;
/** Sub-function of command 70h that reads and writes the LAN interface mode. */
export const SUPERMICRO_LAN_MODE_SUB = 0x0c;
/** Byte 2: 00h get, 01h set. */
export const SupermicroLanModeOp = { get: 0, set: 1 } as const;
/** The LAN interface mode: the dedicated BMC port, the shared (onboard) LAN port, or failover between them. */
export const SupermicroLanMode = { dedicated: 0, shared: 1, failover: 2 } as const;

/**
 * Supermicro "LAN interface mode" (OEM NetFn 30h, command 70h, sub-function 0Ch), as Supermicro
 * documents it for its X9-X12 boards and as ipmi_exporter's sm-lan-mode collector sends it
 * (`ipmi-raw 0x0 0x30 0x70 0x0c 0`): get is `0C 00` and answers the mode byte, set is `0C 01
 * MODE` and answers nothing. Not an IPMI specification command; a BMC whose profile has no
 * `lan.supermicroLanMode` answers C1h, as other vendors' BMCs do.
 */
export const SupermicroLanModeCommand = defineCommand({
  name: 'Supermicro LAN Interface Mode',
  netFn: SUPERMICRO_NETFN,
  cmd: 0x70,
  spec: 'Supermicro OEM (NetFn 30h, 70h, sub-function 0Ch)',
  // Reading is open to User (ipmi_exporter's modules log in as User); setting needs Administrator (the handler checks).
  privilege: 'user',
  request: struct({ sub: u8, op: u8, mode: optional(u8) }),
  response: struct({ mode: optional(u8) }),
});
