import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { Document, isPair, isScalar, isSeq, visit } from 'yaml';
import { BridgeError, ConfigErrors, DecodeError, UsageError } from '../../lib/errors';
import {
  AnalogDataFormat,
  EventReadingType,
  Linearization,
  RATE_UNITS,
  THRESHOLD_ABBREVIATIONS,
  eventOffsetName,
  eventReadingTypeName,
  hysteresisToValue,
  maskThresholds,
  rawToValue,
  sensorTypeCode,
  sensorTypeName,
  unitCode,
  unitName,
  type ConversionParams,
  type ThresholdName,
} from '../../codec/sensor';
import { decodeSdrs, type SdrRecord, type SensorSdr, type FullSensorRecord, type McDeviceLocatorRecord, type FruDeviceLocatorRecord } from '../../codec/records/sdr';
import { BMC_GENERATOR_ID, SEL_RECORD_LENGTH, TIMESTAMP_UNSPECIFIED, decodeSels, isPreInitTimestamp, type SystemEventRecord } from '../../codec/records/sel';
import { decodeFru, fruChassisTypeName, fruMinutesToDate, type FruImage } from '../../codec/records/fru';
import { typedTextString, type TypedText } from '../../codec/records/text';
import { BIND_TYPES, HARDWARE_DEFAULTS, stateNames, valueRange } from '../../profile/hardware';
import { ANALOG_FORMATS, LINEARIZATIONS, RATE_NAMES } from '../../profile/hardware-schema';
import { loadProfileRef } from '../../profile';
import type { ProfileSpec } from '../../profile/types';
import { buildSdrRecords } from '../../bmc/state/sdr';

/**
 * `bmcbridge profile import --sdr FILE [--fru [ID=]FILE]... [--sel FILE] [--readings FILE]
 * [--mc-info FILE] --out profiles/x.yaml`: a profile (docs/profiles.md) from the binary files
 * ipmitool writes of a real machine, so it can be cloned into a virtual BMC:
 *
 *   --sdr       `ipmitool sdr dump FILE`: the SDR repository, records back to back (v2.0 §43)
 *   --fru       `ipmitool fru read ID FILE`: a FRU inventory area (FRU v1.0), ID 0 unless ID= is given
 *   --sel       `ipmitool sel writeraw FILE` (16-byte records, v2.0 §32) or `ipmitool sel save FILE` (text)
 *   --readings  `ipmitool sensor list` output: the readings and discrete states at the time,
 *               which become the sensors' values (without it: nominal readings, no states)
 *   --mc-info   `ipmitool mc info` output: device ID, firmware, manufacturer and product IDs
 *
 * The profile is then loaded back with the real loader and the SDRs and FRU images it serves
 * are compared with the originals: FRU images that the area fields cannot reproduce byte for
 * byte are kept as raw hex, and every SDR field a profile cannot express (record sharing,
 * sensor owners other than the BMC, capability bits...) is listed in the file's header and on
 * stderr. Sensor values hold still (constant behaviours).
 */
export interface ProfileImportIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Wall-clock ms, for the SEL entries' ages (default Date.now). */
  now?: () => number;
}

export const PROFILE_IMPORT_USAGE =
  'usage: bmcbridge profile import --sdr FILE [--fru [ID=]FILE]... [--sel FILE] [--readings FILE] [--mc-info FILE] [--description TEXT] --out FILE [--force]';

interface Args {
  sdr: string;
  fru: Map<number, string>;
  sel?: string;
  readings?: string;
  mcInfo?: string;
  description?: string;
  out: string;
  force: boolean;
}

/** The arguments, or a UsageError in commander's words; undefined when --help was printed. */
function parseArgs(argv: readonly string[], io: ProfileImportIo): Args | undefined {
  const fru = new Map<number, string>();
  const program = new Command('bmcbridge profile import')
    .description('a profile from the files ipmitool writes of a machine (docs/control.md "profile import")')
    .exitOverride()
    .configureOutput({ writeOut: (t) => io.stdout(t), writeErr: () => undefined })
    .option('--sdr <file>', '`ipmitool sdr dump` file')
    .option('--fru <[id=]file>', '`ipmitool fru read` file of FRU ID (default 0); repeatable', (v: string) => {
      const m = /^(\d{1,3})=(.+)$/.exec(v);
      const id = m ? Number(m[1]) : 0;
      if (id > 254) throw new UsageError(`--fru ${v}: a FRU device ID is 0..254`);
      if (fru.has(id)) throw new UsageError(`--fru: FRU ${id} given twice`);
      fru.set(id, m ? m[2] : v);
    })
    .option('--sel <file>', '`ipmitool sel writeraw` or `sel save` file')
    .option('--readings <file>', '`ipmitool sensor list` output')
    .option('--mc-info <file>', '`ipmitool mc info` output')
    .option('--description <text>', 'the profile\'s description')
    .option('--out <file>', 'the profile to write')
    .option('--force', 'replace --out if it exists');
  try {
    program.parse(argv as string[], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed') return undefined;
      throw new UsageError(e.message.replace(/^error: /, ''));
    }
    throw e;
  }
  const o = program.opts<{ sdr?: string; sel?: string; readings?: string; mcInfo?: string; description?: string; out?: string; force?: boolean }>();
  if (!o.sdr) throw new UsageError('--sdr FILE is required (an `ipmitool sdr dump` file)');
  if (!o.out) throw new UsageError('--out FILE is required');
  return { sdr: o.sdr, fru, sel: o.sel, readings: o.readings, mcInfo: o.mcInfo, description: o.description, out: o.out, force: !!o.force };
}

