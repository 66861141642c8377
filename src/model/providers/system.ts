import type { CimValue } from '../types';
import type { Schema } from '../classes/schema';
import type { DeviceView } from '../cache';
import type { DeviceIdentity } from '../sources/types';
import { BMC_ADDRESS } from '../mapping/sdr';
import { Health, statusProperties } from '../mapping/status';
import { deviceOfScopedId, instance, PropSet, Provider, scopedId, wants } from './types';

/**
 * The per-device singletons (ComputerSystem, RecordLog, SystemSpecificCollection,
 * Microsoft_IPMI) and the model-wide ones (AdminDomain, RegisteredProfile).
 */

const POWER_PROPS = [
  'EnabledState', 'OperationalStatus', 'StatusDescriptions', 'Status', 'HealthState', 'PrimaryStatus',
  'DetailedStatus', 'CommunicationStatus', 'OperatingStatus',
];
const IDENTITY_PROPS = ['Description', 'IdentifyingDescriptions', 'OtherIdentifyingInfo', 'ResetCapability'];

/** "2.05": firmware major . minor (two BCD digits, v2.0 Table 20-2 bytes 3-4). */
function firmwareRevision(id: DeviceIdentity): string {
  return `${id.deviceId.firmware.major}.${String(id.deviceId.firmwareMinor).padStart(2, '0')}`;
}
/** IPMI Version byte: BCD, LS digit first, 02h = "2.0", 51h = "1.5" (v2.0 Table 20-2 byte 5). */
function ipmiVersion(id: DeviceIdentity): string {
  const v = id.deviceId.ipmiVersion;
  return `${v & 0x0f}.${v >> 4}`;
}

/** Identifying pairs for ComputerSystem.IdentifyingDescriptions / OtherIdentifyingInfo. */
function identifying(id: DeviceIdentity): [string[], string[]] {
  const d = id.deviceId;
  const pairs: Array<[string, string | undefined]> = [
    ['CIM:GUID', id.systemGuid],
    ['IPMI:DeviceGUID', id.deviceGuid],
    ['IPMI:DeviceID', String(d.deviceId)],
    ['IPMI:DeviceRevision', String(d.revision.deviceRevision)],
    ['IPMI:ManufacturerID', String(d.manufacturerId)],
    ['IPMI:ProductID', String(d.productId)],
    ['IPMI:FirmwareRevision', firmwareRevision(id)],
    ['IPMI:IPMIVersion', ipmiVersion(id)],
  ];
  const present = pairs.filter((p): p is [string, string] => p[1] !== undefined);
  return [present.map((p) => p[0]), present.map((p) => p[1])];
}

export function computerSystemProvider(schema: Schema): Provider {
  const cls = schema.concrete('ComputerSystem');
  return {
    className: cls,
    scope: 'device',
    parts: (props: PropSet) => [...(wants(props, POWER_PROPS) ? (['power'] as const) : []), ...(wants(props, IDENTITY_PROPS) ? (['identity'] as const) : [])],
    device: (keys) => (typeof keys.Name === 'string' ? keys.Name : undefined),
    build(view, ctx) {
      const v = view!;
      const values: Record<string, CimValue | undefined> = {
        CreationClassName: cls,
        Name: v.name,
        // Windows' Name format is not documented; the research note suggests the System GUID.
        // We use the inventory name: GUIDs repeat across virtual BMCs made from one profile,
        // and the device name is the handle everything else uses (metrics `device`, EnumerateOptions.device).
        NameFormat: 'Other',
        ElementName: v.name,
        Caption: 'IPMI Baseboard Management Controller',
        // CIM 2.8 (Windows) has 14 "Management"; 2.41 adds 28 "Management Controller".
        Dedicated: [schema.semantics === 'dmtf' ? 28 : 14],
        RequestedState: ctx.requestedState,
      };
      if (v.identity) {
        const [descs, infos] = identifying(v.identity);
        values.IdentifyingDescriptions = descs;
        values.OtherIdentifyingInfo = infos;
        values.Description = `IPMI ${ipmiVersion(v.identity)} BMC, manufacturer ${v.identity.deviceId.manufacturerId}, product ${v.identity.deviceId.productId}, firmware ${firmwareRevision(v.identity)}`;
        // Chassis Control hard reset exists when the BMC is a chassis device (Get Device ID byte 6 [7]).
        values.ResetCapability = v.identity.deviceId.support.chassis ? 4 : 5;
      }
      Object.assign(values, computerSystemStatus(v));
      return [instance(schema, cls, values)];
    },
  };
}

/** Power state and health from Get Chassis Status; Lost Communication when the device did not answer. */
function computerSystemStatus(v: DeviceView): Record<string, CimValue> {
  if (v.lost) return { ...statusProperties('lost', v.lost), EnabledState: 0, OperatingStatus: 0 };
  const p = v.power;
  if (!p) {
    const cc = v.failed.get('power');
    return cc ? { ...statusProperties('unknown', cc.message), EnabledState: 0 } : {};
  }
  let h: Health = 'ok';
  const problems: string[] = [];
  if (p.power.fault) (h = 'critical'), problems.push('main power fault');
  if (p.power.controlFault) (h = 'critical'), problems.push('power control fault');
  if (p.power.overload) (h = 'critical'), problems.push('power overload');
  if (p.power.interlock) (h = h === 'ok' ? 'nonCritical' : h), problems.push('interlock');
  if (p.misc.coolingFault) (h = h === 'ok' ? 'nonCritical' : h), problems.push('cooling/fan fault');
  if (p.misc.driveFault) (h = h === 'ok' ? 'nonCritical' : h), problems.push('drive fault');
  return {
    ...statusProperties(h, problems.join(', ') || undefined),
    // EnabledState from the chassis power state (research note §2.8): 2 on, 3 off.
    EnabledState: p.power.on ? 2 : 3,
    OperatingStatus: p.power.on ? 16 : 5,
  };
}

