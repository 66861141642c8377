import { defineCommand } from '../define';
import { Codec, empty, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';
import { eventDirType } from '../../records/sel';

/** The event message fields of a Platform Event Message (v2.0 §29.3, Table 29-3). */
export interface PlatformEvent {
  /**
   * Present only when the message comes over the system interface (v2.0 §29.3; ipmitool
   * lib/ipmi_event.c adds it only on system interfaces and sends 7 bytes over LAN). On IPMB and
   * LAN the generator is the requester's address.
   */
  generatorId?: number;
  evmRev: number;
  sensorType: number;
  sensorNumber: number;
  eventDirType: { deassertion: boolean; eventType: number };
  eventData1: number;
  /** Event data 2 and 3 may be omitted by the sender (v2.0 Table 29-3); FFh = unspecified in the SEL. */
  eventData2?: number;
  eventData3?: number;
}

/**
 * The generator ID byte is told apart by length: 8 bytes carry it, 7 or fewer do not (the
 * form ipmitool `event` sends over LAN). 5-7 bytes without it: event data 2 and 3 optional.
 * FreeIPMI's template (libfreeipmi/cmds/ipmi-event-cmds.c) also marks generator_id optional.
 */
const platformEvent: Codec<PlatformEvent> = {
  read(r) {
    const generatorId = r.remaining >= 8 ? r.u8() : undefined;
    const ev: PlatformEvent = { evmRev: r.u8(), sensorType: r.u8(), sensorNumber: r.u8(), eventDirType: eventDirType.read(r), eventData1: r.u8() };
    if (generatorId !== undefined) ev.generatorId = generatorId;
    if (r.remaining > 0) ev.eventData2 = r.u8();
    if (r.remaining > 0) ev.eventData3 = r.u8();
    return ev;
  },
  write(w, v) {
    if (v.eventData3 !== undefined && v.eventData2 === undefined) throw new RangeError('event data 3 without event data 2');
    if (v.generatorId !== undefined) {
      if (v.eventData3 === undefined) throw new RangeError('with a generator ID all three event data bytes are sent');
      u8.write(w, v.generatorId);
    }
    for (const b of [v.evmRev, v.sensorType, v.sensorNumber]) u8.write(w, b);
    eventDirType.write(w, v.eventDirType);
    for (const b of [v.eventData1, v.eventData2, v.eventData3]) if (b !== undefined) u8.write(w, b);
  },
};

// v2.0 §29.3, Table 29-3; Appendix G: Operator. The virtual BMC logs it to the SEL.
export const PlatformEventMessage = defineCommand({
  name: 'Platform Event Message',
  netFn: NetFn.SensorEvent,
  cmd: 0x02,
  spec: 'v2.0 §29.3, Table 29-3',
  privilege: 'operator',
  request: platformEvent,
  response: empty,
});