function readBinary(file: string, what: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new UsageError(`${what}${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

// ---- numbers and names as a profile writes them ----

/** A value without binary noise (12.06, not 12.059999999999999). */
const num = (v: number) => Number(v.toPrecision(10));
const hex2 = (n: number) => `0x${n.toString(16).padStart(2, '0')}`;
/** A sensor type by name when the loader maps the name back to the same code, else the code. */
function sensorTypeRef(code: number): string | number {
  const name = sensorTypeName(code);
  return sensorTypeCode(name) === code ? name : code;
}
/** An event/reading type as the loader reads it: 'sensor-specific', a generic type's name, or the code. */
function eventTypeRef(code: number): string | number {
  if (code === EventReadingType.threshold) return 'threshold';
  if (code === EventReadingType.sensorSpecific) return 'sensor-specific';
  if (code >= 0x02 && code <= 0x0c) return eventReadingTypeName(code);
  return code;
}
function unitRef(code: number): string | number {
  const name = unitName(code);
  return unitCode(name) === code ? name : code;
}
/** A state by name when the name leads back to the same offset, else the offset. */
function stateRef(names: readonly string[], offset: number): string | number {
  const n = names[offset];
  return n !== undefined && names.findIndex((x) => x.toLowerCase() === n.toLowerCase()) === offset ? n : offset;
}
const offsetsOf = (mask: number) => Array.from({ length: 15 }, (_, o) => o).filter((o) => mask & (1 << o));
const THRESHOLD_KEY = (t: ThresholdName) => THRESHOLD_ABBREVIATIONS[t];

// ---- inputs besides the SDRs ----

/** One line of `ipmitool sensor list`. */
export interface ListedReading {
  value?: number;
  /** Discrete: the asserted states, bit n = offset n. */
  states?: number;
  /** Threshold: what Get Sensor Thresholds answered (ipmitool's columns lnr, lcr, lnc, unc, ucr, unr; "na" = not readable). */
  thresholds?: Partial<Record<'lnr' | 'lcr' | 'lnc' | 'unc' | 'ucr' | 'unr', number>>;
}

/** `ipmitool sensor list`: per ID string, in repository order, the reading and thresholds (threshold) or state bits (discrete). */
export function parseSensorList(text: string): Map<string, ListedReading[]> {
  const out = new Map<string, ListedReading[]>();
  const cells = ['lnr', 'lcr', 'lnc', 'unc', 'ucr', 'unr'] as const;
  const number = (c: string | undefined) => (c !== undefined && c !== 'na' && c !== '' && Number.isFinite(Number(c)) ? Number(c) : undefined);
  for (const line of text.split('\n')) {
    const cols = line.split('|').map((c) => c.trim());
    if (cols.length < 4 || !cols[0]) continue;
    let entry: ListedReading;
    if (cols[2] === 'discrete') {
      // ipmitool prints the two state bytes of Get Sensor Reading: states 7-0, then 14-8 (bit 7 reserved).
      const m = /^0x([0-9a-f]{2})([0-9a-f]{2})$/i.exec(cols[3]);
      entry = m ? { states: parseInt(m[1], 16) | ((parseInt(m[2], 16) & 0x7f) << 8) } : {};
    } else {
      entry = { value: number(cols[1]) };
      if (cols.length >= 10) {
        entry.thresholds = {};
        cells.forEach((k, i) => {
          const v = number(cols[4 + i]);
          if (v !== undefined) entry.thresholds![k] = v;
        });
      }
    }
    const list = out.get(cols[0]) ?? [];
    list.push(entry);
    out.set(cols[0], list);
  }
  return out;
}

/** `ipmitool mc info`: the Get Device ID fields a profile's identity holds. */
export function parseMcInfo(text: string): Record<string, unknown> {
  const field = (name: string) => new RegExp(`^${name}\\s*:\\s*(.+)$`, 'm').exec(text)?.[1].trim();
  const int = (s: string | undefined) => (s === undefined ? undefined : /^\d+/.test(s) ? parseInt(s, 10) : undefined);
  const id: Record<string, unknown> = {};
  const put = (k: string, v: unknown) => v !== undefined && (id[k] = v);
  put('deviceId', int(field('Device ID')));
  put('deviceRevision', int(field('Device Revision')));
  const fw = /^(\d+)\.(\d+)/.exec(field('Firmware Revision') ?? '');
  if (fw) {
    put('firmwareMajor', Number(fw[1]));
    // ipmitool prints the BCD minor byte as two hex digits ("2.05"): they read as decimal digits.
    put('firmwareMinor', Number(fw[2]));
  }
  put('manufacturerId', int(field('Manufacturer ID')));
  put('productId', int(field('Product ID')));
  const aux = /^Aux Firmware Rev Info\s*:\s*\n((?:\s+0x[0-9a-f]{2}\s*\n){4})/im.exec(text);
  if (aux) put('auxFirmware', aux[1].trim().split(/\s+/).map((h) => parseInt(h, 16)));
  const guid = field('Device GUID') ?? field('System GUID');
  if (guid && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(guid)) put('guid', guid.toLowerCase());
  return id;
}

/** `ipmitool sel save`: one event per line, "0x04 0x01 0x01 0x01 0x57 0x5a 0x55 # text" (EvMRev, type, number, dir|type, data 1-3). */
function parseSelSave(text: string): Array<Pick<SystemEventRecord, 'sensorType' | 'sensorNumber' | 'eventDirType' | 'eventData1' | 'eventData2' | 'eventData3'>> {
  const out = [];
  for (const line of text.split('\n')) {
    const bytes = line.split('#')[0].trim().split(/\s+/).filter(Boolean).map((h) => parseInt(h, 16));
    if (bytes.length !== 7 || bytes.some((b) => !(b >= 0 && b <= 0xff))) continue;
    out.push({ sensorType: bytes[1], sensorNumber: bytes[2], eventDirType: { deassertion: (bytes[3] & 0x80) !== 0, eventType: bytes[3] & 0x7f }, eventData1: bytes[4], eventData2: bytes[5], eventData3: bytes[6] });
  }
  return out;
}

// ---- the profile ----

type Raw = Record<string, unknown>;

interface Built {
  profile: Raw;
  /** Sensor key -> the original record, for the comparison. */
  sensors: Map<string, SensorSdr>;
  notes: string[];
}

interface Inputs {
  records: SdrRecord[];
  fru: Map<number, Buffer>;
  sel?: { records: Array<Pick<SystemEventRecord, 'sensorType' | 'sensorNumber' | 'eventDirType' | 'eventData1' | 'eventData2' | 'eventData3'> & { timestamp?: number; generatorId?: number }>; oem: number };
  readings?: Map<string, ListedReading[]>;
  identity: Raw;
  description: string;
  now: number;
  /** FRU IDs whose images are written as raw hex (the areas did not reproduce them). */
  rawFru: Set<number>;
}

function build(inp: Inputs): Built {
  const notes: string[] = [];
  const sensors: Raw = {};
  const originals = new Map<string, SensorSdr>();
  const sensorRecords = inp.records.filter((r): r is SensorSdr => r.kind === 'full' || r.kind === 'compact' || r.kind === 'eventOnly');
  const nameOf = (r: { idString: TypedText }) => typedTextString(r.idString);
  const nameCount = new Map<string, number>();
  for (const r of sensorRecords) nameCount.set(nameOf(r), (nameCount.get(nameOf(r)) ?? 0) + 1);
  const seenNumbers = new Map<number, string>();
  const readingsSeen = new Map<string, number>();

  for (const r of sensorRecords) {
    const name = nameOf(r);
    const label = `sensor "${name}" (${hex2(r.sensorNumber)})`;
    // `sensor list` walks full and compact records in repository order: the n-th line of a name is its n-th record.
    let reading: ListedReading | undefined;
    if (r.kind !== 'eventOnly') {
      // `sensor list` pads names into a column, so trailing spaces ("PS " of a shared record) are lost there.
      const listed = name.trimEnd();
      const k = readingsSeen.get(listed) ?? 0;
      readingsSeen.set(listed, k + 1);
      reading = inp.readings?.get(listed)?.[k];
    }
    if (r.ownerId !== BMC_GENERATOR_ID || r.ownerLun.lun !== 0 || r.ownerLun.channel !== 0) {
      notes.push(`${label}: left out, owned by ${hex2(r.ownerId)} LUN ${r.ownerLun.lun} channel ${r.ownerLun.channel} (a profile's sensors belong to the BMC, 20h LUN 0)`);
      continue;
    }
    if (r.sensorNumber === 0xff) {
      notes.push(`${label}: left out, sensor number FFh is reserved`);
      continue;
    }
    const other = seenNumbers.get(r.sensorNumber);
    if (other !== undefined) {
      notes.push(`${label}: left out, its number is also ${other}'s`);
      continue;
    }
    // A shared record (v2.0 §43.2) becomes a profile `share`, when the loader can serve it as one.
    let share: Raw | undefined;
    if (r.kind !== 'full' && r.sharing.shareCount > 1) {
      const sh = r.sharing;
      const taken = [...Array(sh.shareCount - 1).keys()].map((i) => seenNumbers.get(r.sensorNumber + i + 1)).find((x) => x !== undefined);
      let why: string | undefined;
      if (r.eventReadingType === EventReadingType.threshold) why = 'a compact threshold record is served as a full record, which cannot be shared';
      else if (sh.idInstanceModifierType > 1) why = `its ID string instance modifier type ${sh.idInstanceModifierType} is reserved`;
      else if (r.sensorNumber + sh.shareCount - 1 > 254) why = 'its sensors would run past number FEh';
      else if (sh.entityInstanceSharing && r.entityInstance.instance + sh.shareCount - 1 > 127) why = 'its entity instances would run past 127';
      else if (taken !== undefined) why = `a number of it is taken by ${taken}`;
      if (why) notes.push(`${label}: record sharing (${sh.shareCount} sensors in one record) kept as its first sensor only: ${why}`);
      else
        share = {
          count: sh.shareCount,
          ...(sh.idInstanceModifierType === 1 ? { modifier: 'alpha' } : {}),
          ...(sh.idInstanceModifierOffset ? { offset: sh.idInstanceModifierOffset } : {}),
          ...(sh.entityInstanceSharing ? { entityInstances: true } : {}),
        };
    }
    const printable = /^[\x20-\x7e]{1,16}$/.test(name);
    const idName = printable ? name : `Sensor ${hex2(r.sensorNumber)}`;
    if (!printable) notes.push(`${label}: ID string is not printable ASCII; named "${idName}"`);
    const key = (nameCount.get(name) ?? 0) > 1 || !printable || /^\d+$/.test(idName) ? `${idName} (${hex2(r.sensorNumber)})` : idName;
    seenNumbers.set(r.sensorNumber, `"${key}"`);
    if (share) for (let i = 1; i < (share.count as number); i++) seenNumbers.set(r.sensorNumber + i, `"${key}"`);
    originals.set(key, r);
    const s: Raw = {};
    if (key !== idName) s.name = idName;
    s.number = r.sensorNumber;
    const threshold = r.eventReadingType === EventReadingType.threshold;
    if (r.kind === 'eventOnly') s.record = 'eventOnly';
    else if (threshold && r.kind === 'compact') notes.push(`${label}: a compact threshold record has no conversion factors; served as a full record with M = 1`);
    else if (!threshold && r.kind === 'full') notes.push(`${label}: a discrete sensor's full record is served as a compact record`);
    s.entity = [r.entityId, r.entityInstance.instance];
    s.type = sensorTypeRef(r.sensorType);
    // The loader's default event type: threshold for sensors with a reading, sensor-specific for the others.
    if (r.kind === 'eventOnly' ? r.eventReadingType !== EventReadingType.sensorSpecific : !threshold && r.eventReadingType !== EventReadingType.sensorSpecific)
      s.eventType = eventTypeRef(r.eventReadingType);
    if (r.kind !== 'eventOnly') {
      if (threshold) Object.assign(s, analogOf(r, reading, label, notes));
      else Object.assign(s, discreteOf(r, reading, label, notes));
    }
    if (share) s.share = share;
    sensors[key] = s;
  }

  const profile: Raw = { description: inp.description, identity: inp.identity };
  const mc = inp.records.find((r): r is McDeviceLocatorRecord => r.kind === 'mcDeviceLocator' && r.deviceSlaveAddress === BMC_GENERATOR_ID);
  if (mc) {
    (profile.identity as Raw).capabilities = { ...mc.capabilities };
    const mcName = typedTextString(mc.idString);
    profile.sdr = { mcName: mcName.slice(0, 16), mcEntity: [mc.entityId, mc.entityInstance.instance] };
  } else notes.push('no MC Device Locator record for the BMC: the virtual BMC serves one (`sdr elist all` and `sdr elist mcloc` show it)');
  const assoc = inp.records.flatMap((r) => (r.kind === 'entityAssociation' ? [r] : []));
  if (assoc.length) {
    (profile.sdr ??= {}) as Raw;
    (profile.sdr as Raw).entityAssociations = assoc.map((a) => ({
      container: [a.containerEntityId, a.containerEntityInstance],
      contained: a.contained.filter((c) => c.entityId !== 0).map((c) => [c.entityId, c.instance]),
      ...(a.flags.range ? { range: true } : {}),
    }));
  }
  const left = new Map<string, number>();
  for (const r of inp.records) {
    const what =
      r.kind === 'unknown'
        ? `record type ${hex2(r.recordType)}`
        : r.kind === 'mcDeviceLocator' && r !== mc
          ? 'MC device locator of another controller'
          : r.kind === 'fruDeviceLocator' && (!r.access.logical || r.deviceAccessAddress !== BMC_GENERATOR_ID)
            ? 'FRU device locator of a non-logical or non-BMC FRU'
            : undefined;
    if (what) left.set(what, (left.get(what) ?? 0) + 1);
  }
  for (const [what, n] of left) notes.push(`${n} SDR ${what}${n > 1 ? 's' : ''}: left out (a profile cannot describe ${n > 1 ? 'them' : 'it'})`);
  profile.sensors = sensors;

  // A Map keeps the FRU IDs numbers, so the YAML reads `0:` as the hand-written profiles do.
  const frus = new Map<number, Raw>();
  const locators = inp.records.filter((r): r is FruDeviceLocatorRecord => r.kind === 'fruDeviceLocator' && r.access.logical && r.deviceAccessAddress === BMC_GENERATOR_ID);
  const ids = new Set([...locators.map((l) => l.fruDeviceId), ...inp.fru.keys()]);
  for (const id of [...ids].sort((a, b) => a - b)) {
    const loc = locators.find((l) => l.fruDeviceId === id);
    const f: Raw = {};
    if (loc) {
      const n = typedTextString(loc.idString);
      if (/^[\x20-\x7e]{0,16}$/.test(n)) f.name = n;
      f.entity = [loc.fruEntityId, loc.fruEntityInstance];
    } else if (id !== 0) notes.push(`FRU ${id}: no FRU device locator in the SDRs; it gets one`);
    const image = inp.fru.get(id);
    if (image) {
      f.size = Math.min(65535, Math.max(64, image.length));
      if (inp.rawFru.has(id)) f.raw = image.toString('hex');
      else Object.assign(f, fruAreas(decodeFru(image)));
    } else if (id === 0 || loc) notes.push(`FRU ${id}${loc ? ` ("${typedTextString(loc.idString)}")` : ''}: no --fru file; its areas are empty`);
    frus.set(id, f);
  }
  if (frus.size) profile.fru = frus;

  if (inp.sel) {
    const byNumber = new Map(sensorRecords.map((r) => [r.sensorNumber, r]));
    const keyOf = new Map([...originals].map(([k, r]) => [r, k]));
    const entries = inp.sel.records.map((e) => {
      const out: Raw = {};
      const ts = e.timestamp;
      out.secondsAgo = ts === undefined || ts === TIMESTAMP_UNSPECIFIED || isPreInitTimestamp(ts) ? 0 : Math.max(0, Math.floor(inp.now / 1000) - ts);
      const rec = (e.generatorId ?? BMC_GENERATOR_ID) === BMC_GENERATOR_ID ? byNumber.get(e.sensorNumber) : undefined;
      const key = rec && keyOf.get(rec);
      const et = e.eventDirType.eventType;
      if (key && rec.sensorType === e.sensorType && rec.eventReadingType === et) out.sensor = key;
      else Object.assign(out, { sensorType: e.sensorType, sensorNumber: e.sensorNumber, eventType: et });
      const offset = e.eventData1 & 0x0f;
      const names = et === EventReadingType.threshold ? Array.from({ length: 12 }, (_, o) => eventOffsetName(1, 0, o)!) : stateNames(et, e.sensorType);
      out.event = stateRef(names, offset);
      if (e.eventDirType.deassertion) out.deassert = true;
      out.eventData = [e.eventData1, e.eventData2, e.eventData3];
      if (e.generatorId !== undefined && e.generatorId !== BMC_GENERATOR_ID) out.generatorId = e.generatorId;
      return out;
    });
    const pre = inp.sel.records.filter((e) => e.timestamp !== undefined && (e.timestamp === TIMESTAMP_UNSPECIFIED || isPreInitTimestamp(e.timestamp))).length;
    // A SEL whose every stamp counts from the BMC's initialisation (v2.0 §37.1) keeps such a clock.
    const preInit = pre > 0 && pre === inp.sel.records.length;
    if (pre) notes.push(`${pre} SEL entr${pre > 1 ? 'ies have' : 'y has'} no real timestamp (pre-init or unspecified): logged at start${preInit ? ' on a pre-init SEL clock' : ''}`);
    if (inp.sel.oem) notes.push(`${inp.sel.oem} OEM SEL record${inp.sel.oem > 1 ? 's' : ''}: left out (a profile's SEL entries are system events)`);
    profile.sel = { capacity: Math.min(4095, Math.max(HARDWARE_DEFAULTS.sel.capacity, entries.length)), ...(preInit ? { clock: 'pre-init' } : {}), entries };
  }
  return { profile, sensors: originals, notes };
}

