import { handle, BoundHandler } from '../dispatch';
import type { VirtualBmc, BmcContext } from '../device';
import { CC, fail } from '../../codec/message/completion-codes';
import {
  SetEventReceiver,
  GetEventReceiver,
  PlatformEventMessage,
  GetDeviceSdrInfo,
  GetDeviceSdr,
  ReserveDeviceSdrRepository,
  GetSensorReadingFactors,
  SetSensorHysteresis,
  GetSensorHysteresis,
  SetSensorThresholds,
  GetSensorThresholds,
  SetSensorEventEnable,
  EventEnableAction,
  GetSensorEventEnable,
  RearmSensorEvents,
  GetSensorEventStatus,
  GetSensorReading,
} from '../../codec/commands/sensor-event';
import { THRESHOLDS, offsetsToStates, thresholdMask } from '../../codec/sensor';
import { Sensor, offsetsOf } from '../state/sensors';
import { recordRead } from './storage';

type Def = { name: string; codes?: Readonly<Record<number, string>> };

/** Get Sensor Reading byte 3 of a threshold sensor: [7:6] reserved, "returned as 1b" (v2.0 Table 35-15). */
const THRESHOLD_STATUS_RESERVED = 0xc0;
/** Event data 2 and 3 a Platform Event Message left out: FFh, unspecified (v2.0 Table 29-6). */
const UNSPECIFIED = 0xff;

function sensorOf(ctx: BmcContext, n: number, def: Def): Sensor {
  const s = ctx.bmc.sensors.get(n);
  if (!s) fail(CC.NotPresent, def);
  return s;
}
/** A threshold sensor with a reading: thresholds and hysteresis apply only to those (CDh otherwise). */
function analogOf(ctx: BmcContext, n: number, def: Def): Sensor {
  const s = sensorOf(ctx, n, def);
  if (!s.hasReading) fail(CC.IllegalForSensorOrRecord, def);
  return s;
}

