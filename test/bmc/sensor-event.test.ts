import assert from 'node:assert/strict';
import { NetFn, Privilege } from '../../src/codec/message/netfn';
import type { SystemEventRecord } from '../../src/codec/records/sel';
import type { Harness } from './harness';
import { hwHarness } from './hw';

const SE = NetFn.SensorEvent;
const ST = NetFn.Storage;

/** The SEL's system event records after the profile's first one, as [sensor, dir, type, d1, d2, d3]. */
function newEvents(h: Harness): string[] {
  return h.bmc.sel
    .list()
    .slice(1)
    .map((r) => {
      const e = r as SystemEventRecord;
      const hx = (n: number) => n.toString(16).padStart(2, '0');
      return `${hx(e.sensorType)} ${hx(e.sensorNumber)} ${e.eventDirType.deassertion ? 'de' : 'as'} ${hx(e.eventDirType.eventType)} ${hx(e.eventData1)} ${hx(e.eventData2)} ${hx(e.eventData3)} gen ${e.generatorId.toString(16).padStart(4, '0')}`;
    });
}

describe('bmc: sensor/event commands (v2.0 §29, §35) over the hardware fixture profile', () => {
  let h: Harness;
  beforeEach(() => (h = hwHarness()));
  afterEach(() => h.close());

  describe('Get Sensor Reading (v2.0 §35.14, Table 35-15)', () => {
    it('threshold sensor: raw reading, events and scanning on, comparison status with the reserved bits set', async () => {
      // ipmi_sim answers 30 c0 00 00 for the same 48 degrees C; byte 3 [7:6] "returned as 1b" per the table.
      assert.equal(await h.call(SE, 0x2d, '01', { privilege: Privilege.user }), '00 30 c0 c0 00');
      assert.equal(await h.call(SE, 0x2d, '05'), '00 c9 c0 c0 00', '12V: 201 * 0.06 = 12.06 V');
    });

    it('comparison bits follow the value: a fan at 0 RPM is at or below LNC, LC and LNR (07h)', async () => {
      h.bmc.sensors.setValue('FAN1', 0);
      assert.equal(await h.call(SE, 0x2d, '03'), '00 00 c0 c7 00');
      h.bmc.sensors.setValue('CPU Temp', 96);
      assert.equal(await h.call(SE, 0x2d, '01'), '00 60 c0 d8 00', 'at or above UNC and UC');
    });

    it('discrete sensor: the asserted states in bytes 3-4 (byte 4 bit 7 reserved, written 1)', async () => {
      assert.equal(await h.call(SE, 0x2d, '40'), '00 00 c0 01 80', 'PSU1: presence detected');
      assert.equal(await h.call(SE, 0x2d, '41'), '00 00 c0 01 80', 'ACPI: S0/G0 with the power on');
      assert.equal(await h.call(SE, 0x2d, '45'), '00 00 c0 01 80', 'redundancy: fully redundant');
    });

    it('an event-only sensor has no reading (byte 2 bit 5); unknown sensors are CBh', async () => {
      assert.equal(await h.call(SE, 0x2d, '10'), '00 00 e0 00 80');
      assert.equal(await h.call(SE, 0x2d, '99'), 'cb');
    });
  });

  describe('thresholds and hysteresis (v2.0 §35.6-§35.9)', () => {
    it('Get Sensor Thresholds: readable mask and raw values in command order (LNC, LC, LNR, UNC, UC, UNR)', async () => {
      assert.equal(await h.call(SE, 0x27, '01'), '00 3b 0a 05 00 55 5f 69');
      assert.equal(await h.call(SE, 0x27, '03'), '00 07 14 10 0a 00 00 00', 'FAN1: 1000/800/500 RPM at M = 50');
      assert.equal(await h.call(SE, 0x27, '40'), 'cd', 'a discrete sensor has no thresholds');
    });

    it('Set Sensor Thresholds (`ipmitool sensor thresh "CPU Temp" ucr 90`): Operator, settable ones only, read back', async () => {
      assert.equal(await h.call(SE, 0x26, '01 10 00 00 00 00 5a 00', { privilege: Privilege.user }), 'd4');
      assert.equal(await h.call(SE, 0x26, '01 10 00 00 00 00 5a 00', { privilege: Privilege.operator }), '00');
      assert.equal(await h.call(SE, 0x27, '01'), '00 3b 0a 05 00 55 5a 69');
      assert.equal(await h.call(SE, 0x26, '01 20 00 00 00 00 00 6e'), 'cc', 'UNR is readable, not settable');
      assert.equal(await h.call(SE, 0x26, '01 40 00 00 00 00 00 00'), 'cc', 'reserved mask bit');
    });

    it('Get Sensor Reading compares against thresholds set at run time (read before and after the change)', async () => {
      const status = async () => Number.parseInt((await h.call(SE, 0x2d, '01')).split(' ')[3], 16);
      assert.equal((await status()) & 0x08, 0, 'UNC 85 not reached at 48');
      assert.equal(await h.call(SE, 0x26, '01 08 00 00 00 2d 00 00'), '00', 'UNC 45');
      assert.equal((await status()) & 0x08, 0x08, 'UNC 45 <= 48');
      assert.equal(await h.call(SE, 0x26, '01 08 00 00 00 55 00 00'), '00', 'UNC 85 again');
      assert.equal((await status()) & 0x08, 0);
    });

    it('lowering a threshold below the reading logs the crossing at once', async () => {
      assert.equal(await h.call(SE, 0x26, '01 08 00 00 00 2d 00 00'), '00', 'UNC 45 < 48');
      assert.deepEqual(newEvents(h), ['01 01 as 01 57 30 2d gen 0020']);
    });

    it('Get/Set Sensor Hysteresis: raw counts', async () => {
      assert.equal(await h.call(SE, 0x25, '01 ff'), '00 02 02');
      assert.equal(await h.call(SE, 0x24, '01 ff 04 01'), '00');
      assert.equal(await h.call(SE, 0x25, '01 ff'), '00 04 01');
      assert.equal(await h.call(SE, 0x25, '40 ff'), 'cd');
    });

    it('Get Sensor Reading Factors: the linear factors for every reading', async () => {
      assert.equal(await h.call(SE, 0x23, '03 00'), '00 ff 32 00 00 00 00 00');
      assert.equal(await h.call(SE, 0x23, '05 00'), '00 ff 06 00 00 00 00 e0', '12V: M 6, R exponent -2');
    });
  });

  describe('event enables, re-arm, event status (v2.0 §35.10-§35.13)', () => {
    it('Get Sensor Event Enable: every event the record supports is enabled', async () => {
      assert.equal(await h.call(SE, 0x29, '01'), '00 c0 85 0a 85 0a', 'lnc- lcr- unc+ ucr+ unr+');
      assert.equal(await h.call(SE, 0x29, '40'), '00 c0 0b 00 0b 00', 'states 0, 1, 3');
    });

    it('disabling an event suppresses its SEL entry; the comparison still changes', async () => {
      // Disable "Lower Critical going low" (bit 2) on FAN1, both directions.
      assert.equal(await h.call(SE, 0x28, '03 e0 04 00 04 00', { privilege: Privilege.operator }), '00');
      assert.equal(await h.call(SE, 0x29, '03'), '00 c0 11 00 11 00');
      h.bmc.sensors.setValue('FAN1', 750);
      assert.deepEqual(newEvents(h), ['04 03 as 01 50 0f 14 gen 0020'], 'LNC only; LC is disabled');
      assert.equal(await h.call(SE, 0x28, '03 d0 04 00 04 00'), '00', 'enable again');
      assert.equal(await h.call(SE, 0x29, '03'), '00 c0 15 00 15 00');
      assert.equal(await h.call(SE, 0x28, '03 f0'), 'cc', 'action 3 is reserved');
    });

    it('all event messages off: nothing is logged', async () => {
      assert.equal(await h.call(SE, 0x28, '40 40'), '00', 'scanning on, event messages off');
      assert.equal(await h.call(SE, 0x29, '40'), '00 40 0b 00 0b 00');
      h.bmc.sensors.assertState('PSU1 Status', 1);
      assert.deepEqual(newEvents(h), []);
    });

    it('Get Sensor Event Status reports latched thresholds; Re-arm logs a condition still present again', async () => {
      h.bmc.sensors.setValue('CPU Temp', 90);
      assert.equal(await h.call(SE, 0x2b, '01'), '00 c0 80 00 00 00', 'UNC going high asserted');
      assert.equal(await h.call(SE, 0x2a, '01 00', { privilege: Privilege.operator }), '00', 're-arm all');
      assert.deepEqual(newEvents(h), ['01 01 as 01 57 5a 55 gen 0020', '01 01 as 01 57 5a 55 gen 0020']);
      h.bmc.sensors.setValue('CPU Temp', 50);
      assert.equal(await h.call(SE, 0x2b, '01'), '00 c0 00 00 80 00', 'deasserted since the re-arm');
      assert.equal(await h.call(SE, 0x2b, '40'), '00 c0 01 00 00 00', 'PSU1: presence');
    });
  });

  describe('event receiver and platform events (v2.0 §29)', () => {
    it('Get/Set Event Receiver; FFh stops the BMC logging its own sensor events', async () => {
      assert.equal(await h.call(SE, 0x01), '00 20 00');
      assert.equal(await h.call(SE, 0x00, 'ff 00', { privilege: Privilege.operator }), 'd4', 'Administrator only');
      assert.equal(await h.call(SE, 0x00, 'ff 00'), '00');
      assert.equal(await h.call(SE, 0x01), '00 ff 00');
      h.bmc.sensors.assertState('Intrusion', 0);
      assert.deepEqual(newEvents(h), []);
      assert.equal(await h.call(SE, 0x00, '20 00'), '00');
      h.bmc.sensors.deassertState('Intrusion', 0);
      assert.deepEqual(newEvents(h), ['05 44 de 6f 00 ff ff gen 0020']);
    });

    it('Platform Event Message over LAN (7 bytes, `ipmitool event 1`): logged with the requester as generator', async () => {
      // ipmitool event 1: temperature, sensor 30h, threshold assertion, UC going high, reading 78, threshold 77.
      assert.equal(await h.call(SE, 0x02, '04 01 30 01 09 78 77', { privilege: Privilege.operator }), '00');
      assert.deepEqual(newEvents(h), ['01 30 as 01 09 78 77 gen 1081'], 'software ID 81h, channel 1');
      // System interface form: generator ID byte first; event data 2-3 given.
      assert.equal(await h.call(SE, 0x02, '41 04 0f 00 6f 02 ff ff', { channel: 0x0f }), '00');
      assert.equal(newEvents(h)[1], '0f 00 as 6f 02 ff ff gen 0041');
      // Event data 2 and 3 may be left out: FFh in the SEL.
      assert.equal(await h.call(SE, 0x02, '04 12 00 6f 01'), '00');
      assert.equal(newEvents(h)[2], '12 00 as 6f 01 ff ff gen 1081');
    });

    it('system event logging disabled in the global enables: platform events are not logged', async () => {
      assert.equal(await h.call(NetFn.App, 0x2e, '00', { channel: 0x0f }), '00');
      assert.equal(await h.call(SE, 0x02, '04 01 30 01 09 78 77'), '00');
      assert.deepEqual(newEvents(h), []);
    });
  });

  describe('device SDRs (v2.0 §35.2-§35.4)', () => {
    it('Get Device SDR Info counts sensors or records; Get Device SDR has its own reservation', async () => {
      assert.equal(await h.call(SE, 0x20, ''), '00 0d 01', '13 sensors on LUN 0');
      assert.equal(await h.call(SE, 0x20, '01'), '00 11 01', '17 records');
      assert.equal(await h.call(SE, 0x22), '00 01 00');
      assert.equal(await h.call(SE, 0x21, '01 00 01 00 05 03'), '00 02 00 20 00 01');
      assert.equal(await h.call(ST, 0x22), '00 01 00', 'the repository reservation is separate');
      assert.equal(await h.call(SE, 0x21, '01 00 01 00 05 03'), '00 02 00 20 00 01', 'and does not cancel the device one');
      assert.equal(await h.call(SE, 0x21, '02 00 01 00 05 03'), 'c5');
    });
  });
});
