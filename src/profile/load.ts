import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { Document, LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { ConfigError, ConfigErrors } from '../lib/errors';
import { PROFILE_DEFAULTS } from './defaults';
import { PATTERNS, profileSchema } from './schema';
import { DEVICE_KINDS, DEVICE_PATTERNS, OVERRIDES_SCHEMA_ID, devicesSchema, overridesSchema } from './devices-schema';
import type { ConfigWarning, HardwareSpec, ProfileSpec, UserSpec } from './types';
import { HardwareContext, RawHardware, resolveHardware } from './hardware';

/**
 * Loads profiles/*.yaml (YAML or JSON): parse, check against the JSON Schema (schema.ts) and the
 * rules a schema cannot say (unique users, the null user, cipher 0), fill defaults (defaults.ts),
 * freeze. Every problem of every file is collected and thrown together as ConfigErrors: file,
 * JSON pointer in the document, reason (with its line). Devices files: devices.ts, on the same
 * Context.
 */

export interface LoadOptions {
  /** Where profile ids are looked up; default: the repository's profiles/ (defaultProfilesDir()). */
  profilesDir?: string;
}
const PROFILE_EXTENSIONS = ['.yaml', '.yml', '.json'];

/** The repository root: the nearest directory above this module whose package.json is bmcbridge's (works from src/ and dist/). */
export function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'bmcbridge') return dir;
    if (path.dirname(dir) === dir) throw new Error(`bmcbridge package.json not found above ${__dirname}`);
  }
}
/** The repository root, found from this module's location (not the working directory). */
export const REPO_ROOT = repoRoot();
export function defaultProfilesDir(): string {
  return path.join(REPO_ROOT, 'profiles');
}
export function defaultDevicesFile(): string {
  return path.join(REPO_ROOT, 'devices', 'default.yaml');
}

/** Warnings to log at start-up for settings that weaken a BMC (issue 2: "which logs a warning"). */
export function securityWarnings(p: ProfileSpec): string[] {
  const w: string[] = [];
  const sec = p.security;
  if (sec.allowCipherZero) w.push('cipher suite 0 is enabled: sessions without authentication, integrity or encryption');
  if (sec.allowAnonymous) w.push('anonymous login is enabled: the null user (ID 1) can open sessions');
  if (sec.authTypes.includes('none')) w.push('IPMI 1.5 authentication type "none" is enabled: passwords are not checked for it');
  if (sec.authTypes.includes('md2')) w.push('IPMI 1.5 authentication type MD2 is enabled: MD2 is a broken hash, kept only for tools and BMCs that still use it');
  return w;
}

/** Load one profile by id (looked up in the profiles directory) or by file path. */
export function loadProfileRef(ref: string, opts: LoadOptions & { baseDir?: string } = {}): ProfileSpec {
  const ctx = new Context(opts.profilesDir);
  const file = ctx.resolveProfile(ref, opts.baseDir ?? process.cwd());
  if (!file.path) throw new ConfigErrors([new ConfigError(ref, '', file.problem!)]);
  const src = ctx.profile(file.path);
  ctx.throwIfAny();
  return deepFreeze(buildProfile(src!.value as RawProfile, profileId(file.path), file.path));
}

/** A parsed file and what is needed to find the line of a JSON pointer in it. */
export interface Source {
  file: string;
  value: unknown;
  doc: Document;
  lines: LineCounter;
}
export type RawProfile = Omit<Partial<ProfileSpec>, 'identity' | keyof RawHardware> & { identity: Partial<ProfileSpec['identity']> } & RawHardware;

let validators: { profile: ValidateFunction; devices: ValidateFunction; overrides: ValidateFunction } | undefined;
/** The schemas, compiled once per process. */
export function compiled() {
  if (!validators) {
    // Code optimisation off: compiling takes half the time (~130 ms instead of ~240 ms, paid at
    // every start), and validating a handful of files does not notice the difference.
    const ajv = new Ajv({ allErrors: true, strict: true, discriminator: true, inlineRefs: false, code: { optimize: false } });
    ajv.addSchema(overridesSchema, OVERRIDES_SCHEMA_ID);
    validators = { profile: ajv.compile(profileSchema), devices: ajv.compile(devicesSchema), overrides: ajv.getSchema(OVERRIDES_SCHEMA_ID)! };
  }
  return validators;
}

/** One load: the problems and warnings found so far, and each profile file parsed and checked once. */
export class Context {
  private readonly problems: ConfigError[] = [];
  readonly warnings: ConfigWarning[] = [];
  private readonly profiles = new Map<string, Source | undefined>();
  readonly profilesDir: string;
  readonly devicesValidator = compiled().devices;
  constructor(profilesDir?: string) {
    this.profilesDir = path.resolve(profilesDir ?? defaultProfilesDir());
  }

