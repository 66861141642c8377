import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCtl } from '../../src/frontends/cli/ctl';
import { createControlServer, type ControlServer } from '../../src/frontends/control';
import { testFleet, type TestFleet } from '../frontends/control/fixture';
import { freePort } from '../frontends/metrics/peers';

/**
 * `bmcbridge ctl` against a running control server on 127.0.0.1 (real HTTP), the hardware
 * fixture profile on a ManualClock: the text it prints, --json, tokens, exit codes.
 */
describe('bmcbridge ctl against a running control server', () => {
  let f: TestFleet;
  let server: ControlServer;
  let url: string;
  let tmp: string;
  const TOKEN = 'tok-3f9a';
  before(async () => {
    f = testFleet(['bmc1', { name: 'serial1', lan: false }]);
    server = createControlServer({ fleet: f, port: 0, token: TOKEN });
    url = `http://127.0.0.1:${(await server.listen()).port}`;
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bmcbridge-ctl-'));
  });
  after(async () => {
    await server.close();
    f.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const ctl = async (args: string[], env: NodeJS.ProcessEnv = { BMCBRIDGE_CONTROL_TOKEN: TOKEN, BMCBRIDGE_CONTROL_URL: url }) => {
    let stdout = '';
    let stderr = '';
    const code = await runCtl(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, pollMs: 5 });
    return { code, stdout, stderr };
  };
  const ok = async (...args: string[]) => {
    const r = await ctl(args);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    return r.stdout;
  };

  it('devices and sensors as tables', async () => {
    assert.equal(
      await ok('devices'),
      [
        'NAME     PROFILE   POWER  LAN             SENSORS  SEL  SESSIONS  NETWORK',
        'bmc1     hardware  on     127.0.0.1:6230  13       1    0         latency 0 ms, loss 0, responsive',
        'serial1  hardware  on     -               13       1    0         -',
        '',
      ].join('\n'),
    );
    assert.equal(
      await ok('sensors', 'bmc1'),
      [
        'CPU Temp         | 01h | ok  | 3.1   | 48 degrees C',
        'Inlet Temp       | 02h | ok  | 55.1  | 24 degrees C',
        'FAN1             | 03h | ok  | 29.1  | 4800 RPM',
        '12V              | 05h | ok  | 7.1   | 12.06 Volts',
        'Ramp Temp        | 06h | ok  | 7.2   | 50 degrees C',
        'Board Temp       | 07h | ok  | 7.1   | 40 degrees C',
        'Watchdog         | 10h | ns  | 7.1   |',
        'PSU1 Status      | 40h | ok  | 10.1  | Presence detected',
        'ACPI State       | 41h | ok  | 7.1   | S0/G0: working',
        'Pwr Unit         | 42h | ok  | 7.1   |',
        'SEL Status       | 43h | ok  | 7.1   |',
        'Intrusion        | 44h | ok  | 7.1   |',
        'PS Redundancy    | 45h | ok  | 7.1   | Fully Redundant',
        '',
      ].join('\n'),
    );
  });

  it('set, sensor, reset; --json prints the API answer', async () => {
    assert.equal(await ok('set', 'bmc1', 'FAN1', '0'), 'FAN1             | 03h | lnr | 29.1  | 0 RPM (held)\n');
    assert.equal(
      await ok('sensor', 'bmc1', '0x03'),
      [
        'Sensor          : FAN1',
        'Number          : 0x03',
        'Type            : Fan (threshold)',
        'Entity          : 29.1',
        'Reading         : 0 RPM',
        'Status          : lnr',
        'Thresholds      : lnr 500, lcr 800, lnc 1000',
        'Behaviour       : {"kind":"constant"} (set through the control API)',
        '',
      ].join('\n'),
    );
    assert.equal(await ok('reset', 'bmc1', 'FAN1'), 'FAN1             | 03h | ok  | 29.1  | 4800 RPM\n');
    const j = JSON.parse(await ok('--json', 'sensor', 'bmc1', 'PSU1 Status'));
    assert.deepEqual(j.states, ['Presence detected']);
  });

  it('behaviours as KIND key=value or JSON, ramps, states', async () => {
    assert.equal(await ok('behaviour', 'bmc1', 'CPU Temp', 'sine', 'amplitude=5', 'periodSec=60', '--initial', '50'), 'CPU Temp         | 01h | ok  | 3.1   | 50 degrees C (sine)\n');
    assert.equal(await ok('behaviour', 'bmc1', 'Board Temp', '{"kind":"ramp","target":45,"ratePerSec":1}'), 'Board Temp       | 07h | ok  | 7.1   | 40 degrees C (ramp)\n');
    assert.equal(await ok('ramp', 'bmc1', 'Inlet Temp', '--rate', '2', '--to', '30'), 'Inlet Temp       | 02h | ok  | 55.1  | 24 degrees C (ramp)\n');
    f.clock.advance(3000);
    assert.match(await ok('sensor', 'bmc1', 'Inlet Temp'), /Reading         : 30 degrees C/);
    assert.equal(await ok('assert', 'bmc1', 'PSU1 Status', 'Failure detected'), 'PSU1 Status      | 40h | ok  | 10.1  | Presence detected, Failure detected\n');
    assert.equal(await ok('deassert', 'bmc1', 'PSU1 Status', '0'), 'PSU1 Status      | 40h | ok  | 10.1  | Failure detected\n');
    assert.equal(await ok('states', 'bmc1', 'PSU1 Status'), 'PSU1 Status      | 40h | ok  | 10.1  |\n');
    for (const s of ['CPU Temp', 'Board Temp', 'Inlet Temp', 'PSU1 Status']) await ok('reset', 'bmc1', s);
  });

  it('sel, sel-add, sel-clear; power; network; reboot', async () => {
    assert.equal(await ok('sel', 'serial1'), '   1 | 2025-12-31 23:00:00 UTC | Temperature CPU Temp | Upper Non-critical going high | Asserted | data 57 5a 55\n1 of 16 entries\n');
    assert.match(await ok('sel-clear', 'bmc1'), /^cleared \d+ entries\n$/);
    assert.equal(await ok('sel-add', 'bmc1', '--sensor', 'Intrusion', '--event', 'General Chassis intrusion'), 'added SEL entry 2\n');
    assert.equal(await ok('sel-add', 'bmc1', '--sensor-type', 'Processor', '--sensor-number', '144', '--event', 'IERR', '--seconds-ago', '30'), 'added SEL entry 3\n');
    const t = new Date(f.clock.now()).toISOString().slice(0, 19).replace('T', ' ');
    const t30 = new Date(f.clock.now() - 30_000).toISOString().slice(0, 19).replace('T', ' ');
    assert.equal(
      await ok('sel', 'bmc1'),
      [
        `   1 | ${t} UTC | Event Logging Disabled SEL Status | Log area reset/cleared | Asserted | data 02 ff ff`,
        `   2 | ${t} UTC | Physical Security Intrusion | General Chassis intrusion | Asserted | data 00 ff ff`,
        `   3 | ${t30} UTC | Processor #0x90 | IERR | Asserted | data 00 ff ff`,
        '3 of 16 entries',
        '',
      ].join('\n'),
    );
    assert.equal(await ok('sel-clear', 'serial1'), 'cleared 1 entries\n');
    assert.equal(await ok('power', 'serial1', 'off'), 'power off\n');
    assert.equal(await ok('power', 'serial1'), 'power off\n');
    assert.equal(await ok('power', 'serial1', 'on'), 'power on\n');
    assert.equal(await ok('network', 'bmc1', '--latency', '100', '--loss', '0.2'), 'latency 100 ms, loss 0.2, responsive\n');
    assert.equal(await ok('network', 'bmc1', '--unresponsive'), 'latency 100 ms, loss 0.2, unresponsive\n');
    assert.equal(await ok('network', 'bmc1'), 'latency 100 ms, loss 0.2, unresponsive\n');
    assert.equal(await ok('network', 'bmc1', '--clear'), 'latency 0 ms, loss 0, responsive\n');
    const until = new Date(f.clock.now() + 5000).toISOString().replace('.000Z', 'Z');
    assert.equal(await ok('reboot', 'bmc1', '--down', '5'), `rebooted: 0 session(s) closed; down until ${until}\n`);
    f.clock.advance(5000);
    assert.equal(await ok('network', 'bmc1'), 'latency 0 ms, loss 0, responsive\n');
  });

  it('run-scenario: checked on the server; --wait follows it to the end', async () => {
    const file = path.join(tmp, 'fan.yaml');
    fs.writeFileSync(file, 'description: fan 1 stops\nsteps:\n  - { at: 10s, sensor: FAN1, value: 0 }\n  - { at: 20s, sensor: FAN1, reset: true }\n');
    const started = await ok('run-scenario', file, '--device', 'bmc1');
    assert.match(started, /^run (\d+): .*fan\.yaml \(fan 1 stops\): running, 0\/2 steps, 0 s; next at 10 s: bmc1 FAN1: value 0\n$/);
    const id = /^run (\d+)/.exec(started)![1];
    assert.match(await ok('scenarios'), new RegExp(`^run ${id}: `, 'm'));
    assert.match(await ok('cancel-scenario', id), new RegExp(`^run ${id}: .*: cancelled, 0/2 steps`));
    // --wait: the ManualClock moves while ctl polls.
    const waiting = ctl(['run-scenario', file, '--device', 'bmc1', '--wait']);
    const n = server.scenarios.list().length;
    while (server.scenarios.list().length === n) await new Promise((r) => setTimeout(r, 5));
    f.clock.advance(20_000);
    const r = await waiting;
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /: finished, 2\/2 steps, 20 s\n$/);
    // A scenario with problems: every one printed, exit 1.
    fs.writeFileSync(file, 'steps:\n  - { at: 1s, sensor: FAN9, value: 0 }\n  - { at: 1s, sensor: FAN1, value: -100 }\n');
    const bad = await ctl(['run-scenario', file, '--device', 'bmc1']);
    assert.deepEqual([bad.code, bad.stdout], [1, '']);
    assert.equal(
      bad.stderr,
      `bmcbridge ctl: ${file}: /steps/0/sensor: device "bmc1" has no sensor "FAN9" (line 2)\n${file}: /steps/1/value: -100 is outside what sensor "FAN1" can report (0..12750) (line 3)\n`,
    );
  });

  it('refusals: the API message and exit 1; usage: exit 2; tokens from env, file or flag', async () => {
    assert.deepEqual(await ctl(['set', 'bmc1', 'FAN9', '1']), { code: 1, stdout: '', stderr: 'bmcbridge ctl: device "bmc1" has no sensor "FAN9"\n' });
    assert.deepEqual(await ctl(['network', 'serial1', '--loss', '0.5']), { code: 1, stdout: '', stderr: 'bmcbridge ctl: device "serial1" has no LAN listener: network faults apply to its UDP server\n' });
    const j = await ctl(['--json', 'set', 'nope', 'FAN1', '1']);
    assert.deepEqual([j.code, JSON.parse(j.stdout)], [1, { error: 'Not Found', message: 'no device "nope"; devices: bmc1, serial1', device: 'nope' }]);
    assert.deepEqual(await ctl(['set', 'bmc1', 'FAN1', 'fast']), { code: 2, stdout: '', stderr: "bmcbridge ctl: value must be a number, got 'fast'\n" });
    assert.equal((await ctl(['frobnicate'])).code, 2);
    assert.equal((await ctl(['network', 'bmc1', '--unresponsive', '--responsive'])).code, 2);
    // Tokens.
    assert.deepEqual(await ctl(['devices'], { BMCBRIDGE_CONTROL_URL: url }), { code: 1, stdout: '', stderr: 'bmcbridge ctl: a bearer token is required: Authorization: Bearer <token>\n' });
    assert.equal((await ctl(['--url', url, '--token', TOKEN, 'devices'], {})).code, 0);
    const tf = path.join(tmp, 'token');
    fs.writeFileSync(tf, `${TOKEN}\n`);
    assert.equal((await ctl(['--url', url, '--token-file', tf, 'devices'], {})).code, 0);
    assert.deepEqual(await ctl(['--url', url, '--token-file', path.join(tmp, 'none'), 'devices'], {}), { code: 2, stdout: '', stderr: `bmcbridge ctl: control token file ${path.join(tmp, 'none')}: ENOENT\n` });
    // Nobody listening.
    const port = await freePort('tcp');
    const dead = await ctl(['--url', `http://127.0.0.1:${port}`, 'devices'], {});
    assert.deepEqual([dead.code, dead.stderr], [1, `bmcbridge ctl: cannot reach the control API at http://127.0.0.1:${port}: ECONNREFUSED\n`]);
  });
});
