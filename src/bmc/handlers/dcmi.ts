import { handle, BoundHandler } from '../dispatch';
import type { VirtualBmc, BmcContext } from '../device';
import { LAN_CHANNEL, SERIAL_CHANNEL } from '../device';
import { encode } from '../../codec/fields';
import { CC, fail } from '../../codec/message/completion-codes';
import {
  GetDcmiCapabilityInfo,
  DcmiCapabilityParameter,
  dcmiCapabilityData,
  GetPowerReading,
  PowerReadingMode,
  GetPowerLimit,
  SetPowerLimit,
  PowerLimitExceptionAction,
  ActivateDeactivatePowerLimit,
  GetAssetTag,
  SetAssetTag,
  GetManagementControllerIdString,
  SetManagementControllerIdString,
  GetDcmiSensorInfo,
  GetTemperatureReadings,
  DCMI_MAX_INSTANCES_PER_RESPONSE,
  DCMI_STRING_CHUNK,
} from '../../codec/commands/group';
import { EntityId, SensorType } from '../../codec/sensor';
import { dcmiPeriod } from '../../profile/hardware';
import type { SensorSpec } from '../../profile/types';
import type { Dcmi } from '../state/dcmi';
import { ASSET_TAG_MAX, MC_ID_MAX } from '../state/dcmi';
import { codeFor } from './storage';

type Def = { name: string; codes?: Readonly<Record<number, string>> };

/** DCMI v1.5: conformance 1.5, parameter revision 02h (DCMI v1.5 Table 6-2). */
const DCMI_VERSION = { majorVersion: 0x01, minorVersion: 0x05, parameterRevision: 0x02 };
/** Secondary LAN channel FFh: not supported (DCMI v1.5 Table 6-3 parameter 4). */
const NO_CHANNEL = 0xff;
/**
 * Parameter 3, the power management device's slave address byte: [7:1] = 20h, the BMC itself.
 * ipmitool `dcmi discover` prints "20h (BMC)" for exactly this byte.
 */
const POWER_MANAGEMENT_ADDRESS = 0x40;
/** The DCMI entity IDs and their IPMI equivalents that select the same sensors (DCMI v1.5 §6.5.2, Table 6-14). */
const ROLE_BY_ENTITY: Record<number, SensorSpec['dcmi']> = {
  [EntityId.dcmiAirInlet]: 'inlet',
  [EntityId.airInlet]: 'inlet',
  [EntityId.dcmiProcessor]: 'cpu',
  [EntityId.processor]: 'cpu',
  [EntityId.dcmiBaseboard]: 'baseboard',
  [EntityId.systemBoard]: 'baseboard',
};

function dcmiOf(ctx: BmcContext, def: Def): Dcmi {
  // A profile without a dcmi section has no DCMI: the group's commands are not there.
  if (!ctx.bmc.dcmi) fail(CC.InvalidCommand, def);
  return ctx.bmc.dcmi;
}

/** Sensors of a DCMI selection: temperature sensors of the entity's role, all instances or one. */
function selected(ctx: BmcContext, req: { sensorType: number; entityId: number; entityInstance: number; entityInstanceStart: number }, def: Def) {
  dcmiOf(ctx, def);
  const role = ROLE_BY_ENTITY[req.entityId];
  if (req.sensorType !== SensorType.temperature || !role) fail(CC.InvalidDataField, def);
  const all = ctx.bmc.sensors.all().filter((s) => s.spec.dcmi === role);
  if (req.entityInstance !== 0) {
    const one = all.filter((s) => s.spec.entityInstance === req.entityInstance);
    return { total: all.length, chosen: one };
  }
  const start = Math.max(1, req.entityInstanceStart);
  return { total: all.length, chosen: all.filter((s) => s.spec.entityInstance >= start).slice(0, DCMI_MAX_INSTANCES_PER_RESPONSE) };
}