  count(): number {
    return this.problems.length;
  }
  throwIfAny(): void {
    if (this.problems.length) throw new ConfigErrors(this.problems);
  }
  problem(src: Source, pointer: string, reason: string): void {
    const line = lineOf(src, pointer);
    this.problems.push(new ConfigError(src.file, pointer, line ? `${reason} (line ${line})` : reason));
  }
  /** A problem about a file as a whole (one that cannot be read), or with no Source. */
  fileProblem(file: string, pointer: string, reason: string): void {
    this.problems.push(new ConfigError(file, pointer, reason));
  }
  warn(src: Source, pointer: string, reason: string): void {
    const line = lineOf(src, pointer);
    const r = line ? `${reason} (line ${line})` : reason;
    this.warnings.push({ file: src.file, path: pointer, reason: r, message: `${src.file}: ${pointer || '/'}: ${r}` });
  }

  /** Read and parse a YAML/JSON file; undefined (with the problem recorded) when it cannot be. */
  read(file: string): Source | undefined {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      this.problems.push(new ConfigError(file, '', `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`));
      return undefined;
    }
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
    if (doc.errors.length) {
      for (const e of doc.errors) {
        const pos = lines.linePos(e.pos[0]);
        this.problems.push(new ConfigError(file, '', `YAML syntax: ${e.message.split('\n')[0]} (line ${pos.line}, column ${pos.col})`));
      }
      return undefined;
    }
    return { file, value: doc.toJS(), doc, lines };
  }

  /** Validate against a schema; returns the pointers of the devices without problems (for devices files). */
  validate(src: Source, validate: ValidateFunction): Set<string> {
    const bad = new Set<string>();
    if (!validate(src.value)) {
      for (const [pointer, reason] of schemaProblems(validate.errors ?? [], src.value)) {
        this.problem(src, pointer, reason);
        const m = /^\/devices\/\d+/.exec(pointer);
        bad.add(m ? m[0] : '*');
      }
    }
    const ok = new Set<string>();
    const list = (src.value as { devices?: unknown[] } | null)?.devices;
    if (!bad.has('*') && Array.isArray(list)) list.forEach((_, i) => !bad.has(`/devices/${i}`) && ok.add(`/devices/${i}`));
    return ok;
  }

  /** A profile file, parsed and checked once however many devices use it. */
  profile(file: string): Source | undefined {
    if (this.profiles.has(file)) return this.profiles.get(file);
    let src = this.read(file);
    if (src) {
      const before = this.count();
      this.validate(src, compiled().profile);
      if (this.count() === before) checkProfile(src.value as RawProfile, (p, r) => this.problem(src!, p, r('')));
      if (this.count() !== before) src = undefined;
    }
    this.profiles.set(file, src);
    return src;
  }

  resolveProfile(ref: string, baseDir: string): { path?: string; problem?: string } {
    if (ref.includes('/') || ref.includes(path.sep) || PROFILE_EXTENSIONS.includes(path.extname(ref))) {
      const p = path.resolve(baseDir, ref);
      return fs.existsSync(p) ? { path: p } : { problem: `profile file not found: ${p}` };
    }
    for (const ext of PROFILE_EXTENSIONS) {
      const p = path.join(this.profilesDir, ref + ext);
      if (fs.existsSync(p)) return { path: p };
    }
    return { problem: `no profile "${ref}" in ${this.profilesDir} (looked for ${PROFILE_EXTENSIONS.map((e) => ref + e).join(', ')})` };
  }
}

/**
 * ajv errors as [JSON pointer, reason], in the words of a person editing the file. No reason
 * quotes the value it is about (a password may be that value).
 */
