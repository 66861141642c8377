import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { SelRecord } from '../../../src/codec/records/sel';
import { selEventText } from '../../../src/frontends/metrics/sel-text';
import { ManualClock } from '../../../src/lib/clock';
import { exporterUnit, firmwareRevision, freeipmiManufacturer, freeipmiReading, freeipmiSensorTypeName } from '../../../src/frontends/metrics/freeipmi';
import { selEventSeverity, sensorSeverity, severityValue } from '../../../src/frontends/metrics/interpret';
import { sensorSamples } from '../../../src/frontends/metrics/collectors';
import { Semaphore, settlesBefore } from '../../../src/frontends/metrics/limits';
import { reasonOf } from '../../../src/frontends/metrics/reasons';
import { CompletionCodeError, DecodeError, RmcpPlusStatusError, SessionError, TimeoutError, TransportError } from '../../../src/lib/errors';

describe('metrics: FreeIPMI facts ipmi_exporter\'s values come from', () => {
  it('threshold sensors: LNC/UNC stay Nominal, LC/UC/LNR/UNR are Critical (freeipmi_interpret_sensor.conf defaults)', () => {
    const t = (bits: number) => sensorSeverity(0x01, 0x01, bits);
    assert.equal(t(0), 'Nominal');
    assert.equal(t(0x01), 'Nominal'); // at or below LNC: ipmi_sim FAN3 exported state 0
    assert.equal(t(0x08), 'Nominal'); // at or above UNC
    assert.equal(t(0x18), 'Critical'); // UNC + UC: ipmi_sim Exhaust Temp exported state 2
    assert.equal(t(0x03), 'Critical'); // LNC + LC
    assert.equal(t(0x04), 'Critical'); // LNR
    assert.equal(sensorSeverity(0xc5, 0x01, 0x10), 'Critical', 'any sensor type, OEM too, is a threshold sensor by its event/reading type');
  });

  it('discrete sensors: the most severe asserted offset, "no event" when none, N/A when FreeIPMI has no rule', () => {
    assert.equal(sensorSeverity(0x08, 0x6f, 0x01), 'Nominal'); // PSU presence detected
    assert.equal(sensorSeverity(0x08, 0x6f, 0x03), 'Critical'); // + failure detected
    assert.equal(sensorSeverity(0x08, 0x6f, 0x80), 'Warning'); // power supply inactive
    assert.equal(sensorSeverity(0x07, 0x6f, 0x0480), 'Warning'); // processor presence + throttled
    assert.equal(sensorSeverity(0x05, 0x6f, 0), 'Nominal'); // chassis intrusion sensor, nothing asserted
    assert.equal(sensorSeverity(0x05, 0x6f, 0x01), 'Critical'); // general chassis intrusion
    assert.equal(sensorSeverity(0x0d, 0x03, 0x01), 'Warning'); // drive slot state deasserted (sic, FreeIPMI's default)
    assert.equal(sensorSeverity(0x04, 0x08, 0x01), 'Critical'); // fan device absent
    assert.equal(sensorSeverity(0x08, 0x0b, 0x02), 'Critical'); // PSU redundancy lost
    assert.equal(sensorSeverity(0x08, 0x6f, 0x4000), 'Nominal', 'offsets past the table are ignored');
    assert.equal(sensorSeverity(0xc0, 0x70, 0x01), undefined);
    assert.equal(sensorSeverity(0x02, 0x08, 0x01), undefined, 'voltage + device presence: no rule');
    assert.deepEqual([undefined, 'Nominal', 'Warning', 'Critical'].map((s) => severityValue(s as never)), [NaN, 0, 1, 2]);
  });

  it('SEL events: assertion and deassertion states (freeipmi_interpret_sel.conf defaults)', () => {
    assert.equal(selEventSeverity(0x01, 0x01, 0x09, false), 'Critical'); // upper critical going high
    assert.equal(selEventSeverity(0x01, 0x01, 0x09, true), 'Warning');
    assert.equal(selEventSeverity(0x01, 0x01, 0x00, false), 'Warning'); // lower non-critical going low
    assert.equal(selEventSeverity(0x08, 0x6f, 0x01, false), 'Critical'); // PSU failure
    assert.equal(selEventSeverity(0x0f, 0x6f, 0x02, false), 'Nominal'); // firmware progress
    assert.equal(selEventSeverity(0x0c, 0x6f, 0x00, false), 'Warning'); // correctable ECC
    assert.equal(selEventSeverity(0xc0, 0x70, 0x00, false), undefined);
    assert.equal(selEventSeverity(0x08, 0x6f, 0x0e, false), undefined);
  });

  it('SEL event texts and states equal FreeIPMI ipmi-sel\'s for 1322 events (every generic and sensor-specific offset, both directions)', () => {
    const csv = fs.readFileSync(path.resolve(__dirname, '../../fixtures/exporter/freeipmi-1.6.10-ipmi-sel-events.csv'), 'utf8');
    const rows = csv.split('\n').filter((l) => l && !l.startsWith('#'));
    assert.equal(rows.length, 1322);
    const bad: string[] = [];
    for (const row of rows) {
      const [st, dt, off, state, ...rest] = row.split(',');
      const text = rest.join(',');
      const sensorType = parseInt(st, 16);
      const dirType = parseInt(dt, 16);
      const rec: SelRecord = {
        kind: 'system',
        recordId: 1,
        timestamp: 0,
        generatorId: 0x20,
        evmRev: 4,
        sensorType,
        sensorNumber: 1,
        eventDirType: { deassertion: (dirType & 0x80) !== 0, eventType: dirType & 0x7f },
        eventData1: Number(off),
        eventData2: 0xff,
        eventData3: 0xff,
      };
      const ours = selEventSeverity(sensorType, dirType & 0x7f, Number(off), (dirType & 0x80) !== 0) ?? 'N/A';
      if (selEventText(rec) !== text || ours !== state) bad.push(`${row} -> ${ours},${selEventText(rec)}`);
    }
    assert.deepEqual(bad, []);
  });

  it('readings print with two decimals, C rounding: exact ties go to even', () => {
    assert.equal(freeipmiReading(167 * 3 * 0.01), 5.01);
    assert.equal(freeipmiReading(3.3000000000000003), 3.3);
    assert.equal(freeipmiReading(0.125), 0.12);
    assert.equal(freeipmiReading(0.375), 0.38);
    assert.equal(freeipmiReading(-0.125), -0.12);
    assert.equal(freeipmiReading(2.675), 2.67); // the double is below 2.675
    assert.equal(freeipmiReading(1.005), 1); // the double is below 1.005
    assert.equal(freeipmiReading(12.345678), 12.35);
    assert.equal(freeipmiReading(5400), 5400);
    assert.ok(Number.isNaN(freeipmiReading(NaN)));
  });

  it('names: FreeIPMI sensor types, bmc-info manufacturer and firmware revision', () => {
    assert.deepEqual([0x08, 0x0b, 0x0d, 0x1b, 0x26, 0x2c, 0x2d, 0xc0].map(freeipmiSensorTypeName), [
      'Power Supply',
      'Other Units Based Sensor',
      'Drive Slot',
      'Cable/Interconnect',
      'Monitor ASIC/IC',
      'FRU State',
      'Unrecognized',
      'OEM Reserved',
    ]);
    assert.equal(freeipmiManufacturer(674), 'Dell Inc. (674)');
    assert.equal(freeipmiManufacturer(10876), 'Super Micro Computer Inc. (10876)');
    assert.equal(freeipmiManufacturer(49871), '49871');
    assert.equal(firmwareRevision(1, 42), '1.42');
    assert.equal(firmwareRevision(2, 5), '2.05');
  });

  it('which family a sensor lands in: by unit as ipmi_exporter dispatches, not by sensor type', () => {
    const u = (baseUnit: number, more: Partial<{ percentage: boolean; modifierUnit: number; rate: number }> = {}) => ({ baseUnit, percentage: false, modifierUnit: 0, rate: 0, modifierUnitCode: 0, ...more });
    assert.deepEqual([u(1), u(4), u(5), u(6), u(18), u(2), u(0, { percentage: true }), u(6, { rate: 4 }), u(6, { modifierUnit: 1 })].map(exporterUnit), [
      'C',
      'V',
      'A',
      'W',
      'RPM',
      'other',
      '%',
      'other',
      'other',
    ]);
    const fams = (over: object) =>
      sensorSamples({ recordId: 9, name: 'S', sensorType: 0x0b, eventReadingType: 0x01, units: u(6), value: 1, states: 0, ...over }).map((s) => `${s.family}${JSON.stringify(s.labels)}=${s.value}`);
    assert.deepEqual(fams({}), ['ipmi_power_watts{"id":"9","name":"S"}=1', 'ipmi_power_state{"id":"9","name":"S"}=0']);
    assert.deepEqual(fams({ sensorType: 0x04, units: u(0, { percentage: true }), value: 57 }), ['ipmi_fan_speed_ratio{"id":"9","name":"S"}=0.57', 'ipmi_fan_speed_state{"id":"9","name":"S"}=0']);
    assert.deepEqual(fams({ sensorType: 0x02, units: u(0, { percentage: true }), value: 57 }), [
      'ipmi_sensor_value{"id":"9","name":"S","type":"Voltage"}=57',
      'ipmi_sensor_state{"id":"9","name":"S","type":"Voltage"}=0',
    ]);
    // A discrete record with a unit byte still has no unit in ipmimonitoring.
    assert.deepEqual(fams({ sensorType: 0x08, eventReadingType: 0x6f, value: undefined, states: 2 }), [
      'ipmi_sensor_value{"id":"9","name":"S","type":"Power Supply"}=NaN',
      'ipmi_sensor_state{"id":"9","name":"S","type":"Power Supply"}=2',
    ]);
  });
});