function analogOf(r: FullSensorRecord | Extract<SensorSdr, { kind: 'compact' }>, reading: ListedReading | undefined, label: string, notes: string[]): Raw {
  const s: Raw = {};
  const full = r.kind === 'full' ? r : undefined;
  const u = r.units;
  const simple = u.modifierUnit === 0 && u.rateUnit === 0 && !u.percentage;
  if (simple) {
    if (r.baseUnit !== 0) s.units = unitRef(r.baseUnit);
  } else {
    const units: Raw = { base: unitRef(r.baseUnit) };
    if (u.modifierUnit) Object.assign(units, { modifier: unitRef(r.modifierUnitCode), op: u.modifierUnit === 1 ? 'divide' : 'multiply' });
    if (u.modifierUnit === 3) notes.push(`${label}: modifier unit operation 3 (reserved) is served as multiply`);
    if (u.rateUnit) units.rate = RATE_NAMES[u.rateUnit] ?? (notes.push(`${label}: rate unit ${u.rateUnit} (${RATE_UNITS[u.rateUnit]}) is left out`), undefined);
    if (u.percentage) units.percentage = true;
    s.units = units;
  }
  let format = u.analogDataFormat;
  if (format === AnalogDataFormat.noAnalogReading) {
    notes.push(`${label}: a threshold sensor without an analog reading (format 3) is served as unsigned`);
    format = AnalogDataFormat.unsigned;
  }
  if (format !== AnalogDataFormat.unsigned) s.format = ANALOG_FORMATS[format];
  const lin = full?.linearization ?? Linearization.linear;
  const linName = LINEARIZATIONS.find((n) => Linearization[n] === lin);
  if (!linName) notes.push(`${label}: linearization ${hex2(lin)} (non-linear, read with Get Sensor Reading Factors) is served as linear`);
  else if (linName !== 'linear') s.linearization = linName;
  const f = full?.factors ?? { m: 1, b: 0, bExp: 0, rExp: 0, tolerance: 0, accuracy: 0, accuracyExp: 0, sensorDirection: 0 };
  const factors: Raw = { m: f.m };
  if (f.b) factors.b = f.b;
  if (f.bExp) factors.bExp = f.bExp;
  if (f.rExp) factors.rExp = f.rExp;
  s.factors = f.m === 0 ? ((notes.push(`${label}: M is 0 (every reading the same); served with M = 1`), { ...factors, m: 1 }) as Raw) : factors;
  if (f.tolerance) s.tolerance = f.tolerance;
  if (f.accuracy) s.accuracy = f.accuracy;
  if (f.accuracyExp) s.accuracyExp = f.accuracyExp;
  const p: ConversionParams = { m: (s.factors as { m: number }).m, b: f.b, bExp: f.bExp, rExp: f.rExp, linearization: linName ? lin : Linearization.linear, analogDataFormat: format };
  const value = (raw: number) => num(rawToValue(raw, p)!);
  let readable = maskThresholds(r.readingMask & 0x3f);
  const settable = maskThresholds((r.readingMask >> 8) & 0x3f);
  const thresholds: Raw = {};
  const live = reading?.thresholds;
  if (live) {
    // The thresholds the BMC answered (Get Sensor Thresholds, as `sensor list` printed them) are
    // the ones in force: they win over the SDR's initial values and readable mask.
    const liveOf = (t: ThresholdName) => live[THRESHOLD_KEY(t) as keyof typeof live];
    const answered = maskThresholds(0x3f).filter((t) => liveOf(t) !== undefined);
    const order = ['lnr', 'lcr', 'lnc', 'unc', 'ucr', 'unr'];
    const said = (ts: ThresholdName[]) =>
      ts
        .map(THRESHOLD_KEY)
        .sort((a, b) => order.indexOf(a) - order.indexOf(b))
        .join(', ') || 'none';
    if (said(answered) !== said(readable)) notes.push(`${label}: readable thresholds as the BMC answers them (${said(answered)}), not as its SDR says (${said(readable)})`);
    readable = answered;
    for (const t of readable) thresholds[THRESHOLD_KEY(t)] = clampTo(liveOf(t)!, p);
  } else if (full) for (const t of readable) thresholds[THRESHOLD_KEY(t)] = value(full.thresholds[t]);
  else if (readable.length) notes.push(`${label}: a compact record holds no threshold values; its thresholds are left out`);
  if (Object.keys(thresholds).length) s.thresholds = orderThresholds(thresholds);
  if (full && (settable.length !== readable.length || settable.some((t) => !readable.includes(t))))
    s.settable = settable.filter((t) => readable.includes(t)).map(THRESHOLD_KEY);
  const hyst = { positive: num(hysteresisToValue(r.positiveHysteresis, p)), negative: num(hysteresisToValue(r.negativeHysteresis, p)) };
  if (hyst.positive || hyst.negative) s.hysteresis = hyst;
  if (full?.analogFlags.nominalSpecified) s.nominal = value(full.nominalReading);
  if (full?.analogFlags.normalMinSpecified) s.normalMin = value(full.normalMinimum);
  if (full?.analogFlags.normalMaxSpecified) s.normalMax = value(full.normalMaximum);
  s.initial = reading?.value !== undefined ? clampTo(reading.value, p) : initialGuess(s, p);
  return s;
}

