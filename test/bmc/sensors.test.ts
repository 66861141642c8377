import assert from 'node:assert/strict';
import { NetFn } from '../../src/codec/message/netfn';
import type { SystemEventRecord } from '../../src/codec/records/sel';
import { followMap, ownSignal } from '../../src/bmc/simulate/signals';
import { hashSeed } from '../../src/bmc/simulate/random';
import type { Harness } from './harness';
import { hwHarness } from './hw';

const SE = NetFn.SensorEvent;
const CH = NetFn.Chassis;
const APP = NetFn.App;

/** New SEL events (after the profile's entry) as "sensor# dir d1 d2 d3". */
function events(h: Harness): string[] {
  const hx = (n: number) => n.toString(16).padStart(2, '0');
  return h.bmc.sel
    .list()
    .slice(1)
    .map((r) => {
      const e = r as SystemEventRecord;
      return `${hx(e.sensorNumber)} ${e.eventDirType.deassertion ? 'de' : 'as'} ${hx(e.eventData1)} ${hx(e.eventData2)} ${hx(e.eventData3)}`;
    });
}

describe('bmc: sensor behaviour on a manual clock (lazy values, couplings, events)', () => {
  describe('signals (simulate/signals.ts): pure functions of time', () => {
    const T = Date.UTC(2026, 0, 1);
    it('sine: initial + amplitude * sin(2 pi t / period), phase from the epoch', () => {
      const s = ownSignal({ kind: 'sine', amplitude: 3, periodSec: 60, phaseSec: 0 }, 40, T, 1);
      // T is a whole number of minutes, so a 60 s period starts at T.
      assert.equal(s.at(T), 40);
      assert.equal(s.at(T + 15_000), 43);
      assert.ok(Math.abs(s.at(T + 45_000) - 37) < 1e-9);
      assert.deepEqual(s.rangeFrom(T), [37, 43]);
    });

    it('ramp: rate per second from the start, holds the target; repeat starts over', () => {
      const r = ownSignal({ kind: 'ramp', target: 80, ratePerSec: 2, repeat: false }, 50, T, 1);
      assert.deepEqual([r.at(T), r.at(T + 5000), r.at(T + 15_000), r.at(T + 99_000)], [50, 60, 80, 80]);
      assert.deepEqual(r.rangeFrom(T), [50, 80]);
      assert.deepEqual(r.rangeFrom(T + 15_000), [80, 80], 'done: it cannot move any more');
      const saw = ownSignal({ kind: 'ramp', target: 40, ratePerSec: 1, repeat: true }, 50, T, 1);
      assert.deepEqual([saw.at(T + 5000), saw.at(T + 12_000)], [45, 48]);
    });

    it('noise and random walk: deterministic per seed, within +/- amplitude; noise holds for a step', () => {
      const a = ownSignal({ kind: 'noise', amplitude: 2, stepSec: 10 }, 20, T, hashSeed('x'));
      const b = ownSignal({ kind: 'noise', amplitude: 2, stepSec: 10 }, 20, T, hashSeed('x'));
      const c = ownSignal({ kind: 'noise', amplitude: 2, stepSec: 10 }, 20, T, hashSeed('y'));
      assert.equal(a.at(T + 1000), a.at(T + 9000), 'one value per 10 s step');
      assert.equal(a.at(T + 123_456), b.at(T + 123_456), 'same seed, same value');
      const w = ownSignal({ kind: 'randomWalk', amplitude: 5, stepSec: 30 }, 100, T, 7);
      let differ = 0;
      for (let t = 0; t < 3_600_000; t += 7_000) {
        const n = a.at(T + t);
        const v = w.at(T + t);
        assert.ok(n >= 18 && n <= 22 && v >= 95 && v <= 105, `${n} ${v}`);
        if (a.at(T + t) !== c.at(T + t)) differ++;
      }
      assert.ok(differ > 400, 'another seed, another sequence');
      // A random walk is continuous: 1 ms apart, nearly the same.
      assert.ok(Math.abs(w.at(T + 1_000_000) - w.at(T + 1_000_001)) < 0.01);
    });

    it('follow: a clamped linear map', () => {
      assert.deepEqual([followMap([40, 80], [4000, 8000], 48), followMap([40, 80], [4000, 8000], 20), followMap([40, 80], [4000, 8000], 99)], [4800, 4000, 8000]);
      assert.equal(followMap([40, 80], [8000, 4000], 60), 6000, 'decreasing output');
    });
  });

  describe('the fixture BMC', () => {
    let h: Harness;
    beforeEach(() => (h = hwHarness()));
    afterEach(() => h.close());

    it('a fan follows the CPU temperature: 48 C -> 4800 RPM; 60 C -> 6000 RPM', async () => {
      assert.equal(h.bmc.sensors.value('FAN1'), 4800);
      assert.equal(await h.call(SE, 0x2d, '03'), '00 60 c0 c0 00', '96 * 50 RPM');
      h.bmc.sensors.setValue('CPU Temp', 60);
      assert.equal(await h.call(SE, 0x2d, '03'), '00 78 c0 c0 00');
    });

    it('power off: the fan stops (e^-t/4s) and reads "unavailable"; the board cools towards 20 C (tau 100 s)', async () => {
      assert.equal(await h.call(CH, 0x02, '00'), '00');
      assert.equal(await h.call(SE, 0x2d, '03'), '00 00 e0 c0 00', 'reading unavailable while off');
      h.clock.advance(4000);
      assert.ok(Math.abs(h.bmc.sensors.value('FAN1')! - 4800 / Math.E) < 1e-6);
      h.clock.advance(96_000);
      assert.ok(Math.abs(h.bmc.sensors.value('Board Temp')! - (20 + 20 / Math.E)) < 1e-6);
      assert.equal(await h.call(SE, 0x2d, '07'), '00 1b c0 c0 00', '27 C');
      // Back on: values continue from where they were, towards the running values.
      assert.equal(await h.call(CH, 0x02, '01'), '00');
      assert.ok(Math.abs(h.bmc.sensors.value('Board Temp')! - (20 + 20 / Math.E)) < 1e-6);
      h.clock.advance(400_000);
      assert.ok(Math.abs(h.bmc.sensors.value('Board Temp')! - 40) < 0.5);
      assert.equal(await h.call(SE, 0x2d, '03'), '00 60 c0 c0 00');
    });

    it('power changes log ACPI and power unit events; a fan spinning down and up logs none', async () => {
      assert.equal(await h.call(CH, 0x02, '00'), '00');
      h.clock.advance(60_000);
      assert.equal(await h.call(CH, 0x02, '01'), '00');
      h.clock.advance(60_000);
      await h.call(SE, 0x2d, '03');
      // ACPI 41h offset 5 "S5/G2" then 0 "S0/G0" (the fixture enables no deassertion events for it);
      // power unit 42h offset 0 "Power off/down". (Ramp Temp crosses its thresholds meanwhile.)
      assert.deepEqual(
        events(h).filter((e) => !e.startsWith('06')),
        ['41 as 05 ff ff', '42 as 00 ff ff', '41 as 00 ff ff', '42 de 00 ff ff'],
      );
    });

    it('a ramp crosses UNC then UC; the scan logs them without any read, then stops when the ramp ends', () => {
      const s = h.bmc.sensors;
      assert.equal(s.scanActive, true);
      assert.deepEqual(
        s.watching.map((x) => x.key),
        ['Ramp Temp'],
      );
      h.clock.advance(10_000);
      assert.deepEqual(events(h), ['06 as 57 3c 3c'], 'UNC going high at 60 C: reading 3Ch, threshold 3Ch');
      h.clock.advance(10_000);
      assert.deepEqual(events(h).slice(1), ['06 as 59 46 46'], 'UC going high at 70 C');
      h.clock.advance(10_000);
      assert.equal(s.scanActive, false, 'at 80 C the ramp is done: nothing can cross any more');
    });

    it('going low deasserts only below threshold - hysteresis (3 C)', () => {
      h.clock.advance(30_000);
      const start = h.bmc.sel.count;
      h.bmc.sensors.setBehaviour('Ramp Temp', { kind: 'ramp', target: 50, ratePerSec: 1, repeat: false }, 80);
      h.clock.advance(13_000);
      assert.equal(h.bmc.sel.count, start, '67 C is not below 70 - 3');
      h.clock.advance(1000);
      assert.deepEqual(events(h).slice(-1), ['06 de 59 42 46'], 'UC deasserts at 66 C');
      h.clock.advance(10_000);
      assert.deepEqual(events(h).slice(-1), ['06 de 57 38 3c'], 'UNC deasserts at 56 C');
    });

    it('a failed fan (control: 0 RPM) asserts LNC, LC and LNR going low; restored, it deasserts them', async () => {
      h.bmc.sensors.setValue('FAN1', 0);
      assert.deepEqual(events(h), ['03 as 50 00 14', '03 as 52 00 10', '03 as 54 00 0a']);
      h.bmc.sensors.resetBehaviour('FAN1');
      assert.deepEqual(events(h).slice(3), ['03 de 50 60 14', '03 de 52 60 10', '03 de 54 60 0a']);
    });

    it('discrete states: assert/deassert through the control methods log events with their offsets', () => {
      h.bmc.sensors.assertState('PSU1 Status', 1);
      h.bmc.sensors.setStates('PS Redundancy', [1]);
      h.bmc.sensors.deassertState('PSU1 Status', 0);
      assert.deepEqual(events(h), ['40 as 01 ff ff', '45 de 00 ff ff', '45 as 01 ff ff', '40 de 00 ff ff']);
      assert.throws(() => h.bmc.sensors.setStates('PSU1 Status', [2]), /has no state 2/);
      assert.throws(() => h.bmc.sensors.setValue('No Such', 1), /no sensor "No Such"/);
      assert.throws(() => h.bmc.sensors.setValue('PSU1 Status', 1), /has no reading/);
    });

    it('control by state name; the load drives what follows it', () => {
      const s = h.bmc.sensors;
      assert.equal(s.stateOffset('PSU1 Status', 'Power Supply AC lost'), 3);
      assert.throws(() => s.stateOffset('PSU1 Status', 'On fire'), /has no state "On fire" \(its states: Presence detected, Failure detected/);
      s.assertState('PSU1 Status', s.stateOffset('PSU1 Status', 'power supply ac lost'));
      assert.deepEqual(events(h), ['40 as 03 ff ff']);
      s.setBehaviour('Board Temp', { kind: 'follow', source: 'load', input: [0, 1], output: [30, 70] }, 40);
      assert.equal(s.value('Board Temp'), 50, 'load 0.5');
      s.setLoad({ kind: 'ramp', target: 1, ratePerSec: 0.1, repeat: false }, 0.5);
      h.clock.advance(5000);
      assert.equal(s.value('Board Temp'), 70);
      assert.equal(h.bmc.system.wattsAt(h.clock.now()), 300, 'max watts at load 1');
    });

    it('watchdog expiry logs Watchdog 2 with the action as offset and interrupt/timer use in data 2', async () => {
      // SMS/OS timer (4), hard reset (1), no pre-timeout, 1 s.
      assert.equal(await h.call(APP, 0x24, '04 01 00 00 0a 00'), '00');
      assert.equal(await h.call(APP, 0x22), '00');
      h.clock.advance(1000);
      assert.deepEqual(events(h), ['10 as c1 04 ff']);
    });

    it('moving sensors that cannot reach a threshold need no scan', () => {
      h.bmc.sensors.setBehaviour('Ramp Temp', { kind: 'constant' }, 50);
      assert.equal(h.bmc.sensors.scanActive, false);
      h.bmc.sensors.setBehaviour('Inlet Temp', { kind: 'sine', amplitude: 3, periodSec: 60, phaseSec: 0 }, 24);
      assert.equal(h.bmc.sensors.scanActive, false, '21-27 C, thresholds at 5 and 42');
      h.bmc.sensors.setBehaviour('Inlet Temp', { kind: 'sine', amplitude: 20, periodSec: 60, phaseSec: 0 }, 24);
      assert.equal(h.bmc.sensors.scanActive, true, '4-44 C reaches LNC 5 and UNC 42');
    });
  });
});
