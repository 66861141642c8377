import fs from 'node:fs';
import { BridgeError, UsageError } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import type { PrivilegeName } from '../../codec/message/netfn';
import type { ResponseOf } from '../../codec/commands';
import { GetSelAllocationInfo } from '../../codec/commands/storage';
import { completionText } from '../../codec/message/completion-codes';
import type { SdrRecord } from '../../codec/records/sdr';
import { typedTextString, TypedText } from '../../codec/records/text';
import { fruChassisTypeName, fruMinutesToDate, FruImage } from '../../codec/records/fru';
import { isPreInitTimestamp, TIMESTAMP_UNSPECIFIED } from '../../codec/records/sel';
import { EventReadingType, describeEvent, eventOffsetName, rawToValue, conversionParams, sensorTypeName, statesToOffsets, thresholdStatusText } from '../../codec/sensor';
import {
  BOOT_DEVICES,
  BmcDevice,
  BootDeviceName,
  ChassisControlName,
  ChassisStatus,
  ClientTarget,
  DeviceId,
  FruDevice,
  PowerReading,
  SdrEntry,
  SelEntry,
  SelInfo,
  SensorReadout,
  ThresholdReadout,
  connect,
  sensorName,
  sensorUnit,
} from '../../client';
import { SolTerminal, solCommand } from './ipmi-sol';

/**
 * `bmcbridge ipmi`: an ipmitool-shaped client over the device layer.
 *
 *   bmcbridge ipmi -H host [-p port] -U user (-P pass | -E | -f file) [-I lanplus|lan|serial-basic|serial-terminal]
 *                  [-C n] [-L priv] [-k kg | -y hexkg] [-N sec] [-R n] [-D path[:baud]] [-d DEVICE] [--json] <cmd>
 *
 * Commands: mc info; chassis status; chassis power status|on|off|cycle|reset|soft;
 * chassis bootdev DEV [options=persistent,efiboot]; sdr list|elist [full|compact|event|mcloc|fru|all];
 * sensor list; sel info|list|elist|clear; fru print [id]; dcmi power reading; raw NETFN CMD [DATA...];
 * sol info|set|activate|deactivate (ipmi-sol.ts; `~.` leaves the console, `~B` sends a break).
 *
 * `sdr list`, `sel list` and `chassis power status` print the lines ipmitool 1.8.19 prints for
 * the same BMC (tests compare them against ipmitool reading the same ipmi_sim); the others
 * follow ipmitool's layout. `--json` prints one JSON document instead. Exit status: 0, 1 when
 * the BMC or the link failed, 2 for usage errors.
 */
export interface IpmiIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Environment for -E (IPMI_PASSWORD, IPMITOOL_PASSWORD); default none. */
  env?: Record<string, string | undefined>;
  /** Resolves `-d DEVICE` from the device inventory (devices/*.yaml); the integrator supplies it. */
  resolveDevice?(name: string): ClientTarget | Promise<ClientTarget>;
  log?: Logger;
  /** The terminal of `sol activate` (default: this process's stdin and stdout). */
  terminal?: SolTerminal;
}

export const IPMI_USAGE =
  'usage: bmcbridge ipmi -H host [-p port] -U user (-P pass | -E | -f file) [-I lanplus|lan|serial-basic|serial-terminal] [-C n] [-L priv] [-k kg|-y hexkg] [-N sec] [-R n] [-D path[:baud]] [-d DEVICE] [--json] <command>';

interface Args {
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  passwordFromEnv: boolean;
  passwordFile?: string;
  iface?: 'lanplus' | 'lan' | 'serial-basic' | 'serial-terminal';
  cipherSuite?: number;
  privilege?: PrivilegeName;
  kg?: string;
  timeoutSec?: number;
  retries?: number;
  serial?: { path: string; baud?: number };
  device?: string;
  json: boolean;
  command: string[];
}

const PRIVILEGES: Record<string, PrivilegeName> = { callback: 'callback', user: 'user', operator: 'operator', administrator: 'administrator', admin: 'administrator', oem: 'oem' };