/** A reading from `sensor list`, within what the sensor can report. */
function clampTo(v: number, p: ConversionParams): number {
  const { lo, hi } = valueRange(p);
  return num(Math.min(hi, Math.max(lo, v)));
}

/** Without a reading: the nominal reading, else the middle of the normal band (between the innermost thresholds). */
function initialGuess(s: Raw, p: ConversionParams): number {
  if (s.nominal !== undefined) return s.nominal as number;
  if (s.normalMin !== undefined && s.normalMax !== undefined) return num(((s.normalMin as number) + (s.normalMax as number)) / 2);
  const t = (s.thresholds ?? {}) as Record<string, number>;
  const { lo: rangeLo, hi: rangeHi } = valueRange(p);
  const lo = t.lnc ?? t.lcr ?? t.lnr ?? rangeLo;
  const hi = t.unc ?? t.ucr ?? t.unr ?? rangeHi;
  return clampTo((lo + hi) / 2, p);
}

function orderThresholds(t: Raw): Raw {
  const out: Raw = {};
  for (const k of ['lnr', 'lcr', 'lnc', 'unc', 'ucr', 'unr']) if (t[k] !== undefined) out[k] = t[k];
  return out;
}

function discreteOf(r: SensorSdr & { kind: 'full' | 'compact' }, reading: { states?: number } | undefined, label: string, notes: string[]): Raw {
  const s: Raw = {};
  const names = stateNames(r.eventReadingType, r.sensorType);
  const all = names.length ? names.map((_, i) => i) : [0];
  const readable = offsetsOf(r.readingMask & 0x7fff);
  const same = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  if (readable.length === 0) notes.push(`${label}: its reading mask is empty; served with every state of its type`);
  else if (!same(readable, all)) s.readableStates = readable.map((o) => stateRef(names, o));
  const effective = readable.length ? readable : all;
  const assert = offsetsOf(r.assertionMask & 0x7fff).filter((o) => effective.includes(o));
  const deassert = offsetsOf(r.deassertionMask & 0x7fff).filter((o) => effective.includes(o));
  if (!same(assert, effective)) s.events = assert.map((o) => stateRef(names, o));
  if (!same(deassert, assert)) s.deassertEvents = deassert.map((o) => stateRef(names, o));
  if (reading?.states !== undefined) {
    const on = offsetsOf(reading.states).filter((o) => effective.includes(o));
    if (on.length) s.states = on.map((o) => stateRef(names, o));
  }
  if (r.eventReadingType === EventReadingType.sensorSpecific)
    for (const [bind, types] of Object.entries(BIND_TYPES)) if (types.includes(r.sensorType)) s.bind = bind;
  return s;
}