describe('metrics: failure reasons and limits', () => {
  it('maps the error families to reasons', () => {
    assert.deepEqual(
      [
        new TimeoutError('x'),
        new RmcpPlusStatusError(0x0d, 'Unauthorized name', 'RAKP 2'),
        new RmcpPlusStatusError(0x11, 'No cipher suite match', 'Open Session'),
        new SessionError('RAKP 2 HMAC is invalid: wrong password?'),
        new SessionError('session lost'),
        new TransportError('ECONNREFUSED'),
        new CompletionCodeError(0xc1, 'Invalid command'),
        new CompletionCodeError(0xd4, 'Insufficient privilege level'),
        new CompletionCodeError(0xc3, 'Timeout while processing command'),
        new DecodeError('Get SEL Info', 'short', 2),
        new Error('bug'),
      ].map(reasonOf),
      ['timeout', 'auth', 'session', 'auth', 'session', 'transport', 'unsupported', 'privilege', 'completion_code', 'protocol', 'internal'],
    );
  });

  it('Semaphore: FIFO grants, release is idempotent, a waiter gives up at its deadline', async () => {
    const clock = new ManualClock();
    const s = new Semaphore(2, clock);
    const a = (await s.acquire())!;
    const b = (await s.acquire())!;
    const order: string[] = [];
    const c = s.acquire(1000).then((r) => (order.push('c'), r));
    const d = s.acquire(500).then((r) => (order.push(r ? 'd' : 'd gave up'), r));
    const e = s.acquire(2000).then((r) => (order.push('e'), r));
    assert.equal(s.waiting, 3);
    clock.advance(500);
    await d;
    a();
    a();
    await c;
    assert.equal(s.inUse, 2);
    b();
    (await e)!();
    assert.deepEqual(order, ['d gave up', 'c', 'e']);
    assert.equal(s.inUse, 1);
    assert.ok(await s.acquire(clock.monotonic()), 'a free slot is granted even with no time left');
    assert.equal(s.inUse, 2);
    assert.equal(await s.acquire(clock.monotonic()), undefined, 'full, and no time to wait');
  });

  it('settlesBefore: true when the promise settles first (even by rejecting), false at the deadline', async () => {
    const clock = new ManualClock();
    assert.equal(await settlesBefore(Promise.reject(new Error('x')), 10, clock), true);
    const late = settlesBefore(new Promise(() => undefined), 10, clock);
    clock.advance(10);
    assert.equal(await late, false);
  });
});
