import { CIPHER_SUITES } from '../codec/session/algorithms';
import { Privilege } from '../codec/message/netfn';
import { hardwareProperties } from './hardware-schema';

/**
 * JSON Schema (draft-07, checked by ajv) of profiles/*.yaml (devices/*.yaml: devices-schema.ts). Field names
 * are those of the frozen specs in types.ts. Every object is closed: an unknown field is an
 * error, so a typo never silently falls back to a default.
 */

/** Patterns with the words used when a value does not match (see load.ts). */
export const PATTERNS = {
  guid: { re: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$', text: 'must be a GUID like 01234567-89ab-cdef-0123-456789abcdef' },
  ipv4: { re: '^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$', text: 'must be an IPv4 address like 192.0.2.10' },
  mac: { re: '^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$', text: 'must be a MAC address like 52:54:00:12:34:56' },
  name: { re: '^[A-Za-z0-9][A-Za-z0-9._-]*$', text: 'must be letters, digits, ".", "_" or "-", starting with a letter or digit' },
  printable: { re: '^[\\x20-\\x7e]*$', text: 'must be printable ASCII' },
} as const;

type Schema = Record<string, unknown>;
const int = (minimum: number, maximum: number): Schema => ({ type: 'integer', minimum, maximum });
const bool: Schema = { type: 'boolean' };
const str = (maxLength?: number): Schema => (maxLength === undefined ? { type: 'string' } : { type: 'string', maxLength });
const pattern = (p: keyof typeof PATTERNS, extra: Schema = {}): Schema => ({ type: 'string', pattern: PATTERNS[p].re, ...extra });
const obj = (properties: Record<string, Schema>, required: string[] = []): Schema => ({
  type: 'object',
  properties,
  ...(required.length ? { required } : {}),
  additionalProperties: false,
});
const ms = int(0, 3_600_000);

export const PRIVILEGE_NAMES = Object.keys(Privilege) as (keyof typeof Privilege)[];
export const CIPHER_SUITE_IDS = CIPHER_SUITES.map((s) => s.id);

export const profileSchema: Schema = obj(
  {
    description: str(),
    identity: obj(
      {
        deviceId: int(0, 255),
        deviceRevision: int(0, 15),
        providesSdrs: bool,
        firmwareMajor: int(0, 127),
        firmwareMinor: int(0, 99),
        manufacturerId: int(0, 0xfffff),
        productId: int(0, 0xffff),
        auxFirmware: { type: 'array', items: int(0, 255), minItems: 4, maxItems: 4 },
        guid: pattern('guid'),
        systemGuid: pattern('guid'),
        manufacturerName: str(64),
        productName: str(64),
        systemFirmwareVersion: str(254),
        systemName: str(254),
        capabilities: obj({
          sensor: bool,
          sdrRepository: bool,
          sel: bool,
          fru: bool,
          ipmbEventReceiver: bool,
          ipmbEventGenerator: bool,
          bridge: bool,
          chassis: bool,
        }),
      },
      ['manufacturerId', 'productId'],
    ),
    users: {
      type: 'array',
      items: obj(
        {
          id: int(1, 63),
          name: pattern('printable', { maxLength: 16 }),
          password: str(20),
          privilege: { enum: PRIVILEGE_NAMES },
          enabled: bool,
        },
        ['name', 'password', 'privilege'],
      ),
    },
    maxUsers: int(10, 63),
    lan: obj({
      ipAddress: pattern('ipv4'),
      ipSource: { enum: ['static', 'dhcp', 'bios', 'other'] },
      macAddress: pattern('mac'),
      subnetMask: pattern('ipv4'),
      defaultGateway: pattern('ipv4'),
      defaultGatewayMac: pattern('mac'),
      backupGateway: pattern('ipv4'),
      backupGatewayMac: pattern('mac'),
      communityString: pattern('printable', { maxLength: 18 }),
      vlanId: int(0, 4094),
      supermicroLanMode: { enum: ['dedicated', 'shared', 'failover'] },
      vlanPriority: int(0, 7),
    }),
    security: obj({
      cipherSuites: { type: 'array', items: { enum: CIPHER_SUITE_IDS }, minItems: 1, uniqueItems: true },
      allowCipherZero: bool,
      allowAnonymous: bool,
      authTypes: { type: 'array', items: { enum: ['none', 'md2', 'md5', 'password'] }, uniqueItems: true },
      kg: str(20),
      maxSessions: int(1, 63),
      sessionTimeoutSec: int(1, 86_400),
    }),
    powerOnDelayMs: ms,
    initialPower: { enum: ['on', 'off'] },
    powerCycleIntervalMs: ms,
    softOffDelayMs: ms,
    powerRestorePolicy: { enum: ['always-off', 'previous', 'always-on'] },
    ...hardwareProperties,
  },
  ['identity'],
);

/** The profile schema with nothing required: what a device's `overrides` may contain. */
export const overridesSchema: Schema = withoutRequired(profileSchema);

// devices/*.yaml: devices-schema.ts.

function withoutRequired(s: unknown): Schema {
  if (Array.isArray(s)) return s.map(withoutRequired) as unknown as Schema;
  if (typeof s !== 'object' || s === null) return s as Schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(s)) if (k !== 'required') out[k] = withoutRequired(v);
  return out;
}