export function recordLogProvider(schema: Schema): Provider {
  const cls = schema.concrete('RecordLog');
  return {
    className: cls,
    scope: 'device',
    parts: (props) => (wants(props, ['CurrentNumberOfRecords', 'MaxNumberOfRecords', ...POWER_PROPS, 'LogState']) ? ['selInfo'] : []),
    device: (keys) => deviceOfScopedId(keys.InstanceID, 'SEL'),
    build(view) {
      const v = view!;
      const id = scopedId(v.name, 'SEL');
      const values: Record<string, CimValue> = {
        InstanceID: id,
        // LogRecord.LogName repeats this, so it must be unique across the fleet (research note
        // §2.6 suggests "IPMI SEL", which would make LogRecord keys collide between devices).
        Name: id,
        ElementName: 'IPMI System Event Log',
        Caption: 'IPMI SEL',
        Description: `System Event Log of ${v.name}`,
        // IPMI SELs stop logging when full (v2.0 §31): "Never Overwrites".
        OverwritePolicy: 7,
      };
      const info = v.selInfo;
      if (v.lost) Object.assign(values, statusProperties('lost', v.lost));
      else if (info) {
        Object.assign(values, {
          CurrentNumberOfRecords: info.entries,
          // Entries + free space / 16-byte records (Get SEL Info bytes 2-5).
          MaxNumberOfRecords: info.entries + Math.floor(info.freeSpace / 16),
          LogState: 2,
          ...statusProperties(info.overflow ? 'nonCritical' : 'ok', info.overflow ? 'SEL full: events were dropped' : undefined),
        });
      } else if (v.failed.get('selInfo')) Object.assign(values, statusProperties('unknown', v.failed.get('selInfo')!.message));
      return [instance(schema, cls, values)];
    },
  };
}

export function sensorCollectionProvider(schema: Schema): Provider {
  const cls = schema.concrete('SystemSpecificCollection');
  return {
    className: cls,
    scope: 'device',
    parts: () => [],
    device: (keys) => deviceOfScopedId(keys.InstanceID, 'Sensors'),
    build: (view) => [
      instance(schema, cls, {
        InstanceID: scopedId(view!.name, 'Sensors'),
        ElementName: 'Sensors',
        Caption: 'IPMI sensors',
        Description: `The sensors of ${view!.name}`,
      }),
    ],
  };
}

/** Microsoft_IPMI (root\wmi): one per device, the raw pass-through. */
export function microsoftIpmiProvider(schema: Schema): Provider {
  return {
    className: 'Microsoft_IPMI',
    scope: 'device',
    parts: (props) => (wants(props, ['BMCAddress']) ? ['identity'] : []),
    device: (keys) => (typeof keys.InstanceName === 'string' ? keys.InstanceName : undefined),
    build: (view) => [
      instance(schema, 'Microsoft_IPMI', {
        InstanceName: view!.name,
        BMCAddress: view!.identity ? (view!.identity.bmcAddress ?? BMC_ADDRESS) : undefined,
      }),
    ],
  };
}

/** The management domain grouping every BMC ComputerSystem (Windows: one per provider). */
export const ADMIN_DOMAIN_NAME = 'IPMI';
export function adminDomainProvider(schema: Schema): Provider {
  const cls = schema.concrete('AdminDomain');
  return {
    className: cls,
    scope: 'global',
    parts: () => [],
    build: () => [
      instance(schema, cls, {
        CreationClassName: cls,
        Name: ADMIN_DOMAIN_NAME,
        NameFormat: 'Other',
        ElementName: 'IPMI management domain',
        Caption: 'IPMI',
        Description: 'The BMCs this bridge manages',
      }),
    ],
  };
}

/**
 * DMTF profiles the model follows (DSP1033 registration): Sensors (DSP1009), Record Log
 * (DSP1010), Physical Asset (DSP1011). Windows does not say which, if any, it registers.
 */
export const REGISTERED_PROFILES = [
  { id: 'DMTF:Sensors:1.0.0', name: 'Sensors', version: '1.0.0' },
  { id: 'DMTF:Record Log:2.0.0', name: 'Record Log', version: '2.0.0' },
  { id: 'DMTF:Physical Asset:1.0.0', name: 'Physical Asset', version: '1.0.0' },
] as const;
export function registeredProfileProvider(schema: Schema): Provider {
  const cls = schema.concrete('RegisteredProfile');
  return {
    className: cls,
    scope: 'global',
    parts: () => [],
    build: () =>
      REGISTERED_PROFILES.map((p) =>
        instance(schema, cls, {
          InstanceID: p.id,
          RegisteredOrganization: 2,
          RegisteredName: p.name,
          RegisteredVersion: p.version,
          ElementName: `${p.name} ${p.version}`,
          // 2 = Not Advertised: no SLP.
          AdvertiseTypes: [2],
        }),
      ),
  };
}