/** A chunk of a DCMI string (asset tag, MC ID): at most 16 bytes from offset (DCMI v1.5 §6.4.2, §6.4.6.1). */
function readChunk(s: Buffer, req: { offset: number; count: number }, def: Def) {
  if (req.count > DCMI_STRING_CHUNK || req.offset > s.length) fail(CC.InvalidDataField, def);
  return { totalLength: s.length, data: Buffer.from(s.subarray(req.offset, req.offset + req.count)) };
}

/** DCMI commands (NetFn 2Ch, group DCh; DCMI v1.5 §6). */
export const dcmiHandlers: BoundHandler<VirtualBmc>[] = [
  handle(GetDcmiCapabilityInfo, (req, ctx) => {
    const def = GetDcmiCapabilityInfo;
    const dcmi = dcmiOf(ctx, def);
    const roles = new Set(ctx.bmc.sensors.all().map((s) => s.spec.dcmi));
    const P = DcmiCapabilityParameter;
    let data: Buffer;
    switch (req.parameter) {
      case P.supportedCapabilities:
        data = encode(dcmiCapabilityData[1], {
          mandatoryPlatform: { identification: true, selLogging: true, chassisPower: true, temperatureMonitor: [...roles].some(Boolean) },
          optionalPlatform: { powerManagement: true },
          manageabilityAccess: { inBandKcs: false, serialTmode: true, secondaryLan: false, primaryLan: true, sol: false, vlan: false },
        });
        break;
      case P.mandatoryPlatformAttributes:
        data = encode(dcmiCapabilityData[2], {
          sel: { maxEntries: Math.min(0xfff, ctx.bmc.sel.capacity), recordLevelFlushOnRollover: false, entireFlushOnRollover: false, automaticRollover: false },
          identification: { guid: true, dhcpHostName: false, assetTag: true },
          temperatureMonitoring: { inlet: roles.has('inlet'), processor: roles.has('cpu'), baseboard: roles.has('baseboard') },
          temperatureSamplingSeconds: dcmi.spec.temperatureSamplingSec,
        });
        break;
      case P.optionalPlatformAttributes:
        data = encode(dcmiCapabilityData[3], { powerManagementAddress: POWER_MANAGEMENT_ADDRESS, powerManagementController: { channel: 0, deviceRevision: 1 } });
        break;
      case P.manageabilityAccessAttributes:
        data = encode(dcmiCapabilityData[4], { primaryLanChannel: LAN_CHANNEL, secondaryLanChannel: NO_CHANNEL, serialChannel: SERIAL_CHANNEL });
        break;
      case P.enhancedSystemPowerStatisticsAttributes:
        data = encode(dcmiCapabilityData[5], { rollingAveragePeriods: dcmi.spec.rollingAveragePeriodsSec.map((s) => dcmiPeriod(s)!) });
        break;
      default:
        fail(CC.InvalidDataField, def);
    }
    return { ...DCMI_VERSION, data };
  }),

  // Mode 01h: statistics over the profile's reporting period; 02h: over one of the rolling
  // average periods parameter 5 offers (DCMI v1.5 §6.6.1).
  handle(GetPowerReading, (req, ctx) => {
    const def = GetPowerReading;
    const dcmi = dcmiOf(ctx, def);
    let periodSec = dcmi.spec.statisticsPeriodSec;
    if (req.mode === PowerReadingMode.enhancedSystemPowerStatistics) {
      const want = req.modeAttributes;
      const hit = dcmi.spec.rollingAveragePeriodsSec.find((s) => {
        const p = dcmiPeriod(s)!;
        return ((p.units << 6) | p.duration) === want;
      });
      if (hit === undefined) fail(CC.InvalidDataField, def);
      periodSec = hit;
    } else if (req.mode !== PowerReadingMode.systemPowerStatistics) fail(CC.InvalidDataField, def);
    const st = dcmi.statistics(periodSec);
    return {
      currentWatts: st.current,
      minimumWatts: st.minimum,
      maximumWatts: st.maximum,
      averageWatts: st.average,
      timestamp: ctx.bmc.sel.time(),
      reportingPeriodMs: st.periodMs,
      state: { measurementActive: true },
    };
  }),

  // A limit that is not active is still returned, after 80h (DCMI v1.5 Table 6-17; ipmitool
  // prints the values and "No Active Power Limit" for it).
  handle(GetPowerLimit, (_req, ctx) => {
    const def = GetPowerLimit;
    const l = dcmiOf(ctx, def).limit;
    const res = { reserved: undefined, exceptionAction: l.exceptionAction, limitWatts: l.watts, correctionTimeMs: l.correctionTimeMs, reserved2: undefined, samplingPeriodSeconds: l.samplingPeriodSec };
    if (!l.active) fail(codeFor(def, 'No Active Set Power Limit'), def, encode(def.response, res));
    return res;
  }),

  // Range checks: a limit below the platform's idle power cannot be met (84h); a correction time
  // of 0 or a sampling period of 0 are meaningless (85h, 89h). Exception actions 02h-10h are OEM.
  handle(SetPowerLimit, (req, ctx) => {
    const def = SetPowerLimit;
    const dcmi = dcmiOf(ctx, def);
    const a = req.exceptionAction;
    if (a > PowerLimitExceptionAction.logEventOnly) fail(CC.InvalidDataField, def);
    if (req.limitWatts < dcmi.spec.power.idleWatts) fail(codeFor(def, 'Power Limit out of range'), def);
    if (req.correctionTimeMs === 0) fail(codeFor(def, 'Correction Time out of range'), def);
    if (req.samplingPeriodSeconds === 0) fail(codeFor(def, 'Statistics Reporting Period out of range'), def);
    dcmi.setLimit({ watts: req.limitWatts, correctionTimeMs: req.correctionTimeMs, samplingPeriodSec: req.samplingPeriodSeconds, exceptionAction: a });
    return {};
  }),

  handle(ActivateDeactivatePowerLimit, (req, ctx) => {
    dcmiOf(ctx, ActivateDeactivatePowerLimit).activate(req.activate);
    return {};
  }),

  handle(GetAssetTag, (req, ctx) => readChunk(dcmiOf(ctx, GetAssetTag).assetTag(), req, GetAssetTag)),
  handle(SetAssetTag, (req, ctx) => {
    const def = SetAssetTag;
    const dcmi = dcmiOf(ctx, def);
    if (req.offset + req.data.length > ASSET_TAG_MAX || req.offset > dcmi.assetTag().length) fail(CC.InvalidDataField, def);
    return { totalLength: dcmi.setAssetTag(req.offset, req.data) };
  }),

  handle(GetManagementControllerIdString, (req, ctx) => readChunk(dcmiOf(ctx, GetManagementControllerIdString).mcId(), req, GetManagementControllerIdString)),
  handle(SetManagementControllerIdString, (req, ctx) => {
    const def = SetManagementControllerIdString;
    const dcmi = dcmiOf(ctx, def);
    // 64 bytes including the NUL (DCMI v1.5 §6.4.6.2).
    if (req.offset + req.data.length > MC_ID_MAX + 1 || req.offset > dcmi.mcId().length) fail(CC.InvalidDataField, def);
    return { totalLength: dcmi.setMcId(req.offset, req.data) };
  }),

  handle(GetDcmiSensorInfo, (req, ctx) => {
    const { total, chosen } = selected(ctx, req, GetDcmiSensorInfo);
    return { totalInstances: total, recordIds: chosen.map((s) => ctx.bmc.sdr.recordIdOf(s.number)!) };
  }),

  // Whole degrees C, sign and magnitude (the codec's signMagnitude8); an unavailable reading is 0.
  handle(GetTemperatureReadings, (req, ctx) => {
    const { total, chosen } = selected(ctx, req, GetTemperatureReadings);
    const sensors = ctx.bmc.sensors;
    return {
      totalInstances: total,
      readings: chosen.map((s) => {
        const r = sensors.reading(s);
        const t = r.available ? Math.max(-127, Math.min(127, Math.round(r.value!))) : 0;
        return { temperature: t, entityInstance: s.spec.entityInstance };
      }),
    };
  }),
];