/** Sensor/event commands (v2.0 §29 event messages, §35 sensor device). */
export const sensorEventHandlers: BoundHandler<VirtualBmc>[] = [
  // ---- event receiver and platform events (v2.0 §29) ----
  handle(SetEventReceiver, (req, ctx) => {
    ctx.bmc.sensors.setEventReceiver(req.address, req.lun);
    return {};
  }),
  handle(GetEventReceiver, (_req, ctx) => ({ ...ctx.bmc.sensors.eventReceiver })),

  // The generator is the requester (v2.0 §29.3): over LAN its software ID / address with the
  // channel and LUN in the second byte (v2.0 Table 32-1 bytes 8-9); on the system interface the
  // request carries it.
  handle(PlatformEventMessage, (req, ctx) => {
    const generatorId = req.generatorId ?? ((ctx.requester.addr & 0xff) | ((ctx.channel & 0x0f) << 12) | ((ctx.requester.lun & 3) << 8));
    ctx.bmc.logEvent(
      {
        sensorType: req.sensorType,
        sensorNumber: req.sensorNumber,
        eventType: req.eventDirType.eventType,
        deassertion: req.eventDirType.deassertion,
        data: [req.eventData1, req.eventData2 ?? UNSPECIFIED, req.eventData3 ?? UNSPECIFIED],
      },
      generatorId,
    );
    return {};
  }),

  // ---- device SDRs (v2.0 §35.2-§35.4): the same records as the repository ----
  handle(GetDeviceSdrInfo, (req, ctx) => ({
    count: req.sdrCount ? ctx.bmc.sdr.count : ctx.bmc.sensors.all().length,
    flags: { dynamic: false, lun3: false, lun2: false, lun1: false, lun0: true },
    populationChangeIndicator: undefined,
  })),
  handle(ReserveDeviceSdrRepository, (_req, ctx) => ({ reservationId: ctx.bmc.sdr.reserveDevice() })),
  handle(GetDeviceSdr, (req, ctx) =>
    recordRead(
      GetDeviceSdr,
      req,
      (id) => ctx.bmc.sdr.deviceReserved(id),
      (id) => ctx.bmc.sdr.get(id),
    ),
  ),

  // ---- readings (v2.0 §35.5, §35.14) ----
  // Every sensor converts linearly per its record, so the factors do not depend on the reading:
  // they hold up to the last reading (FFh).
  handle(GetSensorReadingFactors, (req, ctx) => {
    const s = analogOf(ctx, req.sensorNumber, GetSensorReadingFactors);
    const a = s.spec.analog!;
    return { nextReading: 0xff, factors: { m: a.factors.m, tolerance: a.tolerance, b: a.factors.b, accuracy: a.accuracy, accuracyExp: a.accuracyExp, rExp: a.factors.rExp, bExp: a.factors.bExp } };
  }),

  handle(GetSensorReading, (req, ctx) => {
    const s = sensorOf(ctx, req.sensorNumber, GetSensorReading);
    const r = ctx.bmc.sensors.reading(s);
    const flags = { eventMessagesEnabled: s.eventMessagesEnabled, scanningEnabled: s.scanningEnabled, readingUnavailable: !r.available };
    if (s.hasReading) return { reading: r.raw, flags, states: THRESHOLD_STATUS_RESERVED | r.states, states2: 0 };
    const { states, states2 } = offsetsToStates(offsetsOf(r.states));
    return { reading: 0, flags, states, states2 };
  }),

  // ---- thresholds and hysteresis (v2.0 §35.6-§35.9) ----
  handle(GetSensorThresholds, (req, ctx) => {
    const s = analogOf(ctx, req.sensorNumber, GetSensorThresholds);
    const readable = thresholdMask(s.spec.analog!.readable);
    const t = s.thresholds;
    const v = (name: (typeof THRESHOLDS)[number]) => (readable & (1 << THRESHOLDS.indexOf(name)) ? (t[name] ?? 0) : 0);
    return {
      readableMask: readable,
      thresholds: {
        lowerNonCritical: v('lowerNonCritical'),
        lowerCritical: v('lowerCritical'),
        lowerNonRecoverable: v('lowerNonRecoverable'),
        upperNonCritical: v('upperNonCritical'),
        upperCritical: v('upperCritical'),
        upperNonRecoverable: v('upperNonRecoverable'),
      },
    };
  }),

  // Setting a threshold the record does not call settable is an invalid data field (ipmi_sim does the same).
  handle(SetSensorThresholds, (req, ctx) => {
    const def = SetSensorThresholds;
    const s = analogOf(ctx, req.sensorNumber, def);
    const settable = thresholdMask(s.spec.analog!.settable);
    if (req.setMask & ~settable & 0x3f || req.setMask & 0xc0) fail(CC.InvalidDataField, def);
    const raw: Partial<Record<(typeof THRESHOLDS)[number], number>> = {};
    THRESHOLDS.forEach((name, i) => {
      if (req.setMask & (1 << i)) raw[name] = req.thresholds[name];
    });
    ctx.bmc.sensors.setThresholds(s, raw);
    return {};
  }),

  handle(GetSensorHysteresis, (req, ctx) => {
    const s = analogOf(ctx, req.sensorNumber, GetSensorHysteresis);
    return { positiveHysteresis: s.hysteresis.positive, negativeHysteresis: s.hysteresis.negative };
  }),
  handle(SetSensorHysteresis, (req, ctx) => {
    const s = analogOf(ctx, req.sensorNumber, SetSensorHysteresis);
    ctx.bmc.sensors.setHysteresis(s, req.positiveHysteresis, req.negativeHysteresis);
    return {};
  }),

  // ---- event enables, re-arm, event status (v2.0 §35.10-§35.13) ----
  handle(GetSensorEventEnable, (req, ctx) => {
    const s = sensorOf(ctx, req.sensorNumber, GetSensorEventEnable);
    return {
      flags: { eventMessagesEnabled: s.eventMessagesEnabled, scanningEnabled: s.scanningEnabled },
      assertionMask: s.assertEnabled,
      deassertionMask: s.deassertEnabled,
    };
  }),

  handle(SetSensorEventEnable, (req, ctx) => {
    const def = SetSensorEventEnable;
    const s = sensorOf(ctx, req.sensorNumber, def);
    const { action } = req.flags;
    const a = req.assertionMask ?? 0;
    const d = req.deassertionMask ?? 0;
    let assert = s.assertEnabled;
    let deassert = s.deassertEnabled;
    if (action === EventEnableAction.enableSelected) (assert |= a), (deassert |= d);
    else if (action === EventEnableAction.disableSelected) (assert &= ~a), (deassert &= ~d);
    else if (action !== EventEnableAction.noChange) fail(CC.InvalidDataField, def);
    ctx.bmc.sensors.setEventEnables(s, { messages: req.flags.eventMessagesEnabled, scanning: req.flags.scanningEnabled, assert, deassert });
    return {};
  }),

  handle(RearmSensorEvents, (req, ctx) => {
    const s = sensorOf(ctx, req.sensorNumber, RearmSensorEvents);
    ctx.bmc.sensors.rearm(s, req.flags.rearmSelected ? { assert: req.assertionMask ?? 0, deassert: req.deassertionMask ?? 0 } : undefined);
    return {};
  }),

  handle(GetSensorEventStatus, (req, ctx) => {
    const s = sensorOf(ctx, req.sensorNumber, GetSensorEventStatus);
    const st = ctx.bmc.sensors.eventStatus(s);
    return {
      flags: { eventMessagesEnabled: s.eventMessagesEnabled, scanningEnabled: s.scanningEnabled, readingUnavailable: s.hasReading && !ctx.bmc.sensors.available(s) },
      assertionMask: st.asserted,
      deassertionMask: st.deasserted,
    };
  }),
];
