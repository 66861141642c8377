import fs from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import {
  Context,
  LoadOptions,
  RawProfile,
  Source,
  buildProfile,
  checkProfile,
  compiled,
  deepFreeze,
  deepMerge,
  derivedGuid,
  hardwareContext,
  has,
  profileId,
  schemaProblems,
  securityWarnings,
} from './load';
import { RawPowerHooks, buildConsole, buildPowerHooks } from './console';
import { MemberVars, Template, compileTemplate, compileTree, derivedMac, intToIpv4, parseAddressRange } from './fleet';
import type { DeviceSpec, Inventory, LanDeviceSpec, ScenarioRef, SerialDeviceSpec, SimDeviceSpec } from './types';

/**
 * Loads a devices file (docs/devices.md): schema (devices-schema.ts), then per entry the rules a
 * schema cannot say: one source per secret, secrets resolved from the environment or a file,
 * fleets expanded, and names, UDP endpoints, serial lines and state directories claimed by one
 * device each. Every problem is collected and thrown together (ConfigErrors); what loads but
 * deserves a word at start-up comes back as warnings. No problem or warning quotes a secret.
 */

export interface LoadDevicesOptions extends LoadOptions {
  /** A device without `stateDir` keeps its state in `<stateRoot>/<name>`; no stateRoot = memory only. */
  stateRoot?: string;
  /** Where `passwordEnv` and `kgEnv` are looked up (default process.env). */
  env?: Record<string, string | undefined>;
}

/** Every device of a devices file, fleets expanded, and the warnings to print at start-up. */
export function loadInventory(file: string, opts: LoadDevicesOptions = {}): Inventory {
  const ctx = new Context(opts.profilesDir);
  const devFile = path.resolve(file);
  const src = ctx.read(devFile);
  if (!src) ctx.throwIfAny();
  const ok = ctx.validate(src!, compiled().devices);
  const raw = src!.value as { devices?: RawEntry[] };
  const loader = new DevicesLoader(ctx, src!, opts);
  (Array.isArray(raw?.devices) ? raw.devices : []).forEach((e, i) => {
    if (ok.has(`/devices/${i}`)) loader.entry(e, i);
  });
  loader.identityWarnings();
  const scenarios = scenarioRefs(ctx, src!, loader.devices);
  ctx.throwIfAny();
  return deepFreeze({ file: devFile, devices: loader.devices, warnings: ctx.warnings, scenarios });
}

/**
 * The scenario files of a devices file, from its directory. Their contents are checked when
 * they start (frontends/control), against the running devices; here: that they exist, and that
 * a device they name is a virtual BMC of this file.
 */
function scenarioRefs(ctx: Context, src: Source, devices: readonly DeviceSpec[]): ScenarioRef[] {
  const list = (src.value as { scenarios?: unknown } | null)?.scenarios;
  if (!Array.isArray(list)) return [];
  const sims = new Set(devices.filter((d) => d.kind === 'sim').map((d) => d.name));
  // After a problem the devices may not all be loaded: a name missing from them proves nothing.
  const checkDevices = ctx.count() === 0;
  return list.flatMap((s: { file?: unknown; device?: unknown }, i) => {
    if (typeof s?.file !== 'string') return [];
    const file = path.resolve(path.dirname(src.file), s.file);
    if (!fs.existsSync(file)) {
      ctx.problem(src, `/scenarios/${i}/file`, `scenario file not found: ${file}`);
      return [];
    }
    if (checkDevices && typeof s.device === 'string' && !sims.has(s.device)) {
      ctx.problem(src, `/scenarios/${i}/device`, `no virtual BMC "${s.device}" in this file`);
      return [];
    }
    return [{ file, ...(typeof s.device === 'string' ? { device: s.device } : {}) }];
  });
}

/**
 * The virtual BMCs of a devices file (sim devices and fleet members), for callers that run
 * them; `lan` and `serial` devices and the warnings are in loadInventory's result.
 */
export function loadDevicesFile(file: string, opts: LoadDevicesOptions = {}): SimDeviceSpec[] {
  return loadInventory(file, opts).devices.filter((d): d is SimDeviceSpec => d.kind === 'sim');
}

