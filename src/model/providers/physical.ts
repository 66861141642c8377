import type { CimInstance, CimValue } from '../types';
import type { Schema } from '../classes/schema';
import type { DeviceView } from '../cache';
import { FruImage, fruMinutesToDate } from '../../codec/records/fru';
import { TypedText, typedTextString } from '../../codec/records/text';
import { fruLocator } from '../mapping/sdr';
import { instance, Provider, wants } from './types';

/**
 * Physical inventory from FRU data (an extension, DSP1011 Physical Asset; research note
 * §2.10). Each FRU device gives up to three elements:
 *   chassis info area  -> CIM_Chassis   Tag IPMI:<device>:FRU:<id>:chassis
 *   board info area    -> CIM_Card      Tag IPMI:<device>:FRU:<id>:board
 *   product info area  -> the chassis when the FRU has one (FRU 0 describes the whole system),
 *                         else CIM_PhysicalPackage  Tag IPMI:<device>:FRU:<id>
 */
export interface PhysicalElement {
  instance: CimInstance;
  fruId: number;
  /** The IPMI entity (v2.0 §39, Table 43-13) it stands for, matched against sensors' entities. */
  entity?: { id: number; instance: number };
}

// Entity IDs (v2.0 Table 43-13).
const Entity = { systemBoard: 0x07, systemChassis: 0x17 } as const;
/** Entity ID -> CIM_PhysicalPackage.PackageType (research note §2.10). */
const PACKAGE_TYPE: Record<number, number> = {
  0x03: 12, // processor
  0x04: 15, // disk or disk bay
  0x07: 9, // system board
  0x08: 13, // memory module
  0x0a: 6, // power supply
  0x0b: 9, // add-in card
  0x0f: 4, // system internal expansion board / backplane
  0x1d: 7, // fan / cooling device
  0x1e: 7, // cooling unit
  0x20: 13, // memory device
  0x28: 11, // battery
};

const text = (t: TypedText | undefined): string | undefined => {
  if (t === undefined) return undefined;
  const s = typedTextString(t).trim();
  return s === '' ? undefined : s;
};

export function physicalTag(device: string, fruId: number, area?: 'chassis' | 'board'): string {
  return `IPMI:${device}:FRU:${fruId}${area ? ':' + area : ''}`;
}
export function deviceOfTag(tag: unknown): string | undefined {
  if (typeof tag !== 'string' || !tag.startsWith('IPMI:')) return undefined;
  const i = tag.lastIndexOf(':FRU:');
  return i > 5 ? tag.slice(5, i) : undefined;
}

/** Every physical element of a device, FRU by FRU. */
export function physicalElements(view: DeviceView, schema: Schema): PhysicalElement[] {
  const out: PhysicalElement[] = [];
  for (const [id, fru] of view.fru ?? []) out.push(...fruElements(view, schema, id, fru));
  return out;
}

function fruElements(view: DeviceView, schema: Schema, id: number, fru: FruImage): PhysicalElement[] {
  const out: PhysicalElement[] = [];
  const loc = fruLocator(view.sdrs, id);
  const locEntity = loc ? { id: loc.fruEntityId, instance: loc.fruEntityInstance & 0x7f } : undefined;
  const fruName = loc ? text(loc.idString) : id === 0 ? 'Builtin FRU Device' : undefined;
  const p = fru.product;
  const common = (tag: string, cls: string): Record<string, CimValue | undefined> => ({ Tag: tag, CreationClassName: cls });
  if (fru.chassis) {
    const c = fru.chassis;
    const values: Record<string, CimValue | undefined> = {
      ...common(physicalTag(view.name, id, 'chassis'), 'CIM_Chassis'),
      ElementName: text(p?.productName) ?? fruName ?? 'Chassis',
      Caption: 'Chassis',
      Manufacturer: text(p?.manufacturer),
      Model: text(p?.productName),
      SKU: text(p?.partNumber),
      Version: text(p?.version),
      UserTracking: text(p?.assetTag),
      PartNumber: text(c.partNumber),
      SerialNumber: text(c.serialNumber),
      // FRU Chassis Type is an SMBIOS chassis type code; CIM ChassisTypes uses the same numbering.
      ChassisTypes: [c.chassisType],
      PackageType: 3,
      CanBeFRUed: false,
    };
    if (view.power) {
      // Get Chassis Status byte 3 [0]: chassis intrusion active (v2.0 Table 28-3).
      values.SecurityBreach = view.power.misc.intrusion ? 5 : 3;
      values.PoweredOn = view.power.power.on;
    }
    out.push({ instance: instance(schema, 'CIM_Chassis', values), fruId: id, entity: id === 0 ? { id: Entity.systemChassis, instance: 1 } : locEntity });
  }
  if (fru.board) {
    const b = fru.board;
    out.push({
      instance: instance(schema, 'CIM_Card', {
        ...common(physicalTag(view.name, id, 'board'), 'CIM_Card'),
        ElementName: text(b.productName) ?? fruName ?? 'Board',
        Caption: 'Board',
        Manufacturer: text(b.manufacturer),
        Model: text(b.productName),
        SerialNumber: text(b.serialNumber),
        PartNumber: text(b.partNumber),
        ManufactureDate: b.mfgDateMinutes ? fruMinutesToDate(b.mfgDateMinutes) : undefined,
        // FRU 0 is the BMC's own board: the baseboard (motherboard).
        HostingBoard: id === 0,
        PackageType: 9,
        CanBeFRUed: true,
        PoweredOn: view.power?.power.on,
      }),
      fruId: id,
      entity: locEntity ?? (id === 0 ? { id: Entity.systemBoard, instance: 1 } : undefined),
    });
  }
  if (p && !fru.chassis) {
    const entity = fru.board ? undefined : locEntity;
    out.push({
      instance: instance(schema, 'CIM_PhysicalPackage', {
        ...common(physicalTag(view.name, id), 'CIM_PhysicalPackage'),
        ElementName: text(p.productName) ?? fruName,
        Caption: fruName,
        Manufacturer: text(p.manufacturer),
        Model: text(p.productName),
        SKU: text(p.partNumber),
        Version: text(p.version),
        SerialNumber: text(p.serialNumber),
        UserTracking: text(p.assetTag),
        PackageType: locEntity ? (PACKAGE_TYPE[locEntity.id] ?? 1) : 0,
        CanBeFRUed: true,
      }),
      fruId: id,
      entity,
    });
  }
  return out;
}

const POWER_PROPS = ['SecurityBreach', 'PoweredOn'];

/** One provider per physical class, all built from physicalElements(). */
export function physicalProviders(schema: Schema): Provider[] {
  return ['CIM_Chassis', 'CIM_Card', 'CIM_PhysicalPackage'].map(
    (cls): Provider => ({
      className: cls,
      scope: 'device',
      parts: (props) => ['fru', ...(wants(props, POWER_PROPS) ? (['power'] as const) : [])],
      device: (keys) => deviceOfTag(keys.Tag),
      build: (view) => physicalElements(view!, schema).filter((e) => e.instance.className === cls).map((e) => e.instance),
    }),
  );
}
