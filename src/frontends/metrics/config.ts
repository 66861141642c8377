import fs from 'node:fs';
import YAML from 'yaml';
import { ConfigError, ConfigErrors } from '../../lib/errors';
import type { PrivilegeName } from '../../codec/message/netfn';

/**
 * The modules file of ipmi_exporter (`--config.file`), read as ipmi_exporter reads it so an
 * existing file works unchanged: a `modules:` map; per module `user`, `pass`, `privilege`,
 * `driver`, `timeout` (ms), `collectors`, `exclude_sensor_ids`, `workaround_flags`,
 * `collector_cmd`, `default_args`, `custom_args`, `sel_events`. Unknown keys are errors (as
 * 1.6.1: "unknown fields in modules: foo"), unknown collectors too ("invalid collector: bogus").
 * Keys that only steer FreeIPMI's command lines are accepted and reported as warnings.
 */
export const COLLECTORS = ['ipmi', 'bmc', 'bmc-watchdog', 'chassis', 'dcmi', 'sel', 'sel-events', 'sm-lan-mode'] as const;
export type CollectorName = (typeof COLLECTORS)[number];
/** ipmi_exporter's collectors when a module has no `collectors` key (config.go defaults). */
export const DEFAULT_COLLECTORS: readonly CollectorName[] = ['bmc', 'ipmi', 'chassis', 'dcmi'];

export type Driver = 'LAN' | 'LAN_2_0';

export interface SelEventMatcher {
  name: string;
  regex: RegExp;
}

export interface ModuleConfig {
  name: string;
  user?: string;
  pass?: string;
  /** FreeIPMI's default when unset is OPERATOR. */
  privilege?: PrivilegeName;
  /** LAN = IPMI 1.5, LAN_2_0 = RMCP+; unset = the device layer's default. */
  driver?: Driver;
  /** FreeIPMI session timeout in ms: how long one IPMI request may take, retransmissions included. */
  timeoutMs?: number;
  collectors: readonly CollectorName[];
  excludeSensorIds: ReadonlySet<number>;
  selEvents: readonly SelEventMatcher[];
}

export interface ModulesConfig {
  modules: ReadonlyMap<string, ModuleConfig>;
  /** Keys accepted but without effect here (FreeIPMI command-line steering). */
  warnings: string[];
}

const FREEIPMI_ONLY = ['workaround_flags', 'collector_cmd', 'default_args', 'custom_args'] as const;
const KEYS = new Set(['user', 'pass', 'privilege', 'driver', 'timeout', 'collectors', 'exclude_sensor_ids', 'sel_events', ...FREEIPMI_ONLY]);
const PRIVILEGES: Record<string, PrivilegeName> = { user: 'user', operator: 'operator', admin: 'administrator', administrator: 'administrator' };
/** FreeIPMI's in-band drivers: they reach the local BMC through /dev/ipmi0 and friends, which a bridge does not. */
const INBAND_DRIVERS = ['KCS', 'SSIF', 'OPENIPMI', 'SUNBMC'];

/**
 * A Go RE2 pattern as a JS RegExp. RE2's leading inline flags (`(?i)`, `(?s)`, `(?m)`, also
 * combined) become RegExp flags; everything else in the two dialects used for event texts agrees.
 */
export function compileRe2(pattern: string): RegExp {
  const m = /^\(\?([ims]+)\)/.exec(pattern);
  return m ? new RegExp(pattern.slice(m[0].length), [...new Set(m[1])].join('')) : new RegExp(pattern);
}