export function schemaProblems(errors: ErrorObject[], doc?: unknown): [string, string][] {
  const out: [string, string][] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const p = e.params as Record<string, unknown>;
    let pointer = e.instancePath;
    let reason: string;
    switch (e.keyword) {
      case 'if': // the failing branch (then/else) reports its own errors
        continue;
      case 'discriminator':
        // `kind` missing is reported by `required`; otherwise it names no device kind.
        if (p.error === 'tag' && !has(doc, `${pointer}/kind`)) continue;
        pointer += '/kind';
        reason = `must be one of: ${DEVICE_KINDS.join(', ')}`;
        break;
      case 'additionalProperties':
        pointer += '/' + escape(String(p.additionalProperty));
        reason = 'unknown field';
        break;
      case 'required':
        pointer += '/' + escape(String(p.missingProperty));
        reason = 'required field is missing';
        if (p.missingProperty === 'kind' && /^\/devices\/\d+$/.test(e.instancePath)) reason += ` (${DEVICE_KINDS.join(', ')}; or a fleet: entry)`;
        break;
      case 'enum':
        reason = `must be one of: ${(p.allowedValues as unknown[]).map(String).join(', ')}`;
        break;
      case 'pattern':
        reason = [...Object.values(PATTERNS), ...Object.values(DEVICE_PATTERNS)].find((x) => x.re === p.pattern)?.text ?? `must match ${String(p.pattern)}`;
        break;
      case 'type':
        reason = `must be ${p.type === 'integer' ? 'an integer' : p.type === 'object' ? 'a mapping' : p.type === 'array' ? 'a list' : `a ${String(p.type)}`}`;
        break;
      default:
        reason = e.message ?? e.keyword;
    }
    const key = `${pointer}\0${reason}`;
    if (!seen.has(key)) out.push([pointer, reason]), seen.add(key);
  }
  return out;
}

/**
 * Rules beyond the schema, on a profile (or a profile with a device's overrides merged). A
 * reason is built from the pointer prefix of the document it is reported in, so that it can name
 * another entry of the same list.
 */
export function checkProfile(
  p: RawProfile,
  report: (pointer: string, reason: (prefix: string) => string) => void,
  hw: HardwareContext = { profileId: '', productName: p.identity?.productName },
): HardwareSpec {
  const problem = (pointer: string, reason: string | ((prefix: string) => string)) => report(pointer, typeof reason === 'string' ? () => reason : reason);
  const sec = { ...PROFILE_DEFAULTS.security, ...p.security };
  const maxUsers = p.maxUsers ?? PROFILE_DEFAULTS.maxUsers;
  const byName = new Map<string, number>();
  const byId = new Map<number, number>();
  let next = 2; // IDs given in order from 2, as the user store assigns them
  (p.users ?? []).forEach((u: UserSpec, i) => {
    const at = `/users/${i}`;
    const id = u.id ?? next;
    next = Math.max(next, id + 1);
    if (Buffer.byteLength(u.password, 'utf8') > 20) problem(`${at}/password`, 'must be at most 20 bytes');
    if (id === 1) {
      if (u.name !== '') problem(`${at}/name`, 'user 1 is the null user: its name must be empty');
      if (!sec.allowAnonymous) problem(`${at}/id`, 'user 1 is the null user: enabling it needs security.allowAnonymous: true');
    } else if (u.name === '') problem(`${at}/name`, 'only user 1 (the null user) may have an empty name');
    if (id > maxUsers) problem(u.id === undefined ? at : `${at}/id`, `user ID ${id} is beyond maxUsers (${maxUsers})`);
    const sameId = byId.get(id);
    if (sameId !== undefined) problem(u.id === undefined ? at : `${at}/id`, (pre) => `user ID ${id} is also used by ${pre}/users/${sameId}`);
    else byId.set(id, i);
    const sameName = byName.get(u.name);
    if (u.name !== '' && sameName !== undefined) problem(`${at}/name`, (pre) => `user name "${u.name}" is also used by ${pre}/users/${sameName}`);
    else byName.set(u.name, i);
  });
  sec.cipherSuites.forEach((s, i) => {
    if (s === 0 && !sec.allowCipherZero) problem(`/security/cipherSuites/${i}`, 'cipher suite 0 (no authentication) needs security.allowCipherZero: true');
  });
  if (sec.kg !== undefined && Buffer.byteLength(sec.kg, 'utf8') > 20) problem('/security/kg', 'must be at most 20 bytes');
  // The hardware sections (issue 3): checked by the same code that builds them. The result is
  // meaningful only when nothing was reported; with the device's HardwareContext, buildProfile
  // takes it as it is (one resolution per device: fleets have a thousand).
  return resolveHardware(p, hw, (pointer, reason) => problem(pointer, reason));
}