/** A copy of a device spec with every password and K_g (at any depth) replaced by "[redacted]", for logs. */
export function redactDevice(d: DeviceSpec): unknown {
  return redact({ ...d });
}

const REDACTED = '[redacted]';
const SECRET_KEYS = new Set(['password', 'kg']);
function redact(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(redact);
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = SECRET_KEYS.has(k) && typeof x === 'string' && x !== '' ? REDACTED : redact(x);
  return out;
}

/** JSON.stringify (pino) and util.inspect (console.log) of a device spec show no secret; spreading it copies neither hook. */
function guarded<T extends DeviceSpec>(d: T): T {
  Object.defineProperty(d, 'toJSON', { value: () => redactDevice(d), enumerable: false });
  Object.defineProperty(d, inspect.custom, { value: (_depth: number, o: object) => inspect(redactDevice(d), o), enumerable: false });
  return d;
}

interface SecretFields {
  user?: string;
  password?: string;
  passwordEnv?: string;
  passwordFile?: string;
  kg?: string;
  kgEnv?: string;
  kgFile?: string;
}
interface Retry {
  timeoutMs?: number;
  retries?: number;
  backoff?: number;
  maxInFlight?: number;
}
interface RawSim {
  name: string;
  kind: 'sim';
  profile: string;
  lan?: { host: string; port: number };
  serial?: { path: string; mode: 'basic' | 'terminal'; baud?: number };
  stateDir?: string;
  overrides?: Record<string, unknown>;
  console?: Parameters<typeof buildConsole>[0];
  powerHooks?: RawPowerHooks;
}
interface RawLan extends SecretFields, Retry {
  name: string;
  kind: 'lan';
  host: string;
  port?: number;
  user: string;
  interface?: 'lanplus' | 'lan';
  cipherSuite?: number | 'auto';
  privilege?: LanDeviceSpec['privilege'];
  authType?: LanDeviceSpec['authType'];
  keepaliveMs?: number;
}
interface RawSerial extends SecretFields, Retry {
  name: string;
  kind: 'serial';
  path: string;
  baud?: number;
  mode: 'basic' | 'terminal';
  privilege?: SerialDeviceSpec['privilege'];
}
interface RawFleet {
  fleet: {
    count: number;
    name: string;
    start?: number;
    profile: string;
    lan?: { host: string; portStart: number } | { addressRange: string; port?: number };
    stateDir?: string;
    overrides?: Record<string, unknown>;
    memberOverrides?: Record<string, unknown>;
  };
}
type RawEntry = RawSim | RawLan | RawSerial | RawFleet;

export const DEFAULT_LAN_PORT = 623;
export const DEFAULT_BAUD = 115_200;
// v2.0 §22.29 (Set User Password): 20-byte passwords for IPMI v2.0, 16 bytes for v1.5 sessions.
const MAX_PASSWORD_V20 = 20;
const MAX_PASSWORD_V15 = 16;
// v2.0 §13.31: K_g is a 20-byte key.
const MAX_KG = 20;
const WILDCARDS = new Set(['0.0.0.0', '::']);

/** Who holds a name, an endpoint, a serial line or a state directory: the entry's index. */
class Claims {
  private readonly byKey = new Map<string, number>();
  claim(key: string, entry: number): number | undefined {
    const j = this.byKey.get(key);
    if (j !== undefined && j !== entry) return j;
    if (j === undefined) this.byKey.set(key, entry);
    return undefined;
  }
}

/** UDP endpoints: a wildcard host (0.0.0.0, ::) takes the port on every address. */
class Endpoints {
  private readonly exact = new Claims();
  private readonly anyHost = new Map<number, number>();
  private readonly wildcard = new Map<number, number>();
  claim(host: string, port: number, entry: number): number | undefined {
    if (port === 0) return undefined; // the system picks a free port
    const w = this.wildcard.get(port);
    if (w !== undefined && w !== entry) return w;
    if (WILDCARDS.has(host)) {
      const a = this.anyHost.get(port);
      if (a !== undefined && a !== entry) return a;
      this.wildcard.set(port, entry);
    }
    if (!this.anyHost.has(port)) this.anyHost.set(port, entry);
    return this.exact.claim(`${host}:${port}`, entry);
  }
}