export function parseModulesConfig(text: string, file = '<modules>'): ModulesConfig {
  const problems: ConfigError[] = [];
  const warnings: string[] = [];
  const bad = (path: string, reason: string) => problems.push(new ConfigError(file, path, reason));
  let doc: unknown;
  try {
    doc = YAML.parse(text);
  } catch (e) {
    throw new ConfigErrors([new ConfigError(file, '', `not YAML: ${(e as Error).message}`)]);
  }
  const modules = new Map<string, ModuleConfig>();
  if (doc === null || doc === undefined) return { modules, warnings };
  if (!isMap(doc)) throw new ConfigErrors([new ConfigError(file, '', 'expected a mapping with a "modules" key')]);
  for (const k of Object.keys(doc)) if (k !== 'modules') bad(`/${k}`, `unknown field (only "modules" is allowed)`);
  const mods = doc.modules ?? {};
  if (!isMap(mods)) bad('/modules', 'expected a mapping of module names');
  else {
    for (const [name, raw] of Object.entries(mods)) {
      const at = `/modules/${name}`;
      const m: Record<string, unknown> = raw === null ? {} : isMap(raw) ? raw : (bad(at, 'expected a mapping'), {});
      for (const k of Object.keys(m)) if (!KEYS.has(k)) bad(`${at}/${k}`, `unknown field in modules: ${k}`);
      for (const k of FREEIPMI_ONLY) if (m[k] !== undefined) warnings.push(`${file}: ${at}/${k}: FreeIPMI command-line option, no effect in bmcbridge`);
      const str = (k: string): string | undefined => {
        const v = m[k];
        if (v === undefined || v === null) return undefined;
        if (typeof v === 'string' || typeof v === 'number') return String(v);
        bad(`${at}/${k}`, 'expected a string');
        return undefined;
      };
      const privText = str('privilege');
      const privilege = privText === undefined ? undefined : PRIVILEGES[privText.toLowerCase()];
      if (privText !== undefined && !privilege) bad(`${at}/privilege`, `"${privText}" is not one of user, operator, admin`);
      const driverText = str('driver');
      let driver: Driver | undefined;
      if (driverText !== undefined) {
        const d = driverText.toUpperCase();
        if (d === 'LAN' || d === 'LAN_2_0') driver = d;
        else if (INBAND_DRIVERS.includes(d)) bad(`${at}/driver`, `in-band driver ${d} reaches the local BMC only; bmcbridge reaches BMCs over LAN (LAN or LAN_2_0) or through its inventory`);
        else bad(`${at}/driver`, `"${driverText}" is not LAN or LAN_2_0`);
      }
      let timeoutMs: number | undefined;
      if (m.timeout !== undefined && m.timeout !== null) {
        if (typeof m.timeout === 'number' && Number.isInteger(m.timeout) && m.timeout > 0) timeoutMs = m.timeout;
        else bad(`${at}/timeout`, 'expected a positive whole number of milliseconds');
      }
      let collectors: CollectorName[] = [...DEFAULT_COLLECTORS];
      if (m.collectors !== undefined && m.collectors !== null) {
        if (!Array.isArray(m.collectors)) bad(`${at}/collectors`, 'expected a list');
        else {
          collectors = [];
          m.collectors.forEach((c, i) => {
            if ((COLLECTORS as readonly unknown[]).includes(c)) {
              if (!collectors.includes(c as CollectorName)) collectors.push(c as CollectorName);
            } else bad(`${at}/collectors/${i}`, `invalid collector: ${String(c)} (known: ${COLLECTORS.join(', ')})`);
          });
        }
      }
      const excludeSensorIds = new Set<number>();
      if (m.exclude_sensor_ids !== undefined && m.exclude_sensor_ids !== null) {
        if (!Array.isArray(m.exclude_sensor_ids)) bad(`${at}/exclude_sensor_ids`, 'expected a list of SDR record IDs');
        else
          m.exclude_sensor_ids.forEach((v, i) => {
            if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffff) excludeSensorIds.add(v);
            else bad(`${at}/exclude_sensor_ids/${i}`, 'expected a record ID (0-65535)');
          });
      }
      const selEvents: SelEventMatcher[] = [];
      if (m.sel_events !== undefined && m.sel_events !== null) {
        if (!Array.isArray(m.sel_events)) bad(`${at}/sel_events`, 'expected a list of {name, regex}');
        else
          m.sel_events.forEach((e, i) => {
            const p = `${at}/sel_events/${i}`;
            if (!isMap(e) || typeof e.name !== 'string' || typeof e.regex !== 'string') return bad(p, 'expected {name: string, regex: string}');
            for (const k of Object.keys(e)) if (k !== 'name' && k !== 'regex') bad(`${p}/${k}`, 'unknown field');
            try {
              selEvents.push({ name: e.name, regex: compileRe2(e.regex) });
            } catch (err) {
              bad(`${p}/regex`, `invalid regular expression: ${(err as Error).message}`);
            }
          });
      }
      modules.set(name, {
        name,
        user: str('user'),
        pass: str('pass'),
        privilege,
        driver,
        timeoutMs,
        collectors,
        excludeSensorIds,
        selEvents,
      });
    }
  }
  if (problems.length) throw new ConfigErrors(problems);
  return { modules, warnings };
}

export function loadModulesConfig(file: string): ModulesConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigErrors([new ConfigError(file, '', `cannot read: ${(e as Error).message}`)]);
  }
  return parseModulesConfig(text, file);
}

/**
 * The modules when no file is given (`bmcbridge start` without one): a `default` module with
 * ipmi_exporter's default collectors (bmc, ipmi, chassis, dcmi) and no credentials, which serves
 * inventory devices (they carry their own); host:port targets need a file with credentials.
 */
export function defaultModulesConfig(): ModulesConfig {
  return parseModulesConfig('modules:\n  default: {}\n', '<built-in>');
}

/**
 * The module a request names, as ipmi_exporter picks it: absent or empty means "default";
 * a name not in the file is undefined (the endpoint answers 400 `Unknown module "x"`).
 */
export function resolveModule(config: ModulesConfig, requested: string | undefined): { name: string; module?: ModuleConfig } {
  const name = requested || 'default';
  return { name, module: config.modules.get(name) };
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