function text(v: TypedText): string {
  return typedTextString(v);
}

/** The fields that are not empty (the loader writes an absent field as an empty one). */
function present(o: Raw): Raw {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined && !(Array.isArray(v) && v.length === 0)));
}

/** A FRU image as a profile's areas (verified afterwards: what they cannot reproduce is kept raw). */
function fruAreas(img: FruImage): Raw {
  const f: Raw = {};
  if (img.internalUse) f.internalUse = img.internalUse.toString('hex');
  if (img.chassis) {
    const c = img.chassis;
    const name = fruChassisTypeName(c.chassisType);
    f.chassis = present({ type: name !== 'Unknown' ? name : c.chassisType, partNumber: text(c.partNumber), serialNumber: text(c.serialNumber), custom: c.custom.map(text) });
  }
  if (img.board) {
    const b = img.board;
    const date = fruMinutesToDate(b.mfgDateMinutes);
    f.board = present({
      manufacturer: text(b.manufacturer),
      productName: text(b.productName),
      serialNumber: text(b.serialNumber),
      partNumber: text(b.partNumber),
      fruFileId: text(b.fruFileId),
      mfgDate: date?.toISOString().replace(/:00\.000Z$/, ':00Z'),
      custom: b.custom.map(text),
    });
  }
  if (img.product) {
    const p = img.product;
    f.product = present({
      manufacturer: text(p.manufacturer),
      name: text(p.productName),
      partNumber: text(p.partNumber),
      version: text(p.version),
      serialNumber: text(p.serialNumber),
      assetTag: text(p.assetTag),
      fruFileId: text(p.fruFileId),
      custom: p.custom.map(text),
    });
  }
  const psus = (img.multiRecords ?? []).flatMap((m) => (m.kind === 'powerSupply' ? [m.powerSupply] : []));
  if (psus.length)
    f.powerSupplies = psus.map((p) => ({
      capacityWatts: p.overallCapacityWatts,
      peakVa: p.peakVa,
      inrushCurrentAmps: p.inrushCurrent,
      inrushIntervalMs: p.inrushIntervalMs,
      inputVoltage: [
        [p.inputVoltageRange1Low10mV / 100, p.inputVoltageRange1High10mV / 100],
        ...(p.inputVoltageRange2Low10mV || p.inputVoltageRange2High10mV ? [[p.inputVoltageRange2Low10mV / 100, p.inputVoltageRange2High10mV / 100]] : []),
      ],
      frequencyHz: [p.inputFrequencyLowHz, p.inputFrequencyHighHz],
      dropoutToleranceMs: p.inputDropoutToleranceMs,
      hotSwap: p.flags.hotSwap,
      autoswitch: p.flags.autoswitch,
      powerFactorCorrection: p.flags.powerFactorCorrection,
      predictiveFailure: p.flags.predictiveFailSupport,
      holdUpSec: p.peakWattage.holdUpTimeSeconds,
      peakWatts: p.peakWattage.peakCapacityWatts,
    }));
  return f;
}