/** The frozen profile; `hardware` is checkProfile's result for the same raw profile and HardwareContext, if at hand. */
export function buildProfile(raw: RawProfile, id: string, file: string, deviceName?: string, hardware?: HardwareSpec): ProfileSpec {
  const D = PROFILE_DEFAULTS;
  const r = raw.identity;
  return {
    id,
    file,
    description: raw.description,
    identity: {
      deviceId: r.deviceId ?? D.deviceId,
      deviceRevision: r.deviceRevision ?? D.deviceRevision,
      providesSdrs: r.providesSdrs ?? D.providesSdrs,
      firmwareMajor: r.firmwareMajor ?? D.firmwareMajor,
      firmwareMinor: r.firmwareMinor ?? D.firmwareMinor,
      manufacturerId: r.manufacturerId!,
      productId: r.productId!,
      auxFirmware: r.auxFirmware ? [...r.auxFirmware] : undefined,
      guid: r.guid ?? derivedGuid(id, deviceName, 'device'),
      systemGuid: r.systemGuid ?? derivedGuid(id, deviceName, 'system'),
      manufacturerName: r.manufacturerName,
      productName: r.productName,
      systemFirmwareVersion: r.systemFirmwareVersion,
      systemName: r.systemName ?? deviceName,
      capabilities: { ...D.capabilities, ...r.capabilities },
    },
    users: (raw.users ?? []).map((u) => ({ ...u })),
    maxUsers: raw.maxUsers ?? D.maxUsers,
    lan: { ...D.lan, ...raw.lan },
    security: { ...D.security, ...raw.security, cipherSuites: [...(raw.security?.cipherSuites ?? D.security.cipherSuites)] },
    powerOnDelayMs: raw.powerOnDelayMs ?? D.powerOnDelayMs,
    initialPower: raw.initialPower ?? D.initialPower,
    powerCycleIntervalMs: raw.powerCycleIntervalMs ?? D.powerCycleIntervalMs,
    softOffDelayMs: raw.softOffDelayMs ?? D.softOffDelayMs,
    powerRestorePolicy: raw.powerRestorePolicy ?? D.powerRestorePolicy,
    ...(hardware ??
      resolveHardware(raw, hardwareContext(raw, id, deviceName), (pointer, reason) => {
        throw new Error(`${file}: ${pointer}: ${reason} (passed the check, failed the build)`);
      })),
  };
}

/** What resolveHardware needs to know about the device a profile is built for. */
export function hardwareContext(raw: RawProfile, id: string, deviceName?: string): HardwareContext {
  return { profileId: id, deviceName, productName: raw.identity?.productName };
}

/**
 * A stable GUID for a profile (and device) that does not name one: SHA-1 of the names, with
 * the RFC 4122 version (5) and variant bits, so every device of a devices file differs and keeps
 * its GUID across restarts.
 *
 * Byte 9 (clock_seq_low) also gets its top bit set. ipmitool guesses a GUID's encoding by where
 * a valid version nibble shows up (IPMI order, RFC 4122 order, SMBIOS order) and prefers a
 * time-based reading with a plausible date. Sent in IPMI order (reversed), byte 9 is where the
 * RFC 4122 reading finds its version; with a random byte there, about one GUID in 1200 read as a
 * time-based GUID dated 1970 to now, and `ipmitool mc guid` printed a different GUID with an
 * "IPMI Specification violation" warning (a fleet test caught one). With the bit set only the IPMI reading is valid (the SMBIOS
 * reading lands on the variant bits, never a version).
 */
export function derivedGuid(profile: string, device: string | undefined, what: string): string {
  const b = crypto.createHash('sha1').update(`bmcbridge\0${profile}\0${device ?? ''}\0${what}`).digest().subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  b[9] |= 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function profileId(file: string): string {
  return path.basename(file, path.extname(file));
}

export const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** The line of the deepest node a JSON pointer reaches (the key's line for a mapping entry). */
function lineOf(src: Source, pointer: string): number | undefined {
  let node: unknown = src.doc.contents;
  const at = (n: unknown) => {
    const r = (n as { range?: [number, number, number] } | null)?.range;
    return r ? src.lines.linePos(r[0]).line : undefined;
  };
  let line = at(node);
  for (const seg of pointer.split('/').slice(1).map(unescape)) {
    if (isMap(node)) {
      const pair = node.items.find((pr) => isScalar(pr.key) && String(pr.key.value) === seg);
      if (!pair) break;
      line = at(pair.key) ?? line;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)];
      if (item === undefined) break;
      line = at(item) ?? line;
      node = item;
    } else break;
  }
  return line;
}

/** Does the JSON pointer name something present in `v`? */
export function has(v: unknown, pointer: string): boolean {
  let cur = v;
  for (const seg of pointer.split('/').slice(1).map(unescape)) {
    if (typeof cur !== 'object' || cur === null || !(seg in (cur as object))) return false;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return true;
}

/** Mappings merge key by key; anything else (lists included) is replaced by the override. */
export function deepMerge(base: unknown, over: unknown): unknown {
  const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (!isObj(base) || !isObj(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
  return out;
}

export function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}