function parseArgs(argv: readonly string[]): Args {
  const a: Args = { passwordFromEnv: false, json: false, command: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (a.command.length > 0 || !arg.startsWith('-') || arg === '-') {
      a.command.push(arg);
      continue;
    }
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    const int = (name: string, min: number, max: number): number => {
      const v = value();
      const n = Number(v);
      if (!/^(0x[0-9a-f]+|\d+)$/i.test(v) || n < min || n > max) throw new UsageError(`${name} must be an integer ${min}..${max}, got '${v}'`);
      return n;
    };
    switch (arg) {
      case '-H':
        a.host = value();
        break;
      case '-p':
        a.port = int('-p', 1, 65535);
        break;
      case '-U':
        a.user = value();
        break;
      case '-P':
        a.password = value();
        break;
      case '-E':
        a.passwordFromEnv = true;
        break;
      case '-f':
        a.passwordFile = value();
        break;
      case '-I': {
        const v = value();
        if (v !== 'lanplus' && v !== 'lan' && v !== 'serial-basic' && v !== 'serial-terminal') throw new UsageError(`-I must be lanplus, lan, serial-basic or serial-terminal, got '${v}'`);
        a.iface = v;
        break;
      }
      case '-C':
        a.cipherSuite = int('-C', 0, 255);
        break;
      case '-L': {
        const v = value();
        const p = PRIVILEGES[v.toLowerCase()];
        if (!p) throw new UsageError(`-L must be CALLBACK, USER, OPERATOR or ADMINISTRATOR, got '${v}'`);
        a.privilege = p;
        break;
      }
      case '-k':
        a.kg = value();
        break;
      case '-y': {
        const v = value();
        if (!/^(0x)?[0-9a-f]{1,40}$/i.test(v)) throw new UsageError(`-y needs up to 40 hex digits, got '${v}'`);
        a.kg = v.toLowerCase().startsWith('0x') ? v : `0x${v}`;
        break;
      }
      case '-N':
        a.timeoutSec = int('-N', 1, 600);
        break;
      case '-R':
        a.retries = int('-R', 0, 20);
        break;
      case '-D': {
        const v = value();
        const m = /^(.*?)(?::(\d+))?$/.exec(v)!;
        a.serial = { path: m[1], baud: m[2] ? Number(m[2]) : undefined };
        break;
      }
      case '-d':
        a.device = value();
        break;
      case '--json':
        a.json = true;
        break;
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  if (a.command.length === 0) throw new UsageError('no command given');
  return a;
}

async function buildTarget(a: Args, io: IpmiIo): Promise<ClientTarget> {
  if (a.device) {
    if (!io.resolveDevice) throw new UsageError(`-d ${a.device}: no device inventory is loaded`);
    return io.resolveDevice(a.device);
  }
  const retry = { timeoutMs: a.timeoutSec !== undefined ? a.timeoutSec * 1000 : undefined, retries: a.retries };
  const iface = a.iface ?? (a.serial ? 'serial-basic' : 'lanplus');
  if (iface === 'serial-basic' || iface === 'serial-terminal') {
    if (!a.serial) throw new UsageError(`-I ${iface} needs -D path[:baud]`);
    return { kind: 'serial', path: a.serial.path, baud: a.serial.baud, mode: iface === 'serial-basic' ? 'basic' : 'terminal', ...retry };
  }
  if (!a.host) throw new UsageError('-H host is required (or -D for a serial line, -d for an inventory device)');
  let password = a.password;
  if (password === undefined && a.passwordFromEnv) {
    password = io.env?.IPMI_PASSWORD ?? io.env?.IPMITOOL_PASSWORD;
    if (password === undefined) throw new UsageError('-E: IPMI_PASSWORD is not set');
  }
  if (password === undefined && a.passwordFile !== undefined) {
    try {
      password = fs.readFileSync(a.passwordFile, 'utf8').split(/\r?\n/)[0];
    } catch (e) {
      throw new UsageError(`-f ${a.passwordFile}: ${(e as Error).message}`);
    }
  }
  if (password === undefined) throw new UsageError('a password is required: -P, -E or -f');
  return {
    kind: 'lan',
    host: a.host,
    port: a.port,
    user: a.user ?? '',
    password,
    interface: iface,
    cipherSuite: a.cipherSuite ?? 'auto',
    privilege: a.privilege,
    kg: a.kg,
    ...retry,
  };
}

export async function runIpmi(argv: string[], io: IpmiIo): Promise<number> {
  let args: Args;
  let target: ClientTarget;
  try {
    args = parseArgs(argv);
    target = await buildTarget(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`bmcbridge ipmi: ${e.message}\n${IPMI_USAGE}\n`);
      return 2;
    }
    throw e;
  }
  const device = new BmcDevice(connect(target, io.log));
  try {
    const out = await runCommand(device, args.command, io);
    if (args.json) io.stdout(JSON.stringify(out.json, jsonValue, 2) + '\n');
    else if (out.lines.length) io.stdout(out.lines.join('\n') + '\n');
    if (out.stderr) io.stderr(out.stderr);
    return out.status ?? 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`bmcbridge ipmi: ${e.message}\n${IPMI_USAGE}\n`);
      return 2;
    }
    if (e instanceof BridgeError) {
      io.stderr(`bmcbridge ipmi: ${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    await device.close().catch(() => undefined);
  }
}

/** This process's terminal, in raw mode while a console runs on a TTY. */
function processTerminal(): SolTerminal {
  const stdin = process.stdin;
  return {
    input: stdin,
    write: (b) => void process.stdout.write(b),
    setRaw: (on) => {
      if (stdin.isTTY) stdin.setRawMode(on);
    },
  };
}

function jsonValue(_k: string, v: unknown): unknown {
  if (v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data))
    return Buffer.from((v as { data: number[] }).data).toString('hex');
  return v;
}

interface Output {
  lines: string[];
  json: unknown;
  status?: number;
  stderr?: string;
}

const usage = (what: string): never => {
  throw new UsageError(what);
};

async function runCommand(dev: BmcDevice, cmd: string[], io: IpmiIo): Promise<Output> {
  const [c0, c1, c2, ...rest] = cmd;
  switch (c0) {
    case 'mc':
      if (c1 !== 'info') usage(`unknown mc command '${c1 ?? ''}' (mc info)`);
      return mcInfo(await dev.deviceId());
    case 'chassis':
      return chassis(dev, c1, c2, rest);
    case 'sdr': {
      if (c1 !== 'list' && c1 !== 'elist') usage(`unknown sdr command '${c1 ?? ''}' (sdr list|elist [full|compact|event|mcloc|fru|all])`);
      const type = (c2 ?? 'sensors') as SdrListType;
      if (!SDR_LIST_TYPES.includes(type)) usage(`unknown sdr list type '${c2}'`);
      const entries = await dev.sdrs();
      const readouts = await dev.sensors();
      return { lines: formatSdrList(entries, readouts, c1 === 'elist', type), json: { records: entries.map((e) => ({ recordId: e.recordId, record: e.record, error: e.error })), readings: readouts.map(readoutJson) } };
    }
    case 'sensor': {
      if (c1 !== 'list') usage(`unknown sensor command '${c1 ?? ''}' (sensor list)`);
      const readouts = await dev.sensors();
      const thresholds = await Promise.all(readouts.map((r) => (r.record.kind === 'full' && r.kind === 'threshold' && r.record.sensorCapabilities.thresholdAccess !== 0 ? dev.thresholds(r.record).catch(() => undefined) : undefined)));
      return { lines: readouts.map((r, i) => formatSensorListLine(r, thresholds[i])), json: readouts.map((r, i) => ({ ...readoutJson(r), thresholds: thresholds[i] })) };
    }
    case 'sel':
      return sel(dev, c1);
    case 'fru': {
      if (c1 !== 'print') usage(`unknown fru command '${c1 ?? ''}' (fru print [id])`);
      let devices: FruDevice[];
      if (c2 !== undefined) {
        const id = Number(c2);
        if (!Number.isInteger(id) || id < 0 || id > 254) usage(`fru print: bad FRU ID '${c2}'`);
        devices = (await dev.fruDevices()).filter((d) => d.id === id);
        if (devices.length === 0) devices = [{ id, name: id === 0 ? 'Builtin FRU Device' : `FRU Device ${id}` }];
      } else devices = await dev.fruDevices();
      const images: Array<{ device: FruDevice; image?: FruImage }> = [];
      for (const d of devices) images.push({ device: d, image: await dev.fru(d.id) });
      return { lines: images.flatMap(({ device, image }) => formatFru(device, image)), json: images };
    }
    case 'dcmi': {
      if (c1 !== 'power' || c2 !== 'reading') usage(`unknown dcmi command '${[c1, c2].filter(Boolean).join(' ')}' (dcmi power reading)`);
      const r = await dev.powerReading();
      return { lines: formatPowerReading(r), json: r };
    }
    case 'sol':
      return solCommand(dev, cmd.slice(1), () => io.terminal ?? processTerminal());
    case 'raw':
      return raw(dev, cmd.slice(1));
    default:
      return usage(`unknown command '${c0}'`);
  }
}

// ------------------------------------------------------------------------ mc

const hex2 = (n: number) => n.toString(16).padStart(2, '0');
const HEX2 = (n: number) => hex2(n).toUpperCase();

/**
 * IANA's private enterprise numbers as ipmitool's Debian package installs them: ipmitool 1.8.19
 * names manufacturers from this file, so we read the same one when it is there.
 */
export const ENTERPRISE_NUMBERS = '/usr/share/misc/enterprise-numbers.txt';
const enterpriseTexts = new Map<string, string>();
/** The organisation registered for an IANA enterprise number, or "Unknown" (no registry file, or not listed). */
export function manufacturerName(id: number, file = ENTERPRISE_NUMBERS): string {
  let enterpriseText = enterpriseTexts.get(file);
  if (enterpriseText === undefined) {
    try {
      enterpriseText = fs.readFileSync(file, 'latin1');
    } catch {
      return 'Unknown';
    }
    enterpriseTexts.set(file, enterpriseText);
  }
  const at = enterpriseText.indexOf(`\n${id}\n`);
  if (at < 0) return 'Unknown';
  const start = at + String(id).length + 2;
  const end = enterpriseText.indexOf('\n', start);
  return enterpriseText.slice(start, end < 0 ? undefined : end).trim() || 'Unknown';
}

/** ipmitool `mc info` (lib/ipmi_mc.c). */
export function mcInfo(id: DeviceId): Output {
  const v = id.ipmiVersion;
  const support: Array<[keyof DeviceId['support'], string]> = [
    ['sensor', 'Sensor Device'],
    ['sdrRepository', 'SDR Repository Device'],
    ['sel', 'SEL Device'],
    ['fru', 'FRU Inventory Device'],
    ['ipmbEventReceiver', 'IPMB Event Receiver'],
    ['ipmbEventGenerator', 'IPMB Event Generator'],
    ['bridge', 'Bridge'],
    ['chassis', 'Chassis Device'],
  ];
  const lines = [
    `Device ID                 : ${id.deviceId}`,
    `Device Revision           : ${id.revision.deviceRevision}`,
    `Firmware Revision         : ${id.firmware.major}.${String(id.firmwareMinor).padStart(2, '0')}`,
    `IPMI Version              : ${v & 0x0f}.${v >> 4}`,
    `Manufacturer ID           : ${id.manufacturerId & 0xfffff}`,
    `Manufacturer Name         : ${manufacturerName(id.manufacturerId & 0xfffff)}`,
    `Product ID                : ${id.productId} (0x${hex2(id.productId >> 8)}${hex2(id.productId & 0xff)})`,
    `Product Name              : Unknown (0x${id.productId.toString(16).toUpperCase()})`,
    `Device Available          : ${id.firmware.updateInProgress ? 'no' : 'yes'}`,
    `Provides Device SDRs      : ${id.revision.providesSdrs ? 'yes' : 'no'}`,
    `Additional Device Support :`,
    ...support.filter(([k]) => id.support[k]).map(([, s]) => `    ${s}`),
  ];
  if (id.auxFirmware) lines.push('Aux Firmware Rev Info     : ', ...[...id.auxFirmware].map((b) => `    0x${hex2(b)}`));
  return { lines, json: id };
}

// ------------------------------------------------------------------------ chassis

const CONTROL: Record<string, [ChassisControlName, string]> = {
  on: ['powerUp', 'Up/On'],
  up: ['powerUp', 'Up/On'],
  off: ['powerDown', 'Down/Off'],
  down: ['powerDown', 'Down/Off'],
  cycle: ['powerCycle', 'Cycle'],
  reset: ['hardReset', 'Reset'],
  diag: ['diagnosticInterrupt', 'Diag'],
  soft: ['softShutdown', 'Soft'],
};

async function chassis(dev: BmcDevice, c1: string | undefined, c2: string | undefined, rest: string[]): Promise<Output> {
  if (c1 === 'status') {
    const s = await dev.chassisStatus();
    return { lines: formatChassisStatus(s), json: s };
  }
  if (c1 === 'power') {
    if (c2 === 'status') {
      const s = await dev.chassisStatus();
      return { lines: [formatPowerStatus(s)], json: { power: s.power.on ? 'on' : 'off' } };
    }
    const op = c2 ? CONTROL[c2] : undefined;
    if (!op) return usage(`chassis power: expected status, on, off, cycle, reset, diag or soft, got '${c2 ?? ''}'`);
    await dev.chassisControl(op[0]);
    return { lines: [`Chassis Power Control: ${op[1]}`], json: { control: op[0] } };
  }
  if (c1 === 'bootdev') {
    if (!c2 || !(c2 in BOOT_DEVICES)) return usage(`chassis bootdev: expected one of ${Object.keys(BOOT_DEVICES).join(', ')}, got '${c2 ?? ''}'`);
    const opts = rest.find((r) => r.startsWith('options='))?.slice(8).split(',') ?? [];
    for (const o of opts) if (o !== 'persistent' && o !== 'efiboot') usage(`chassis bootdev: unknown option '${o}' (persistent, efiboot)`);
    await dev.setBootDevice(c2 as BootDeviceName, { persistent: opts.includes('persistent'), efi: opts.includes('efiboot') });
    return { lines: [`Set Boot Device to ${c2}`], json: { bootDevice: c2, persistent: opts.includes('persistent'), efi: opts.includes('efiboot') } };
  }
  return usage(`unknown chassis command '${c1 ?? ''}' (status, power, bootdev)`);
}

/** ipmitool `chassis power status`. */
export function formatPowerStatus(s: ChassisStatus): string {
  return `Chassis Power is ${s.power.on ? 'on' : 'off'}`;
}

/** ipmitool `chassis status` (lib/ipmi_chassis.c ipmi_chassis_status). */
export function formatChassisStatus(s: ChassisStatus): string[] {
  const tf = (b: boolean) => (b ? 'true' : 'false');
  const act = (b: boolean) => (b ? 'active' : 'inactive');
  const policy = ['always-off', 'previous', 'always-on', 'unknown'][s.power.restorePolicy];
  const ev = s.lastEvent;
  const last = [ev.acFailed && 'ac-failed ', ev.downByOverload && 'overload ', ev.downByInterlock && 'interlock ', ev.downByFault && 'fault ', ev.onViaIpmi && 'command'].filter(Boolean).join('');
  const lines = [
    `System Power         : ${s.power.on ? 'on' : 'off'}`,
    `Power Overload       : ${tf(s.power.overload)}`,
    `Power Interlock      : ${act(s.power.interlock)}`,
    `Main Power Fault     : ${tf(s.power.fault)}`,
    `Power Control Fault  : ${tf(s.power.controlFault)}`,
    `Power Restore Policy : ${policy}`,
    `Last Power Event     : ${last}`,
    `Chassis Intrusion    : ${act(s.misc.intrusion)}`,
    `Front-Panel Lockout  : ${act(s.misc.frontPanelLockout)}`,
    `Drive Fault          : ${tf(s.misc.driveFault)}`,
    `Cooling/Fan Fault    : ${tf(s.misc.coolingFault)}`,
  ];
  const fp = s.frontPanel;
  if (fp) {
    const allowed = (b: boolean) => (b ? 'allowed' : 'not allowed');
    if (!Object.values(fp).some(Boolean)) lines.push('Front Panel Control  : none');
    else
      lines.push(
        `Sleep Button Disable : ${allowed(fp.standbyDisableAllowed)}`,
        `Diag Button Disable  : ${allowed(fp.diagnosticDisableAllowed)}`,
        `Reset Button Disable : ${allowed(fp.resetDisableAllowed)}`,
        `Power Button Disable : ${allowed(fp.powerOffDisableAllowed)}`,
        `Sleep Button Disabled: ${tf(fp.standbyDisabled)}`,
        `Diag Button Disabled : ${tf(fp.diagnosticDisabled)}`,
        `Reset Button Disabled: ${tf(fp.resetDisabled)}`,
        `Power Button Disabled: ${tf(fp.powerOffDisabled)}`,
      );
  }
  return lines;
}

// ------------------------------------------------------------------------ sdr / sensor

export const SDR_LIST_TYPES = ['sensors', 'all', 'full', 'compact', 'event', 'mcloc', 'fru', 'generic'] as const;
export type SdrListType = (typeof SDR_LIST_TYPES)[number];

/** ipmitool's number format for a reading: no decimals when it is whole, else two ("%.*f"). */
export function formatReading(v: number): string {
  return v === Math.trunc(v) ? v.toFixed(0) : v.toFixed(2);
}

function entityText(id: number, instance: number): string {
  return `${String(id).padStart(2)}.${instance}`;
}

function recordWanted(rec: SdrRecord, type: SdrListType): boolean {
  switch (type) {
    case 'sensors':
      return rec.kind === 'full' || rec.kind === 'compact';
    case 'all':
      return rec.kind !== 'entityAssociation' && rec.kind !== 'unknown';
    case 'full':
      return rec.kind === 'full';
    case 'compact':
      return rec.kind === 'compact';
    case 'event':
      return rec.kind === 'eventOnly';
    case 'mcloc':
      return rec.kind === 'mcDeviceLocator';
    case 'fru':
      return rec.kind === 'fruDeviceLocator';
    case 'generic':
      return rec.kind === 'unknown' && rec.recordType === 0x10;
  }
}

/** The names of a discrete sensor's asserted states, as `sdr elist` shows them. */
function stateNames(r: SensorReadout): string {
  return statesToOffsets((r.states ?? 0) & 0xff, (r.states ?? 0) >> 8)
    .map((o) => eventOffsetName(r.record.eventReadingType, r.record.sensorType, o))
    .filter((s): s is string => s !== undefined)
    .join(', ');
}

/**
 * ipmitool `sdr list` / `sdr elist` (lib/ipmi_sdr.c): without a type, Full and Compact sensors;
 * `all` adds Event-Only records and MC and FRU locators. Lines as measured against ipmi_sim:
 *   list:  "%-16s | %-17s | %s"            name, reading, status (ok/nc/cr/nr; ns without a reading)
 *   elist: "%-16s | %02Xh | %-3s | %2d.%d | %s"  name, sensor number, status (lnc/ucr/...), entity, reading or states
 * A discrete sensor's reading column is its state byte ("0x11"); elist lists the asserted states' names.
 */
export function formatSdrList(entries: readonly SdrEntry[], readouts: readonly SensorReadout[], extended: boolean, type: SdrListType = 'sensors'): string[] {
  const byRecord = new Map(readouts.map((r) => [r.recordId, r]));
  const lines: string[] = [];
  for (const e of entries) {
    const rec = e.record;
    if (!rec || !recordWanted(rec, type)) continue;
    const name = sensorName(rec).padEnd(16);
    if (rec.kind === 'full' || rec.kind === 'compact') {
      const r = byRecord.get(e.recordId);
      if (!r) continue;
      const full = rec.kind === 'full';
      if (!extended) {
        let value: string;
        if (r.valid) value = r.analog && r.value !== undefined ? `${formatReading(r.value)} ${r.unit}` : `0x${hex2((r.states ?? r.raw ?? 0) & 0xff)}`;
        else if (r.scanningDisabled) value = full ? 'disabled' : 'Not Readable';
        else value = full ? 'no reading' : 'Not Readable';
        lines.push(`${name} | ${value.padEnd(17)} | ${r.status}`);
      } else {
        const status = !r.valid ? 'ns' : r.kind === 'threshold' ? thresholdStatusText(r.thresholdStatus ?? 0, 'extended') : 'ok';
        let text: string;
        if (!r.valid) text = r.scanningDisabled ? 'Disabled' : 'No Reading';
        else if (r.analog && r.value !== undefined) text = `${formatReading(r.value)} ${r.unit}`;
        else text = stateNames(r);
        lines.push(`${name} | ${HEX2(rec.sensorNumber)}h | ${status.padEnd(3)} | ${entityText(rec.entityId, rec.entityInstance.instance)} | ${text}`);
      }
    } else if (rec.kind === 'eventOnly') {
      lines.push(extended ? `${name} | ${HEX2(rec.sensorNumber)}h | ns  | ${entityText(rec.entityId, rec.entityInstance.instance)} | Event-Only` : `${name} | ${'Event-Only'.padEnd(17)} | ns`);
    } else if (rec.kind === 'mcDeviceLocator') {
      const what = `${rec.powerStateAndInit.staticController ? 'Static' : 'Dynamic'} MC @ ${HEX2(rec.deviceSlaveAddress)}h`;
      lines.push(extended ? `${name} | 00h | ok  | ${entityText(rec.entityId, rec.entityInstance.instance)} | ${what}` : `${name} | ${what.padEnd(17)} | ok`);
    } else if (rec.kind === 'fruDeviceLocator') {
      const logical = rec.access.logical;
      lines.push(
        extended
          ? `${name} | 00h | ns  | ${entityText(rec.fruEntityId, rec.fruEntityInstance)} | ${logical ? 'Logical' : 'Physical'} FRU @${HEX2(rec.fruDeviceId)}h`
          : `${name} | ${`${logical ? 'Log' : 'Phys'} FRU @${HEX2(rec.fruDeviceId)}h ${hex2(rec.fruEntityId)}.${rec.fruEntityInstance}`.padEnd(17)} | ok`,
      );
    }
  }
  return lines;
}

/**
 * One line of ipmitool `sensor list` (lib/ipmi_sensor.c): name, value ("%.3f", or "0x%x" of the
 * state byte for discrete sensors), unit, status, then LNR, LC, LNC, UNC, UC, UNR ("na" when
 * not readable), each cell 10 wide after "| ".
 */
export function formatSensorListLine(r: SensorReadout, t?: ThresholdReadout): string {
  const cell = (s: string) => `| ${s.padEnd(10)}`;
  let head = `${sensorName(r.record).padEnd(16)} `;
  if (!r.valid) head += `| ${'na'.padEnd(10)} | ${r.unit.padEnd(10)} | ${'na'.padEnd(6)}`;
  else if (r.analog && r.value !== undefined) head += `| ${r.value.toFixed(3).padEnd(10)} | ${r.unit.padEnd(10)} | ${(r.kind === 'threshold' ? r.status : 'ok').padEnd(6)}`;
  else {
    const [b4, b5] = r.stateBytes ?? [0, 0];
    head += `| 0x${b4.toString(16).padEnd(8)} | ${r.unit.padEnd(10)} | ${`0x${hex2(b4)}${hex2(b5)}`.padEnd(6)}`;
  }
  const order = ['lowerNonRecoverable', 'lowerCritical', 'lowerNonCritical', 'upperNonCritical', 'upperCritical', 'upperNonRecoverable'] as const;
  return head + order.map((k) => cell(t?.values[k] !== undefined ? t.values[k]!.toFixed(3) : 'na')).join('');
}

function readoutJson(r: SensorReadout) {
  const { record, ...rest } = r;
  return { ...rest, entityId: record.entityId, entityInstance: record.entityInstance.instance, sensorType: sensorTypeName(record.sensorType) };
}

// ------------------------------------------------------------------------ sel

async function sel(dev: BmcDevice, c1: string | undefined): Promise<Output> {
  switch (c1) {
    case 'info': {
      const info = await dev.selInfo();
      const alloc = info.operationSupport.getAllocationInfo ? await dev.client.call(GetSelAllocationInfo, {}) : undefined;
      return { lines: formatSelInfo(info, alloc), json: { ...info, allocation: alloc } };
    }
    case 'list':
    case 'elist': {
      const entries = await dev.sel();
      if (entries.length === 0) return { lines: ['SEL has no entries'], json: [] };
      const sdrs = c1 === 'elist' ? await dev.sdrs() : [];
      // ipmitool words some events by manufacturer (formatSelLine), so it asks Get Device ID too.
      const mfg = (await dev.deviceId()).manufacturerId & 0xfffff;
      return { lines: entries.map((e) => formatSelLine(e, c1 === 'elist' ? sdrs : undefined, mfg)), json: entries };
    }
    case 'clear':
      await dev.clearSel();
      return { lines: ['Clearing SEL.  Please allow a few seconds to erase.'], json: { cleared: true } };
    default:
      return usage(`unknown sel command '${c1 ?? ''}' (sel info|list|elist|clear)`);
  }
}

const pad2 = (n: number) => String(n).padStart(2, '0');
/** The local time zone's abbreviation, as strftime's %Z gives it ("UTC" when TZ is unset or UTC). */
function zoneName(d: Date): string {
  return new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? 'UTC';
}
/** ipmitool 1.8.19's date and time of an IPMI timestamp: local time, strftime "%x" and "%X %Z" in the C locale. */
function dateText(t: number): string {
  const d = new Date(t * 1000);
  return `${pad2(d.getMonth() + 1)}/${pad2(d.getDate())}/${pad2(d.getFullYear() % 100)}`;
}
function timeText(t: number): string {
  const d = new Date(t * 1000);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())} ${zoneName(d)}`;
}

/** ipmitool `sel info` timestamps: "Not Available", "S+ hh:mm:ss" since initialisation, or the date and time. */
function selTimeText(t: number): string {
  if (t === 0 || t === TIMESTAMP_UNSPECIFIED) return 'Not Available';
  if (isPreInitTimestamp(t)) return `S+ ${pad2(Math.floor(t / 3600))}:${pad2(Math.floor(t / 60) % 60)}:${pad2(t % 60)}`;
  return `${dateText(t)} ${timeText(t)}`;
}

/** ipmitool `sel info` (lib/ipmi_sel.c ipmi_sel_get_info); the allocation lines when the BMC supports Get SEL Allocation Info. */
export function formatSelInfo(info: SelInfo, alloc?: ResponseOf<typeof GetSelAllocationInfo>): string[] {
  const v = info.selVersion;
  const used = info.entries * 16;
  const lines = [
    'SEL Information',
    `Version          : ${v & 0x0f}.${v >> 4} (${v === 0x51 ? 'v1.5, v2 compliant' : 'unknown'})`,
    `Entries          : ${info.entries}`,
    `Free Space       : ${info.freeSpace} bytes ${info.freeSpace === 0xffff ? 'or more' : ''}`.trimEnd() + (info.freeSpace === 0xffff ? '' : ' '),
    `Percent Used     : ${info.freeSpace === 0xffff ? 'unknown' : `${Math.floor((used * 100) / Math.max(1, used + info.freeSpace))}%`}`,
    `Last Add Time    : ${selTimeText(info.mostRecentAddition)}`,
    `Last Del Time    : ${selTimeText(info.mostRecentErase)}`,
    `Overflow         : ${info.operationSupport.overflow ? 'true' : 'false'}`,
  ];
  const o = info.operationSupport;
  if (o.deleteSel || o.partialAddSel || o.reserveSel || o.getAllocationInfo)
    lines.push(`Supported Cmds   : ${[o.deleteSel && "'Delete' ", o.partialAddSel && "'Partial Add' ", o.reserveSel && "'Reserve' ", o.getAllocationInfo && "'Get Alloc Info' "].filter(Boolean).join('')}`);
  if (alloc)
    lines.push(
      `# of Alloc Units : ${alloc.allocationUnits}`,
      `Alloc Unit Size  : ${alloc.allocationUnitSize}`,
      `# Free Units     : ${alloc.freeAllocationUnits}`,
      `Largest Free Blk : ${alloc.largestFreeBlock}`,
      `Max Record Size  : ${alloc.maxRecordSize}`,
    );
  return lines;
}

/**
 * Event texts ipmitool 1.8.19 picks by event data 2 for a few sensor-specific offsets, used
 * when Event Data 1 [7:6] says byte 2 holds something; otherwise, and for values not listed,
 * the fallback. Measured by sweeping the data bytes of SEL entries through `ipmitool sel list`
 * (the names are ipmitool's abbreviations of v2.0 Table 42-3's event data 2 codes).
 */
const FIRMWARE_ERRORS = [
  'Unspecified', 'No system memory installed', 'No usable system memory', 'Unrecoverable IDE device failure', 'Unrecoverable system-board failure',
  'Unrecoverable diskette failure', 'Unrecoverable hard-disk controller failure', 'Unrecoverable PS/2 or USB keyboard failure', 'Removable boot media not found',
  'Unrecoverable video controller failure', 'No video device selected', 'BIOS corruption detected', 'CPU voltage mismatch', 'CPU speed mismatch failure',
];
const FIRMWARE_PROGRESS = [
  'Unspecified', 'Memory initialization', 'Hard-disk initialization', 'Secondary CPU Initialization', 'User authentication', 'User-initiated system setup',
  'USB resource configuration', 'PCI resource configuration', 'Option ROM initialization', 'Video initialization', 'Cache initialization', 'SMBus initialization',
  'Keyboard controller initialization', 'Management controller initialization', 'Docking station attachment', 'Enabling docking station', 'Docking station ejection',
  'Disabling docking station', 'Calling operating system wake-up vector', 'System boot initiated', 'Motherboard initialization', 'reserved', 'Floppy initialization',
  'Keyboard test', 'Pointing device test', 'Primary CPU initialization',
];
const VERSION_CHANGE = [
  undefined, 'Mngmt Ctrl Dev Id', 'Mngmt Ctrl Firm Rev', 'Mngmt Ctrl Dev Rev', 'Mngmt Ctrl Manuf Id', 'Mngmt Ctrl IPMI Vers', 'Mngmt Ctrl Aux Firm Id',
  'Mngmt Ctrl Firm Boot Block', 'Mngmt Ctrl Other', 'BIOS/EFI change', 'SMBIOS change', 'O/S change', 'O/S loader change', 'Service Diag change',
  'Mngmt SW agent change', 'Mngmt SW App change', 'Mngmt SW Middle', 'Prog HW Change (FPGA)', 'board/FRU module change', 'board/FRU component change',
  'board/FRU replace equ ver', 'board/FRU replace new ver', 'board/FRU replace old ver', 'board/FRU HW conf change',
];
const PSU_CONFIG_ERRORS = ['Vendor Mismatch', 'Revision Mismatch', 'Processor Missing', 'Power Supply Rating Mismatch', 'Voltage Rating Mismatch'];

function keyedEventText(sensorType: number, offset: number, text: string | undefined, d2: number | undefined): string | undefined | null {
  switch (`${sensorType}:${offset}`) {
    case '15:0':
      return (d2 !== undefined ? FIRMWARE_ERRORS[d2] : undefined) ?? 'Unknown Error';
    case '15:1':
      return (d2 !== undefined ? FIRMWARE_PROGRESS[d2] : undefined) ?? 'Unknown Hang';
    case '15:2':
      return (d2 !== undefined ? FIRMWARE_PROGRESS[d2] : undefined) ?? 'Unknown Progress';
    case '43:1':
    case '43:7':
      if (d2 === 0) return text;
      return d2 !== undefined && VERSION_CHANGE[d2] ? `${text}, ${VERSION_CHANGE[d2]}` : '';
    case '8:6':
      return d2 !== undefined && PSU_CONFIG_ERRORS[d2] ? `${text}: ${PSU_CONFIG_ERRORS[d2]}` : text;
  }
  return null;
}

/**
 * ipmitool's text for an event. Its threshold table pads the "going low" names with a space to
 * the length of "going high" (include/ipmitool/ipmi_sel.h generic_event_types), so `sel list`
 * shows "Lower Critical going low  | Asserted" with two spaces; we do the same. Offsets its
 * tables lack print as an empty field: Session Audit (2Ah) and ACPI power state 0Dh, which
 * sensor/sensor-types.ts names after FreeIPMI.
 */
function eventText(r: Extract<SelEntry['record'], { kind: 'system' }>, offsetText: string | undefined, manufacturerId?: number): string {
  const offset = r.eventData1 & 0x0f;
  const type = r.eventDirType.eventType;
  if (type === EventReadingType.sensorSpecific) {
    if (r.sensorType === 0x2a || (r.sensorType === 0x22 && offset === 0x0d)) return '';
    const d2 = r.eventData1 >> 6 !== 0 ? r.eventData2 : undefined;
    const keyed = keyedEventText(r.sensorType, offset, offsetText, d2);
    const text = keyed !== null ? (keyed ?? '') : (offsetText ?? '');
    // ipmitool decodes Supermicro BMCs' sensor-specific events with an OEM suffix it leaves
    // empty for standard data: "General Chassis intrusion ()". Memory events (0Ch) are not
    // suffixed. Measured with our virtual BMC under IANA 10876 and 47488.
    return text !== '' && manufacturerId !== undefined && SUPERMICRO_IANA.has(manufacturerId) && r.sensorType !== 0x0c ? `${text} ()` : text;
  }
  if (offsetText === undefined) return '';
  return type === EventReadingType.threshold && offset % 2 === 0 ? `${offsetText} ` : offsetText;
}
/** Supermicro's IANA enterprise numbers, for which ipmitool 1.8.19 changes its SEL texts. */
const SUPERMICRO_IANA: ReadonlySet<number> = new Set([10876, 47488]);

/**
 * One line of ipmitool `sel list` (lib/ipmi_sel.c ipmi_sel_print_std_entry): "%4x | " record ID,
 * date and time (or " Pre-Init  |%010d|" for timestamps since initialisation), "Type #0xNN"
 * (no number for sensor 0), event, Asserted/Deasserted. With `sdrs` it is `sel elist`: the
 * sensor's name instead of its number, and for threshold events the trigger reading and threshold.
 */
export function formatSelLine(e: SelEntry, sdrs?: readonly SdrEntry[], manufacturerId?: number): string {
  const id = `${e.recordId.toString(16).padStart(4)} | `;
  const r = e.record;
  if (r.kind !== 'system') {
    const ts = r.kind === 'oemTimestamped' ? `${dateText(r.timestamp)} | ${timeText(r.timestamp)} | ` : '';
    const data = r.kind === 'unknown' ? r.data : r.oemData;
    return `${id}${ts}OEM record ${hex2(r.recordType)} | ${r.kind === 'oemTimestamped' ? `${r.manufacturerId.toString(16).padStart(6, '0')} | ` : ''}${data.toString('hex')}`;
  }
  const when = isPreInitTimestamp(r.timestamp) ? ` Pre-Init  |${String(r.timestamp).padStart(10, '0')}| ` : `${dateText(r.timestamp)} | ${timeText(r.timestamp)} | `;
  const d = describeEvent(r);
  const sdr = sdrs?.find((s) => s.record && (s.record.kind === 'full' || s.record.kind === 'compact' || s.record.kind === 'eventOnly') && s.record.sensorNumber === r.sensorNumber && s.record.sensorType === r.sensorType && s.record.ownerId === (r.generatorId & 0xff))?.record;
  let sensor = d.sensorType;
  if (sdr) sensor += ` ${sensorName(sdr)}`;
  else if (r.sensorNumber !== 0) sensor += ` #0x${hex2(r.sensorNumber)}`;
  let line = `${id}${when}${sensor} | ${eventText(r, d.event, manufacturerId)} | ${d.direction}`;
  // Event Data 1 [7:6] = 01b: byte 2 is the trigger reading; [5:4] = 01b: byte 3 the threshold (v2.0 Table 29-6).
  if (sdrs && sdr?.kind === 'full' && r.eventDirType.eventType === EventReadingType.threshold && (r.eventData1 >> 6) === 1 && ((r.eventData1 >> 4) & 3) === 1) {
    const p = conversionParams(sdr);
    const reading = rawToValue(r.eventData2, p);
    const threshold = rawToValue(r.eventData3, p);
    if (reading !== undefined && threshold !== undefined)
      line += ` | Reading ${formatReading(reading)} ${reading < threshold ? '<' : '>'} Threshold ${formatReading(threshold)} ${sensorUnitText(sdr)}`;
  }
  return line;
}

function sensorUnitText(rec: SdrRecord): string {
  return rec.kind === 'full' ? sensorUnit(rec) : '';
}

// ------------------------------------------------------------------------ fru

const text = (t: TypedText) => typedTextString(t);

/** ipmitool's FRU date: asctime's layout ("Tue Jan  6 09:21:00 2015", day space-padded) in UTC, then "UTC". */
function fruDateText(minutes: number): string {
  const d = fruMinutesToDate(minutes);
  if (!d) return 'Unspecified';
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} ${d.getUTCFullYear()} UTC`;
}

/**
 * ipmitool `fru print` (lib/ipmi_fru.c): " %-22s: %s" per non-empty field (the FRU file ID
 * fields are not printed), a blank line after each device.
 */
export function formatFru(device: FruDevice, image: FruImage | undefined): string[] {
  const lines = [`FRU Device Description : ${device.name} (ID ${device.id})`];
  const field = (k: string, v: TypedText | string | undefined) => {
    const s = v === undefined ? '' : typeof v === 'string' ? v : text(v);
    if (s !== '') lines.push(` ${k.padEnd(22)}: ${s}`);
  };
  if (!image) {
    lines.push(' Device not present (Requested sensor, data, or record not present)', '');
    return lines;
  }
  if (image.chassis) {
    const c = image.chassis;
    field('Chassis Type', fruChassisTypeName(c.chassisType));
    field('Chassis Part Number', c.partNumber);
    field('Chassis Serial', c.serialNumber);
    c.custom.forEach((x) => field('Chassis Extra', x));
  }
  if (image.board) {
    const b = image.board;
    field('Board Mfg Date', fruDateText(b.mfgDateMinutes));
    field('Board Mfg', b.manufacturer);
    field('Board Product', b.productName);
    field('Board Serial', b.serialNumber);
    field('Board Part Number', b.partNumber);
    b.custom.forEach((x) => field('Board Extra', x));
  }
  if (image.product) {
    const p = image.product;
    field('Product Manufacturer', p.manufacturer);
    field('Product Name', p.productName);
    field('Product Part Number', p.partNumber);
    field('Product Version', p.version);
    field('Product Serial', p.serialNumber);
    field('Product Asset Tag', p.assetTag);
    p.custom.forEach((x) => field('Product Extra', x));
  }
  lines.push('');
  return lines;
}

// ------------------------------------------------------------------------ dcmi

/** ipmitool `dcmi power reading` (lib/ipmi_dcmi.c). */
export function formatPowerReading(r: PowerReading): string[] {
  const w = (n: number) => String(n).padStart(8);
  return [
    '',
    `    Instantaneous power reading:              ${w(r.currentWatts)} Watts`,
    `    Minimum during sampling period:           ${w(r.minimumWatts)} Watts`,
    `    Maximum during sampling period:           ${w(r.maximumWatts)} Watts`,
    `    Average power reading over sample period: ${w(r.averageWatts)} Watts`,
    // ipmitool 1.8.19 prints the timestamp without a line end, so the next line follows on it.
    `    IPMI timestamp:                           ${dateText(r.timestamp)} ${timeText(r.timestamp)}` +
      `    Sampling period:                          ${String(Math.floor(r.reportingPeriodMs / 1000)).padStart(8, '0')} Seconds.`,
    `    Power reading state is:                   ${r.state.measurementActive ? 'activated' : 'deactivated'}`,
    '',
    '',
  ];
}

// ------------------------------------------------------------------------ raw

function byteArg(s: string, what: string): number {
  const n = /^0x[0-9a-f]{1,2}$/i.test(s) ? parseInt(s, 16) : /^[0-9a-f]{1,2}$/i.test(s) ? parseInt(s, 16) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > 0xff) throw new UsageError(`raw: ${what} '${s}' is not a byte (hex, 0x optional)`);
  return n;
}

/** ipmitool `raw`: the response data as " xx" bytes, 16 per line; a completion code is an error (exit 1). */
async function raw(dev: BmcDevice, args: string[]): Promise<Output> {
  if (args.length < 2) return usage('raw NETFN CMD [DATA...]');
  const netFn = byteArg(args[0], 'NetFn');
  const cmd = byteArg(args[1], 'command');
  const data = Buffer.from(args.slice(2).map((a) => byteArg(a, 'data byte')));
  if (netFn & 1 || netFn > 0x3f) throw new UsageError(`raw: NetFn 0x${hex2(netFn)} is not a request NetFn`);
  const rsp = await dev.raw({ netFn, cmd, data });
  const json = { cc: rsp.cc, data: rsp.data };
  if (rsp.cc !== 0)
    return {
      lines: [],
      json,
      status: 1,
      stderr: `Unable to send RAW command (channel=0x0 netfn=0x${netFn.toString(16)} lun=0x0 cmd=0x${cmd.toString(16)} rsp=0x${hex2(rsp.cc)}): ${completionText(rsp.cc)}\n`,
    };
  const lines: string[] = [];
  for (let i = 0; i < rsp.data.length; i += 16) lines.push([...rsp.data.subarray(i, i + 16)].map((b) => ` ${hex2(b)}`).join(''));
  return { lines, json };
}

