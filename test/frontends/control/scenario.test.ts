import assert from 'node:assert/strict';
import path from 'node:path';
import { ConfigErrors } from '../../../src/lib/errors';
import { silentLogger } from '../../../src/lib/logger';
import { Control, Scenarios, parseDuration } from '../../../src/frontends/control';
import { testFleet, type TestFleet } from './fixture';

const FIXTURES = path.join(__dirname, 'fixtures');

/**
 * Scenario files (docs/control.md "Scenarios") checked whole and run on the BMCs' ManualClock:
 * the timeline of issue 3 ("at 30 s fan 2 fails; temperatures rise 1 °C/s; at 90 s PSU 1 is
 * lost") on the hardware fixture profile, in minutes of simulated time and milliseconds of test.
 */
describe('control scenarios', () => {
  let f: TestFleet;
  let scenarios: Scenarios;
  beforeEach(() => {
    f = testFleet(['bmc1', 'bmc2']);
    scenarios = new Scenarios(new Control(f, silentLogger));
  });
  afterEach(() => {
    scenarios.close();
    f.close();
  });
  const value = (key: string, dev = 'bmc1') => f.bmc(dev).sensors.quantized(f.bmc(dev).sensors.find(key)!);
  const selTexts = (dev = 'bmc1') => scenarios.control.selView(scenarios.control.target(dev)) as { entries: Array<{ sensor: string; event: string; direction: string; time: string }> };

  it('durations: 30s, 1m30s, 500ms, 2h, numbers of seconds', () => {
    assert.deepEqual(['30s', '1m30s', '500ms', '2h', '1.5s'].map(parseDuration), [30_000, 90_000, 500, 7_200_000, 1500]);
    assert.equal(parseDuration(90), 90_000);
  });

  it('the issue 3 timeline: fan fails at 30 s, temperatures rise 1 °C/s, PSU lost at 90 s, power off at 2 min', () => {
    const s = scenarios.parseFile(path.join(FIXTURES, 'fan-failure.yaml'), 'bmc2');
    assert.deepEqual(
      s.steps.map((x) => [x.atMs, x.text]),
      [
        [30_000, 'bmc2 FAN1: value 0 (fan 1 stops)'],
        [30_000, 'bmc2 {"type":"Temperature"}: ramp {"ratePerSec":1,"by":40}'],
        [90_000, 'bmc2 PSU1 Status: assert "Power Supply AC lost"'],
        [90_000, 'bmc2 PSU1 Status: deassert "Presence detected"'],
        [120_000, 'bmc2: power "off"'],
      ],
    );
    const run = scenarios.start(s);
    f.clock.advance(29_999);
    assert.equal(value('FAN1', 'bmc2'), 4800);
    f.clock.advance(1);
    assert.equal(value('FAN1', 'bmc2'), 0);
    // Every temperature sensor ramps from where it was, 1 °C/s, by 40 °C at most.
    f.clock.advance(20_000);
    assert.deepEqual(['CPU Temp', 'Inlet Temp', 'Ramp Temp', 'Board Temp'].map((k) => value(k, 'bmc2')), [68, 44, 70, 60]);
    assert.deepEqual(run.view(), {
      id: '1',
      file: path.join(FIXTURES, 'fan-failure.yaml'),
      description: 'fan 1 fails, temperatures rise, PSU 1 is lost',
      state: 'running',
      startedAt: '2026-01-01T00:00:00Z',
      elapsedSec: 50,
      steps: 5,
      done: 2,
      next: { step: 2, atSec: 90, text: 'bmc2 PSU1 Status: assert "Power Supply AC lost"' },
      errors: [],
    });
    f.clock.advance(70_000);
    assert.equal(run.state, 'finished');
    assert.equal(f.bmc('bmc2').chassis.power, 'off');
    // The other device saw nothing.
    assert.equal(value('FAN1', 'bmc1'), 4800);
    assert.equal(selTexts('bmc1').entries.length, 1);
    // What the BMC logged, when: the SEL clock is the same ManualClock.
    assert.deepEqual(
      selTexts('bmc2').entries.slice(1).map((e) => `${e.time.slice(14, 19)} ${e.sensor} ${e.event} ${e.direction}`),
      [
        '00:30 FAN1 Lower Non-critical going low assertion',
        '00:30 FAN1 Lower Critical going low assertion',
        '00:30 FAN1 Lower Non-recoverable going low assertion',
        // 1 °C/s from 50, 24 and 48 °C: Ramp Temp meets 60/70 at 40/50 s, Inlet Temp 42/50/60 at
        // 48/56/66 s, CPU Temp 85 at 67 s and stops at 88 (by 40), short of 95.
        '00:40 Ramp Temp Upper Non-critical going high assertion',
        '00:48 Inlet Temp Upper Non-critical going high assertion',
        '00:50 Ramp Temp Upper Critical going high assertion',
        '00:56 Inlet Temp Upper Critical going high assertion',
        '01:06 Inlet Temp Upper Non-recoverable going high assertion',
        '01:07 CPU Temp Upper Non-critical going high assertion',
        '01:30 PSU1 Status Power Supply AC lost assertion',
        '01:30 PSU1 Status Presence detected deassertion',
        // 12 of 16 entries: the SEL's own sensor says so.
        '01:30 SEL Status Log almost full assertion',
        '02:00 ACPI State S5/G2: soft-off assertion',
        '02:00 Pwr Unit Power off/down assertion',
      ],
    );
  });

  it('every problem of a file together: file, JSON pointer, reason and line', () => {
    let err: unknown;
    try {
      scenarios.parseFile(path.join(FIXTURES, 'bad.yaml'), 'bmc1');
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof ConfigErrors);
    const file = path.join(FIXTURES, 'bad.yaml');
    assert.ok(err.problems.every((p) => p.file === file));
    assert.deepEqual(
      err.problems.map((p) => `${p.path}: ${p.reason}`),
      [
        '/steps/2/at: must be a time from the start: 30s, 1m30s, 500ms, 2h, or a number of seconds (line 5)',
        '/steps/9/network/lossRatio: must be <= 1 (line 12)',
        '/steps/0/sensor: device "bmc1" has no sensor "FAN9" (line 3)',
        '/steps/1: one action per step; this one has value, power (line 4)',
        '/steps/3/assert: sensor "PSU1 Status" of device "bmc1" has no state "Fan failed"; its states are: 0 (Presence detected), 1 (Failure detected), 3 (Power Supply AC lost) (line 6)',
        '/steps/4/value: 99 is outside what sensor "12V" can report (0..15.3) (line 7)',
        '/steps/5/sensors/type: device "bmc1" has no discrete sensor of type "Fan" (line 8)',
        '/steps/6/device: no device "bmc9"; devices: bmc1, bmc2 (line 9)',
        '/steps/7/selAdd/0/reading: 99999 is outside what the sensor can report (0..12750) (line 10)',
        '/steps/8/behaviour/ratePerSec: required for kind ramp (line 11)',
        '/steps/10: no action: give one of value, behaviour, ramp, reset, states, assert, deassert, selAdd, selClear, power, network, reboot (line 13)',
      ],
    );
  });

  it('YAML syntax errors, unknown fields and a file without steps', () => {
    const problems = (text: string) => {
      try {
        scenarios.parse(text, 'x.yaml', 'bmc1');
        return [];
      } catch (e) {
        return (e as ConfigErrors).problems.map((p) => p.message);
      }
    };
    assert.deepEqual(problems('steps: [ { at: 1s'), [
      'x.yaml: /: YAML syntax: Flow map in block collection must be sufficiently indented and end with a } (line 1, column 18)',
      'x.yaml: /: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ] (line 1, column 18)',
    ]);
    assert.deepEqual(problems('description: x\n'), ["x.yaml: /steps: required field is missing (line 1)"]);
    assert.deepEqual(problems('steps:\n  - { at: 1s, sensor: FAN1, valeu: 3 }\n'), ['x.yaml: /steps/0/valeu: unknown field (line 2)']);
    assert.deepEqual(problems('steps:\n  - { at: 1s, sensor: FAN1, reset: true, initial: 3 }\n'), ['x.yaml: /steps/0/initial: only with behaviour (line 2)']);
    assert.deepEqual(problems('steps:\n  - { at: 1s, sensor: FAN1, power: on }\n'), ['x.yaml: /steps/0/sensor: power is not about a sensor (line 2)']);
    assert.deepEqual(problems('steps:\n  - { at: 1s, sensor: FAN1, sensors: [12V], value: 3 }\n'), ['x.yaml: /steps/0/sensors: give sensor or sensors, not both (line 2)']);
    assert.deepEqual(problems('steps:\n  - { at: 1s, reboot: sometime }\n'), ['x.yaml: /steps/0/reboot: must be a mapping (line 2)']);
  });

  it('devices per step, network and reboot steps, a step that fails at run time is recorded and the run goes on', () => {
    const s = scenarios.parse(
      [
        'steps:',
        '  - { at: 0, device: bmc1, network: { latencyMs: 200 } }',
        '  - { at: 5s, device: bmc2, reboot: { downSec: 10 } }',
        // 16 entries into a SEL of 16 that holds one already: the last ones do not fit.
        `  - { at: 6s, device: bmc1, selAdd: [${Array.from({ length: 16 }, () => '{ sensor: Intrusion, event: 0 }').join(', ')}] }`,
        '  - { at: 7s, device: bmc1, network: clear }',
        '  - { at: 8s, device: bmc1, selClear: true }',
      ].join('\n'),
      'multi.yaml',
    );
    const run = scenarios.start(s);
    // Steps at 0 s are made before start() returns.
    assert.equal(f.devices.get('bmc1')!.lan!.faults.latencyMs, 200);
    f.clock.advance(5000);
    assert.equal(f.devices.get('bmc2')!.lan!.faults.unresponsive, true);
    f.clock.advance(3000);
    assert.deepEqual(f.devices.get('bmc1')!.lan!.faults, { latencyMs: 0, lossRatio: 0, unresponsive: false });
    assert.equal(run.state, 'finished');
    assert.deepEqual(run.view().errors, [{ step: 2, message: 'the SEL of device "bmc1" is full (16 entries): entry 14 and after not added; added: 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16' }]);
    // Cleared at 8 s: the SEL's sensor logs the clear, and "full" and "almost full" no longer hold.
    assert.deepEqual(
      selTexts('bmc1').entries.map((e) => `${e.event} ${e.direction}`),
      ['Log area reset/cleared assertion', 'Log full deassertion', 'Log almost full deassertion'],
    );
    f.clock.advance(7000);
    assert.equal(f.devices.get('bmc2')!.lan!.faults.unresponsive, false);
  });

  it('a cancelled run makes no more steps; a run keeps elapsed time from its end', () => {
    const run = scenarios.start(scenarios.parse('steps:\n  - { at: 10s, sensor: FAN1, value: 0 }\n', 'c.yaml', 'bmc1'));
    f.clock.advance(5000);
    run.cancel();
    f.clock.advance(10_000);
    assert.equal(value('FAN1'), 4800);
    assert.deepEqual([run.view().state, run.view().elapsedSec, run.view().done, run.view().next], ['cancelled', 5, 0, null]);
    assert.deepEqual(
      scenarios.list().map((r) => r.id),
      ['1'],
    );
  });

  it('steps without a device need one when the fleet has several', () => {
    assert.throws(() => scenarios.parse('steps:\n  - { at: 1s, power: off }\n', 'n.yaml'), /n\.yaml: \/steps\/0: no device: name one \(device: NAME in the step or the file, or --device\) \(line 2\)/);
    const one = testFleet(['only']);
    try {
      const s = new Scenarios(new Control(one, silentLogger)).parse('steps:\n  - { at: 1s, power: off }\n', 'n.yaml');
      assert.equal(s.steps[0].device, 'only');
    } finally {
      one.close();
    }
  });
});