/** Collisions of one fleet with one other entry, reported as one problem. */
class Clashes {
  private readonly byOther = new Map<number, { n: number; first: string }>();
  add(other: number, what: string): void {
    const c = this.byOther.get(other);
    if (c) c.n++;
    else this.byOther.set(other, { n: 1, first: what });
  }
  report(problem: (reason: string) => void, one: string, many: string): void {
    for (const [other, { n, first }] of this.byOther)
      problem(n === 1 ? `${one} ${first} is also used by /devices/${other}` : `${n} ${many} are also used by /devices/${other}, the first: ${first}`);
  }
}

class DevicesLoader {
  readonly devices: DeviceSpec[] = [];
  private readonly baseDir: string;
  private readonly env: Record<string, string | undefined>;
  private readonly names = new Claims();
  private readonly endpoints = new Endpoints();
  private readonly serialLines = new Claims();
  private readonly stateDirs = new Claims();
  /** Sim devices with the pointer of their entry, for the duplicate GUID/MAC warnings. */
  private readonly sims: { spec: SimDeviceSpec; at: string }[] = [];

  constructor(
    private readonly ctx: Context,
    private readonly src: Source,
    private readonly opts: LoadDevicesOptions,
  ) {
    this.baseDir = path.dirname(src.file);
    this.env = opts.env ?? process.env;
  }

  private problem(pointer: string, reason: string): void {
    this.ctx.problem(this.src, pointer, reason);
  }

  entry(e: RawEntry, i: number): void {
    if ('fleet' in e) return this.fleet(e.fleet, i);
    const at = `/devices/${i}`;
    const j = this.names.claim(e.name, i);
    if (j !== undefined) this.problem(`${at}/name`, `duplicate device name "${e.name}": also used by /devices/${j}`);
    if (e.kind === 'sim') this.sim(e, i);
    else if (e.kind === 'lan') this.lan(e, i);
    else this.serial(e, i);
  }

  private sim(d: RawSim, i: number): void {
    const at = `/devices/${i}`;
    if (d.lan) {
      const j = this.endpoints.claim(d.lan.host, d.lan.port, i);
      if (j !== undefined) this.problem(`${at}/lan`, `UDP endpoint ${d.lan.host}:${d.lan.port} also used by /devices/${j}`);
    }
    if (d.serial) this.claimSerial(d.serial.path, i, `${at}/serial/path`);
    const stateDir = d.stateDir ? path.resolve(this.baseDir, d.stateDir) : this.opts.stateRoot ? path.resolve(this.opts.stateRoot, d.name) : undefined;
    if (stateDir) {
      const j = this.stateDirs.claim(stateDir, i);
      if (j !== undefined) this.problem(`${at}${d.stateDir ? '/stateDir' : '/name'}`, `state directory ${stateDir} also used by /devices/${j}`);
    }
    const problem = (p: string, r: string) => this.problem(p, r);
    const consoleSpec = d.console && buildConsole(d.console, this.baseDir, `${at}/console`, problem);
    const hooks = d.powerHooks && buildPowerHooks(d.powerHooks, this.baseDir, `${at}/powerHooks`, problem);
    const prof = this.profileOf(d.profile, `${at}/profile`);
    if (!prof) return;
    const merged = deepMerge(prof.src.value, d.overrides ?? {}) as RawProfile;
    const profile = this.build(merged, prof, d.name, [{ value: d.overrides, at: `${at}/overrides` }]);
    if (!profile || (d.console && !consoleSpec) || (d.powerHooks && !hooks)) return;
    const spec: SimDeviceSpec = {
      name: d.name,
      kind: 'sim',
      profile,
      lan: d.lan ? { host: d.lan.host, port: d.lan.port } : undefined,
      serial: d.serial ? { path: d.serial.path, mode: d.serial.mode, baud: d.serial.baud ?? DEFAULT_BAUD } : undefined,
      stateDir,
      ...(consoleSpec ? { console: consoleSpec } : {}),
      ...(hooks ? { powerHooks: hooks } : {}),
    };
    this.addSim(spec, at);
  }