// ---- output ----

/** The keys of the mappings above a node, outermost first (["sensors", "CPU Temp", "thresholds"]). */
function keyPath(ancestors: readonly unknown[]): string[] {
  return ancestors.flatMap((a) => (isPair(a) && isScalar(a.key) ? [String(a.key.value)] : []));
}

/** YAML laid out as the hand-written profiles are: hex numbers, one line per small mapping, discrete sensor and SEL entry. */
function render(b: Built, header: string[]): string {
  const doc = new Document(b.profile);
  const oneLine = new Set(['thresholds', 'hysteresis', 'factors', 'units', 'capabilities']);
  visit(doc, {
    Pair(_, pair) {
      const k = isScalar(pair.key) ? pair.key.value : undefined;
      if ((k === 'number' || k === 'sensorNumber') && isScalar(pair.value) && typeof pair.value.value === 'number') pair.value.format = 'HEX';
      // Entity IDs in hex, as v2.0 Table 43-13 lists them (29.1 is [0x1d, 1]).
      const first = isSeq(pair.value) ? pair.value.items[0] : undefined;
      if ((k === 'entity' || k === 'mcEntity') && isScalar(first)) first.format = 'HEX';
    },
    Seq(_, seq) {
      if (seq.items.every((i) => isScalar(i) || (isSeq(i) && i.items.every(isScalar)))) seq.flow = true;
    },
    Map(_, map, ancestors) {
      const keys = keyPath(ancestors);
      const last = keys[keys.length - 1];
      const analog = map.items.some((i) => isScalar(i.key) && i.key.value === 'factors');
      if (oneLine.has(last) || (keys.length === 2 && keys[0] === 'sensors' && !analog) || keys.some((k) => ['entries', 'entityAssociations', 'powerSupplies'].includes(k))) map.flow = true;
    },
  });
  const body = doc
    .toString({ lineWidth: 0, flowCollectionPadding: false })
    .replace(/((?:number: |ntity: \[)0x)([0-9a-f])\b/gi, '$10$2')
    .replace(/^(sensors|fru|sel|sdr):/gm, '\n$1:');
  return `${header.map((l) => `# ${l}`.trimEnd()).join('\n')}\n${body}`;
}

/** Field paths where two decoded records differ (record IDs aside). */
function differences(a: unknown, b: unknown, at = ''): string[] {
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b) ? [] : [at];
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    keys.delete('recordId');
    return [...keys].flatMap((k) => differences((a as Raw)[k], (b as Raw)[k], at ? `${at}.${k}` : k));
  }
  return a === b ? [] : [at];
}

