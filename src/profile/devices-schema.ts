import { CIPHER_SUITE_IDS, PATTERNS, PRIVILEGE_NAMES, overridesSchema } from './schema';
import { consoleSchema, powerHooksSchema } from './console';

/**
 * JSON Schema (draft-07, checked by ajv with its `discriminator` keyword) of devices/*.yaml: a
 * list of entries, each a device (`kind: sim | lan | serial`) or a `fleet:`. The field names are
 * those of device-types.ts; docs/devices.md describes each. What a schema cannot say (one
 * password source, port ranges, collisions) is checked in devices.ts.
 */

/** Patterns of the devices file, with the words used when a value does not match (load.ts). */
export const DEVICE_PATTERNS = {
  envName: { re: '^[A-Za-z_][A-Za-z0-9_]*$', text: 'must be an environment variable name (letters, digits and "_", not starting with a digit)' },
  addressRange: {
    re: `^${PATTERNS.ipv4.re.slice(1, -1)}-${PATTERNS.ipv4.re.slice(1, -1)}$`,
    text: 'must be a range of IPv4 addresses like 127.0.1.1-127.0.4.232',
  },
} as const;

export const DEVICE_KINDS = ['sim', 'lan', 'serial'] as const;

/**
 * The overrides schema is added to ajv under this id (load.ts) and referred to by `$ref` with
 * ajv's inlineRefs off, so it is compiled once, not at each place it appears; the same compiled
 * function checks each fleet member's expanded memberOverrides.
 */
export const OVERRIDES_SCHEMA_ID = 'bmcbridge:overrides';
export { overridesSchema };

type Schema = Record<string, unknown>;
const int = (minimum: number, maximum: number): Schema => ({ type: 'integer', minimum, maximum });
const text: Schema = { type: 'string', minLength: 1 };
const obj = (properties: Record<string, Schema>, required: string[] = []): Schema => ({
  type: 'object',
  properties,
  ...(required.length ? { required } : {}),
  additionalProperties: false,
});
const name: Schema = { type: 'string', pattern: PATTERNS.name.re, maxLength: 64 };
const port = int(1, 65535);
const baud = int(300, 921_600);
const serialMode: Schema = { enum: ['basic', 'terminal'] };
const privilege: Schema = { enum: PRIVILEGE_NAMES };

/** A secret given one of three ways: `<key>Env` (a variable's name), `<key>File` (a path), or `<key>` inline. */
const secret = (key: string): Record<string, Schema> => ({
  [key]: { type: 'string' },
  [`${key}Env`]: { type: 'string', pattern: DEVICE_PATTERNS.envName.re },
  [`${key}File`]: text,
});

/** Client timeouts (the client's RetryPolicy and request window). */
const retry: Record<string, Schema> = {
  timeoutMs: int(1, 600_000),
  retries: int(0, 20),
  backoff: { type: 'number', minimum: 1, maximum: 10 },
  maxInFlight: int(1, 32),
};

const simEntry = obj(
  {
    name,
    kind: { const: 'sim' },
    profile: text,
    lan: obj({ host: text, port: int(0, 65535) }, ['host', 'port']),
    serial: obj({ path: text, mode: serialMode, baud }, ['path', 'mode']),
    stateDir: text,
    overrides: { $ref: OVERRIDES_SCHEMA_ID },
    console: consoleSchema,
    powerHooks: powerHooksSchema,
  },
  ['name', 'kind', 'profile'],
);

const lanEntry = obj(
  {
    name,
    kind: { const: 'lan' },
    host: text,
    port,
    // v2.0 §22.28: user names are at most 16 bytes; "" is the null user.
    user: { type: 'string', pattern: PATTERNS.printable.re, maxLength: 16 },
    ...secret('password'),
    ...secret('kg'),
    interface: { enum: ['lanplus', 'lan'] },
    cipherSuite: { enum: ['auto', ...CIPHER_SUITE_IDS] },
    privilege,
    // The IPMI v1.5 authentication types the client implements.
    authType: { enum: ['none', 'md2', 'md5', 'password'] },
    keepaliveMs: int(0, 3_600_000),
    ...retry,
  },
  ['name', 'kind', 'host', 'user'],
);

const serialEntry = obj(
  {
    name,
    kind: { const: 'serial' },
    path: text,
    baud,
    mode: serialMode,
    user: { type: 'string', pattern: PATTERNS.printable.re, maxLength: 16 },
    ...secret('password'),
    ...secret('kg'),
    privilege,
    ...retry,
  },
  ['name', 'kind', 'path', 'mode'],
);

/** A fleet's listeners: consecutive ports on one host, or one port on consecutive addresses. */
const fleetLan: Schema = {
  type: 'object',
  if: { type: 'object', properties: { addressRange: {} }, required: ['addressRange'] },
  then: obj({ addressRange: { type: 'string', pattern: DEVICE_PATTERNS.addressRange.re }, port }, ['addressRange']),
  else: obj({ host: text, portStart: port }, ['host', 'portStart']),
};

/**
 * memberOverrides: a mapping whose strings are templates ("SRV{index:05}", "{ip:10.1.0.0}"), so
 * the overrides schema's patterns and lengths cannot apply before expansion. The loader checks
 * each member's expanded memberOverrides against the overrides schema instead (a problem is
 * reported once, naming the first member that has it).
 */
const memberOverridesSchema: Schema = { type: 'object' };

const fleetEntry = obj(
  {
    fleet: obj(
      {
        count: int(1, 65535),
        /** Name pattern with {index} or {index:0N}, e.g. rack1-bmc-{index:03}. */
        name: text,
        start: int(0, 65535),
        profile: text,
        lan: fleetLan,
        stateDir: text,
        overrides: { $ref: OVERRIDES_SCHEMA_ID },
        memberOverrides: memberOverridesSchema,
      },
      ['count', 'name', 'profile'],
    ),
  },
  ['fleet'],
);


export const devicesSchema: Schema = obj({
    /** Scenario files (docs/control.md) run at start: a path (from this file's directory) and the default device of their steps. */
    scenarios: { type: 'array', items: obj({ file: text, device: name }, ['file']) },
    devices: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        if: { type: 'object', properties: { fleet: {} }, required: ['fleet'] },
        then: fleetEntry,
        else: {
          type: 'object',
          properties: { kind: {} },
          required: ['kind'],
          discriminator: { propertyName: 'kind' },
          oneOf: [simEntry, lanEntry, serialEntry],
        },
      },
    },
  },
  ['devices'],
);