  private lan(d: RawLan, i: number): void {
    const at = `/devices/${i}`;
    const iface = d.interface ?? 'lanplus';
    if (iface === 'lan' && d.cipherSuite !== undefined) this.problem(`${at}/cipherSuite`, 'cipher suites are for interface lanplus (IPMI v2.0 RMCP+); this device uses lan (IPMI v1.5)');
    if (iface === 'lanplus' && d.authType !== undefined) this.problem(`${at}/authType`, 'authentication types are for interface lan (IPMI v1.5); this device uses lanplus (RMCP+)');
    const kgGiven = d.kg !== undefined || d.kgEnv !== undefined || d.kgFile !== undefined;
    if (iface === 'lan' && kgGiven) this.problem(`${at}/${d.kg !== undefined ? 'kg' : d.kgEnv !== undefined ? 'kgEnv' : 'kgFile'}`, 'K_g is for interface lanplus (IPMI v2.0 RMCP+); IPMI v1.5 sessions have none');
    if (d.cipherSuite === 0) this.ctx.warn(this.src, `${at}/cipherSuite`, 'cipher suite 0: no authentication, integrity or confidentiality; anyone on the path can send commands in this session');
    const creds = this.credentials(d, at, { required: true, maxPassword: iface === 'lan' ? MAX_PASSWORD_V15 : MAX_PASSWORD_V20, kg: iface !== 'lan' });
    if (!creds) return;
    const spec: LanDeviceSpec = {
      name: d.name,
      kind: 'lan',
      host: d.host,
      port: d.port ?? DEFAULT_LAN_PORT,
      user: d.user,
      password: creds.password!,
      passwordFrom: creds.passwordFrom!,
      ...creds,
      interface: iface,
      cipherSuite: d.cipherSuite ?? 'auto',
      privilege: d.privilege ?? 'administrator',
      ...pick(d, ['authType', 'keepaliveMs', 'timeoutMs', 'retries', 'backoff', 'maxInFlight']),
    };
    this.devices.push(guarded(spec));
  }

  private serial(d: RawSerial, i: number): void {
    const at = `/devices/${i}`;
    this.claimSerial(d.path, i, `${at}/path`);
    const creds = this.credentials(d, at, { required: false, maxPassword: MAX_PASSWORD_V20, kg: true });
    if (!creds) return;
    const spec: SerialDeviceSpec = {
      name: d.name,
      kind: 'serial',
      path: d.path,
      baud: d.baud ?? DEFAULT_BAUD,
      mode: d.mode,
      ...pick(d, ['user', 'privilege']),
      ...creds,
      ...pick(d, ['timeoutMs', 'retries', 'backoff', 'maxInFlight']),
    };
    this.devices.push(guarded(spec));
  }

  private claimSerial(p: string, i: number, pointer: string): void {
    const j = this.serialLines.claim(p, i);
    if (j !== undefined) this.problem(pointer, `serial line ${p} also used by /devices/${j}`);
  }

  /** The password and K_g with where each came from; undefined when either has a problem. */
  private credentials(
    d: SecretFields,
    at: string,
    o: { required: boolean; maxPassword: number; kg: boolean },
  ): { password?: string; passwordFrom?: string; kg?: string; kgFrom?: string } | undefined {
    const before = this.ctx.count();
    const password = this.secret(d, 'password', at, o.required, o.maxPassword);
    const kg = o.kg ? this.secret(d, 'kg', at, false, MAX_KG) : undefined;
    if (this.ctx.count() !== before) return undefined;
    return { ...(password ? { password: password.value, passwordFrom: password.from } : {}), ...(kg ? { kg: kg.value, kgFrom: kg.from } : {}) };
  }