/** What the loaded profile serves that the originals did not say. */
function compare(b: Built, loaded: ProfileSpec, fru: Map<number, Buffer>): { sdr: string[]; fru: number[] } {
  const served = buildSdrRecords(loaded);
  const out: string[] = [];
  for (const [key, orig] of b.sensors) {
    const spec = loaded.sensors?.find((s) => s.key === key);
    const rec = spec && served.find((r) => (r.kind === 'full' || r.kind === 'compact' || r.kind === 'eventOnly') && r.sensorNumber === spec.number);
    // A record of another kind (a discrete sensor's full record) is noted once, when it is built.
    if (!rec || rec.kind !== orig.kind) continue;
    const diff = differences(rec, orig).filter((d) => !(d === 'sdrVersion'));
    if (diff.length) out.push(`sensor "${key}": served differently: ${diff.join(', ')}`);
  }
  const badFru: number[] = [];
  for (const [id, image] of fru) {
    const spec = loaded.fru?.find((f) => f.id === id);
    const ours = spec && Buffer.from(spec.image, 'hex');
    if (!ours || !ours.equals(image)) badFru.push(id);
  }
  return { sdr: out, fru: badFru };
}

export async function runProfileImport(argv: string[], io: ProfileImportIo): Promise<number> {
  try {
    const a = parseArgs(argv, io);
    if (!a) return 0;
    const now = (io.now ?? Date.now)();
    let records: SdrRecord[];
    const sdrBytes = readBinary(a.sdr, '--sdr ');
    try {
      records = decodeSdrs(sdrBytes);
    } catch (e) {
      if (e instanceof DecodeError) throw new UsageError(`--sdr ${a.sdr}: not an \`ipmitool sdr dump\` file: ${e.message}`);
      throw e;
    }
    const fru = new Map<number, Buffer>();
    for (const [id, file] of a.fru) {
      const image = readBinary(file, `--fru ${id}=`);
      try {
        decodeFru(image);
      } catch (e) {
        if (e instanceof DecodeError) throw new UsageError(`--fru ${file}: not an \`ipmitool fru read\` file: ${e.message}`);
        throw e;
      }
      fru.set(id, image);
    }
    let sel: Inputs['sel'];
    if (a.sel) {
      const bytes = readBinary(a.sel, '--sel ');
      const asText = bytes.toString('latin1');
      if (/^\s*0x[0-9a-f]{2}(\s+0x[0-9a-f]{2}){6}/im.test(asText)) sel = { records: parseSelSave(asText), oem: 0 };
      else if (bytes.length % SEL_RECORD_LENGTH === 0) {
        const recs = decodeSels(bytes);
        sel = { records: recs.flatMap((r) => (r.kind === 'system' ? [r] : [])), oem: recs.filter((r) => r.kind !== 'system').length };
      } else throw new UsageError(`--sel ${a.sel}: neither \`ipmitool sel writeraw\` records (16 bytes each) nor \`ipmitool sel save\` text`);
    }
    const readings = a.readings ? parseSensorList(readBinary(a.readings, '--readings ').toString('utf8')) : undefined;
    const identity: Raw = { manufacturerId: 0, productId: 0, ...(a.mcInfo ? parseMcInfo(readBinary(a.mcInfo, '--mc-info ').toString('utf8')) : {}) };
    const description = a.description ?? `Imported from ${path.basename(a.sdr)}`;
    const out = path.resolve(a.out);
    if (fs.existsSync(out) && !a.force) throw new UsageError(`${a.out} exists (--force replaces it)`);

    const inputs: Inputs = { records, fru, sel, readings, identity, description, now, rawFru: new Set() };
    const header = (b: Built, fruRaw: Set<number>) => {
      const counts = new Map<string, number>();
      for (const r of records) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
      return [
        `Imported by \`bmcbridge profile import\` on ${new Date(now).toISOString().slice(0, 10)} from:`,
        `  sdr: ${path.basename(a.sdr)} (${records.length} records: ${[...counts].map(([k, n]) => `${n} ${k}`).join(', ')})`,
        ...[...a.fru].map(([id, f]) => `  fru ${id}: ${path.basename(f)} (${fru.get(id)!.length} bytes${fruRaw.has(id) ? ', kept as raw hex: the area fields do not reproduce it' : ''})`),
        ...(a.sel ? [`  sel: ${path.basename(a.sel)} (${sel!.records.length} entries)`] : []),
        ...(a.readings ? [`  readings: ${path.basename(a.readings)}`] : ['  readings: none (values are nominal readings; discrete sensors start with no state asserted)']),
        ...(a.mcInfo ? [`  mc info: ${path.basename(a.mcInfo)}`] : ['  identity: manufacturerId and productId are 0: set them from `ipmitool mc info`']),
        'Sensor values hold still (constant behaviours): give them behaviours to make them move.',
        ...(b.notes.length ? ['', 'Not reproduced:', ...b.notes.map((n) => `  ${n}`)] : []),
      ];
    };

    // Write, load back with the real loader, compare; FRU images the areas cannot reproduce go raw.
    const tmp = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.tmp${path.extname(out) || '.yaml'}`);
    let built = build(inputs);
    let result: { sdr: string[]; fru: number[] } | undefined;
    try {
      for (let pass = 0; pass < 2; pass++) {
        fs.writeFileSync(tmp, render(built, header(built, inputs.rawFru)));
        let loaded: ProfileSpec;
        try {
          loaded = loadProfileRef(tmp);
        } catch (e) {
          if (e instanceof ConfigErrors) {
            io.stderr(`bmcbridge profile import: the profile made from these files does not load (please report this):\n${e.problems.map((p) => `  ${p.path}: ${p.reason}`).join('\n')}\n`);
            return 1;
          }
          throw e;
        }
        result = compare(built, loaded, fru);
        if (result.fru.length === 0 || pass === 1) break;
        for (const id of result.fru) inputs.rawFru.add(id);
        built = build(inputs);
      }
      built.notes.push(...result!.sdr);
      fs.writeFileSync(tmp, render(built, header(built, inputs.rawFru)));
      fs.renameSync(tmp, out);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    // A shared record serves `share.count` sensors.
    const nSensors = Object.values(built.profile.sensors as Record<string, Raw>).reduce((n, x) => n + (((x.share as Raw | undefined)?.count as number | undefined) ?? 1), 0);
    const nFru = (built.profile.fru as Map<number, Raw> | undefined)?.size ?? 0;
    io.stdout(`wrote ${a.out}: ${nSensors} sensors, ${nFru} FRU device(s)${sel ? `, ${sel.records.length} SEL entries` : ''}\n`);
    for (const n of built.notes) io.stderr(`bmcbridge profile import: note: ${n}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`bmcbridge profile import: ${e.message}\n${PROFILE_IMPORT_USAGE}\n`);
      return 2;
    }
    if (e instanceof BridgeError) {
      io.stderr(`bmcbridge profile import: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
