import type { Codec } from '../../fields';
import { asciiz, bits, bits16le, bytes, map, rest, struct, u16le, u8 } from '../../fields';
import { ParameterTable, parameter, setInProgress } from '../app/config-parameters';

/** Parameter revision in every Get LAN Configuration Parameters response (v2.0 §23.2). */
export const LAN_PARAM_REVISION = 0x11;

/** "a.b.c.d" <-> 4 bytes, MS byte first (network order). */
export const ipv4: Codec<string> = map(
  bytes(4),
  (b) => [...b].join('.'),
  (s) => {
    const parts = s.split('.').map(Number);
    if (parts.length !== 4 || parts.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) throw new RangeError(`not an IPv4 address: ${s}`);
    return Buffer.from(parts);
  },
);
/** "aa:bb:cc:dd:ee:ff" <-> 6 bytes. */
export const mac: Codec<string> = map(
  bytes(6),
  (b) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(':'),
  (s) => {
    const parts = s.split(/[:-]/);
    if (parts.length !== 6 || parts.some((p) => !/^[0-9a-fA-F]{2}$/.test(p))) throw new RangeError(`not a MAC address: ${s}`);
    return Buffer.from(parts.map((p) => parseInt(p, 16)));
  },
);

/** Authentication type bits (v2.0 §22.13 / Table 23-4 parameters 1 and 2). */
export const authTypeBits = bits({ oem: [5, 1], password: [4, 1], md5: [2, 1], md2: [1, 1], none: [0, 1] });
export type AuthTypeSet = ReturnType<typeof authTypeBits.read>;

/** IP address source, parameter 4 [3:0]. */
export const IpSource = { unspecified: 0, static: 1, dhcp: 2, bios: 3, other: 4 } as const;

/**
 * Parameter 24: byte 1 reserved, then one privilege nibble per cipher suite ID 0-15, ID 0 in the
 * low nibble of byte 2; 0 = unused. Indexed by ID, not by position in parameter 23: FreeIPMI
 * 1.6 reads it so (its note: "index at [id] not [i]"), and ipmitool 1.8.19 prints the nibbles
 * as "the 15 fixed cipher suites". Suites 16 and up have no nibble.
 */
const cipherSuitePrivileges: Codec<number[]> = map(
  struct({ reserved: u8, levels: bytes(8) }),
  (v) => [...v.levels].flatMap((b) => [b & 0x0f, b >> 4]),
  (levels) => {
    if (levels.length !== 16) throw new RangeError(`16 privilege levels needed, got ${levels.length}`);
    const out = Buffer.alloc(8);
    for (let i = 0; i < 16; i++) out[i >> 1] |= (levels[i] & 0x0f) << ((i & 1) * 4);
    return { reserved: 0, levels: out };
  },
);

/** v2.0 §23.1, Table 23-4, LAN Configuration Parameters (the ones emulated; others answer 80h). */
export const LanParam = {
  setInProgress: parameter(0, 'Set In Progress', setInProgress),
  authTypeSupport: parameter(1, 'Authentication Type Support', authTypeBits, true),
  authTypeEnables: parameter(
    2,
    'Authentication Type Enables',
    struct({ callback: authTypeBits, user: authTypeBits, operator: authTypeBits, administrator: authTypeBits, oem: authTypeBits }),
  ),
  ipAddress: parameter(3, 'IP Address', ipv4),
  ipAddressSource: parameter(4, 'IP Address Source', bits({ source: [0, 4] })),
  macAddress: parameter(5, 'MAC Address', mac),
  subnetMask: parameter(6, 'Subnet Mask', ipv4),
  ipv4Header: parameter(
    7,
    'IPv4 Header Parameters',
    struct({ ttl: u8, flags: bits({ flags: [5, 3] }), service: bits({ precedence: [5, 3], tos: [1, 4] }) }),
  ),
  primaryRmcpPort: parameter(8, 'Primary RMCP Port Number', u16le),
  bmcArpControl: parameter(10, 'BMC-generated ARP control', bits({ arpResponses: [1, 1], gratuitousArp: [0, 1] })),
  gratuitousArpInterval: parameter(11, 'Gratuitous ARP interval', u8),
  defaultGateway: parameter(12, 'Default Gateway Address', ipv4),
  defaultGatewayMac: parameter(13, 'Default Gateway MAC Address', mac),
  backupGateway: parameter(14, 'Backup Gateway Address', ipv4),
  backupGatewayMac: parameter(15, 'Backup Gateway MAC Address', mac),
  communityString: parameter(16, 'Community String', asciiz(18)),
  destinationCount: parameter(17, 'Number of Destinations', bits({ count: [0, 4] }), true),
  // Byte 1 = ID bits [7:0]; byte 2 bit 7 = enabled, [3:0] = ID bits [11:8]: one LE word.
  vlanId: parameter(20, '802.1q VLAN ID', bits16le({ enabled: [15, 1], id: [0, 12] })),
  vlanPriority: parameter(21, '802.1q VLAN Priority', bits({ priority: [0, 3] })),
  cipherSuiteEntrySupport: parameter(22, 'RMCP+ Messaging Cipher Suite Entry Support', bits({ count: [0, 5] }), true),
  cipherSuiteEntries: parameter(
    23,
    'RMCP+ Messaging Cipher Suite Entries',
    map(
      struct({ reserved: u8, ids: rest(16) }),
      (v) => [...v.ids],
      (ids) => ({ reserved: 0, ids: Buffer.from(ids) }),
    ),
    true,
  ),
  cipherSuitePrivileges: parameter(24, 'RMCP+ Messaging Cipher Suite Privilege Levels', cipherSuitePrivileges),
} as const;
export const lanParameters = new ParameterTable(LanParam);