  /**
   * A secret given as `<key>Env`, `<key>File` or `<key>` inline (exactly one; none is allowed
   * unless `required`). Files are read relative to the devices file, first line only, as
   * ipmitool -f reads them.
   */
  private secret(d: SecretFields, key: 'password' | 'kg', at: string, required: boolean, maxBytes: number): { value: string; from: string } | undefined {
    const label = key === 'kg' ? 'K_g' : 'password';
    const given = ([key, `${key}Env`, `${key}File`] as const).filter((k) => d[k] !== undefined);
    if (given.length > 1) {
      this.problem(`${at}/${given[1]}`, `give only one of ${key}Env, ${key}File and ${key} (this device also has ${given[0]})`);
      return undefined;
    }
    if (given.length === 0) {
      if (required) this.problem(`${at}/${key}Env`, `required field is missing: give the ${label} as ${key}Env (an environment variable), ${key}File (a file) or ${key} (inline)`);
      return undefined;
    }
    const field = given[0];
    const pointer = `${at}/${field}`;
    let value: string;
    let from: string;
    if (field === `${key}Env`) {
      const name = d[field]!;
      const v = this.env[name];
      if (v === undefined) return void this.problem(pointer, `environment variable ${name} is not set`);
      if (v === '') return void this.problem(pointer, `environment variable ${name} is empty`);
      value = v;
      from = `env:${name}`;
    } else if (field === `${key}File`) {
      const file = path.resolve(this.baseDir, d[field]!);
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (e) {
        return void this.problem(pointer, `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      value = text.split(/\r?\n/)[0];
      if (value === '') return void this.problem(pointer, `${file} is empty (the ${label} is its first line)`);
      from = `file:${file}`;
      const mode = fs.statSync(file).mode & 0o777;
      if (process.platform !== 'win32' && (mode & 0o077) !== 0)
        this.ctx.warn(this.src, pointer, `${file} is accessible to other users (mode ${mode.toString(8).padStart(4, '0')}); chmod 600 it`);
    } else {
      value = d[key]!;
      from = 'inline';
      if (value !== '') this.ctx.warn(this.src, pointer, `inline ${label}: anyone who can read this file can use it; prefer ${key}Env or ${key}File`);
    }
    const bytes = key === 'kg' && /^0x/i.test(value) ? hexKgBytes(value) : Buffer.byteLength(value, key === 'kg' ? 'latin1' : 'utf8');
    if (bytes === undefined) return void this.problem(pointer, `the K_g from ${describeFrom(from)} starts with 0x but is not an even number of hex digits`);
    if (bytes > maxBytes)
      return void this.problem(pointer, `the ${label} from ${describeFrom(from)} is longer than ${maxBytes} bytes (${key === 'kg' ? 'v2.0 §13.31' : 'v2.0 §22.29'})`);
    return { value, from };
  }

  private profileOf(ref: string, pointer: string): { src: Source; file: string; id: string } | undefined {
    const r = this.ctx.resolveProfile(ref, this.baseDir);
    if (!r.path) return void this.problem(pointer, r.problem!);
    const src = this.ctx.profile(r.path);
    return src ? { src, file: r.path, id: profileId(r.path) } : undefined;
  }

  /**
   * Check and build one device's profile. `layers` are the devices-file mappings merged over the
   * profile, lowest first: a problem is reported in the highest layer that holds its pointer
   * (lists are replaced whole, so an entry named there has its peers there too), else in the
   * profile file. `seen` drops a problem already reported (the members of a fleet share layers).
   */
  private build(
    merged: RawProfile,
    prof: { src: Source; file: string; id: string },
    name: string,
    layers: { value: unknown; at: string; member?: string }[],
    seen?: Set<string>,
  ): SimDeviceSpec['profile'] | undefined {
    let bad = false;
    const hardware = checkProfile(
      merged,
      (pointer, reason) => {
        bad = true;
        const layer = [...layers].reverse().find((l) => l.value !== undefined && has(l.value, pointer));
        const where = layer ? `${layer.at}${pointer}` : pointer;
        const why = reason(layer ? layer.at : '');
        const key = `${layer ? 'd' : 'p'}\0${where}\0${why}`;
        if (seen?.has(key)) return;
        seen?.add(key);
        this.ctx.problem(layer ? this.src : prof.src, where, layer?.member ? `${why} (member ${layer.member})` : why);
      },
      hardwareContext(merged, prof.id, name),
    );
    return bad ? undefined : buildProfile(merged, prof.id, prof.file, name, hardware);
  }

  private addSim(spec: SimDeviceSpec, at: string, seenWarnings?: Set<string>): void {
    for (const w of securityWarnings(spec.profile)) {
      if (seenWarnings?.has(w)) continue;
      seenWarnings?.add(w);
      this.ctx.warn(this.src, at, w);
    }
    this.devices.push(guarded(spec));
    this.sims.push({ spec, at });
  }

  /** A fleet's name pattern, checked: it has {index}, and its first and longest names are device names. */
  private memberNames(f: RawFleet['fleet'], at: string, start: number, last: number): Template | undefined {
    const nameOf = compileTemplate(f.name, { maxIndex: last, hasLan: false, only: 'index' });
    if (typeof nameOf !== 'function') return void this.problem(`${at}/name`, nameOf.problem);
    if (!/\{index(:0\d+)?\}/.test(f.name)) return void this.problem(`${at}/name`, 'must contain {index} (or {index:03} and the like), so that every member has its own name');
    // Only the digits of the index vary, and the last index has the most of them.
    const longest = nameOf({ index: last, name: '' });
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(nameOf({ index: start, name: '' })) || !/^[A-Za-z0-9._-]*$/.test(longest))
      return void this.problem(`${at}/name`, 'member names must be letters, digits, ".", "_" or "-", starting with a letter or digit');
    if (longest.length > 64) return void this.problem(`${at}/name`, `member names must be at most 64 characters ("${longest}" has ${longest.length})`);
    return nameOf;
  }

  /** Member k's (0-based) UDP listener: consecutive ports on one host, or one port on consecutive addresses. */
  private memberListeners(f: RawFleet['fleet'], at: string): ((k: number) => { host: string; port: number }) | undefined {
    if (!f.lan) return undefined;
    if ('addressRange' in f.lan) {
      const range = parseAddressRange(f.lan.addressRange)!;
      const port = f.lan.port ?? DEFAULT_LAN_PORT;
      const size = range.last - range.first + 1;
      if (range.last < range.first) return void this.problem(`${at}/lan/addressRange`, 'the first address is after the last');
      if (size < f.count) return void this.problem(`${at}/lan/addressRange`, `holds ${size} address${size === 1 ? '' : 'es'}; the fleet has ${f.count} members`);
      return (k) => ({ host: intToIpv4(range.first + k), port });
    }
    const { host, portStart } = f.lan;
    if (portStart + f.count - 1 > 65535)
      return void this.problem(`${at}/lan/portStart`, `ports ${portStart}-${portStart + f.count - 1} for ${f.count} members run past 65535 (the last start that fits is ${65536 - f.count})`);
    return (k) => ({ host, port: portStart + k });
  }

  /** Expand a fleet into `count` sim devices (issue 8). */
  private fleet(f: RawFleet['fleet'], i: number): void {
    const at = `/devices/${i}/fleet`;
    const start = f.start ?? 0;
    const last = start + f.count - 1;
    const before = this.ctx.count();
    if (last > 0xffff) this.problem(`${at}/count`, `the last index, ${last} (start ${start} + count ${f.count} - 1), is beyond 65535`);
    const nameOf = this.memberNames(f, at, start, last);
    const listener = this.memberListeners(f, at);
    const member = f.memberOverrides ? compileTree(f.memberOverrides, { maxIndex: last, hasLan: !!f.lan }, (p, r) => this.problem(`${at}/memberOverrides${p}`, r)) : undefined;
    const prof = this.profileOf(f.profile, `${at}/profile`);
    if (this.ctx.count() !== before || !prof || !nameOf) return;

    // Derived values are only those the overrides leave unset, so they can go over profile + overrides.
    const ov = f.overrides ?? {};
    const base = deepMerge(prof.src.value, ov);
    const derive = {
      guid: !has(ov, '/identity/guid'),
      systemGuid: !has(ov, '/identity/systemGuid'),
      mac: !has(ov, '/lan/macAddress'),
      ip: !!listener && 'addressRange' in f.lan! && !has(ov, '/lan/ipAddress'),
    };
    const stateBase = f.stateDir ? path.resolve(this.baseDir, f.stateDir) : this.opts.stateRoot ? path.resolve(this.opts.stateRoot) : undefined;
    const clash = { names: new Clashes(), endpoints: new Clashes(), stateDirs: new Clashes() };
    const seen = new Set<string>();
    const seenWarnings = new Set<string>();
    const validateMember = compiled().overrides;

    for (let k = 0; k < f.count; k++) {
      const index = start + k;
      const name = nameOf({ index, name: '' });
      const lan = listener?.(k);
      let ok = true;
      const j = this.names.claim(name, i);
      if (j !== undefined) clash.names.add(j, `"${name}"`), (ok = false);
      if (lan) {
        const e = this.endpoints.claim(lan.host, lan.port, i);
        if (e !== undefined) clash.endpoints.add(e, `${lan.host}:${lan.port} (${name})`), (ok = false);
      }
      const stateDir = stateBase ? path.join(stateBase, name) : undefined;
      if (stateDir) {
        const s = this.stateDirs.claim(stateDir, i);
        if (s !== undefined) clash.stateDirs.add(s, stateDir), (ok = false);
      }
      if (!ok) continue;

      const derived: Record<string, Record<string, string>> = {};
      if (derive.guid || derive.systemGuid) {
        derived.identity = {};
        if (derive.guid) derived.identity.guid = derivedGuid(`fleet:${f.name}`, String(index), 'device');
        if (derive.systemGuid) derived.identity.systemGuid = derivedGuid(`fleet:${f.name}`, String(index), 'system');
      }
      if (derive.mac || derive.ip) {
        derived.lan = {};
        if (derive.mac) derived.lan.macAddress = derivedMac(f.name, index);
        if (derive.ip) derived.lan.ipAddress = lan!.host;
      }
      const vars: MemberVars = { index, name, host: lan?.host, port: lan?.port };
      const mine = member?.(vars);
      if (mine !== undefined && !validateMember(mine)) {
        for (const [p, r] of schemaProblems(validateMember.errors ?? [], mine)) {
          const key = `m\0${p}\0${r}`;
          if (seen.has(key)) continue;
          seen.add(key);
          this.problem(`${at}/memberOverrides${p}`, `${r} (member ${name})`);
        }
        continue;
      }
      const merged = deepMerge(deepMerge(base, derived), mine ?? {}) as RawProfile;
      const profile = this.build(
        merged,
        prof,
        name,
        [
          { value: derived, at },
          { value: f.overrides, at: `${at}/overrides` },
          { value: mine, at: `${at}/memberOverrides`, member: name },
        ],
        seen,
      );
      if (!profile) continue;
      this.addSim({ name, kind: 'sim', profile, lan, stateDir, fleet: { name: f.name, index } }, `/devices/${i}`, seenWarnings);
    }
    clash.names.report((r) => this.problem(`${at}/name`, r), 'member name', 'member names');
    clash.endpoints.report((r) => this.problem(`${at}/lan`, r), 'member UDP endpoint', 'member UDP endpoints');
    clash.stateDirs.report((r) => this.problem(f.stateDir ? `${at}/stateDir` : `${at}/name`, r), 'member state directory', 'member state directories');
  }

  /** Two virtual BMCs with one GUID or MAC address confuse inventories and DHCP; say so (not an error: profiles may do it on purpose). */
  identityWarnings(): void {
    const fields: [string, (s: SimDeviceSpec) => string | undefined][] = [
      ['GUID', (s) => s.profile.identity.guid],
      ['system GUID', (s) => s.profile.identity.systemGuid],
      ['MAC address', (s) => (/^0{2}(:0{2}){5}$/.test(s.profile.lan.macAddress) ? undefined : s.profile.lan.macAddress.toLowerCase())],
    ];
    for (const [what, get] of fields) {
      const owner = new Map<string, string>();
      const dups = new Map<string, { n: number; first: string }>();
      for (const { spec, at } of this.sims) {
        const v = get(spec);
        if (v === undefined) continue;
        const o = owner.get(v);
        if (o === undefined) owner.set(v, spec.name);
        else {
          const d = dups.get(at);
          if (d) d.n++;
          else dups.set(at, { n: 1, first: `${spec.name} has the ${what} ${v} of ${o}` });
        }
      }
      for (const [at, { n, first }] of dups) this.ctx.warn(this.src, at, n === 1 ? first : `${n} devices share a ${what} with an earlier device, the first: ${first}`);
    }
  }
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/** Bytes of a "0x..." K_g; undefined when the digits are not hex or odd in number. */
function hexKgBytes(v: string): number | undefined {
  const digits = v.slice(2);
  return /^([0-9a-fA-F]{2})+$/.test(digits) ? digits.length / 2 : undefined;
}

function describeFrom(from: string): string {
  return from === 'inline' ? 'the devices file' : from.startsWith('env:') ? `environment variable ${from.slice(4)}` : from.slice(5);
}
