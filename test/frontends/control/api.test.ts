import assert from 'node:assert/strict';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { controlApp, testFleet, T0, type TestFleet } from './fixture';
import { RestartCause } from '../../../src/codec/commands/chassis/get-system-restart-cause';

/**
 * The control API through fastify inject(): exact JSON answers and errors, on the hardware fixture
 * profile (test/bmc/fixtures/hardware.yaml) with a ManualClock. Every write goes through the
 * BMC's state, so the SEL entries asserted here are the ones a real BMC logs for the same change
 * (v2.0 §29.7 Table 29-6 event data: 5xh = trigger reading and threshold in bytes 2-3).
 */
describe('control API (inject)', () => {
  let f: TestFleet;
  let app: FastifyInstance;
  beforeEach(async () => {
    f = testFleet(['bmc1', { name: 'serial1', lan: false }]);
    app = await controlApp(f);
  });
  afterEach(async () => {
    await app.close();
    f.close();
  });
  const call = async (method: InjectOptions['method'], url: string, payload?: unknown) => {
    const r = await app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
    return { status: r.statusCode, body: r.json() as Record<string, unknown>, type: r.headers['content-type'] };
  };
  const sel = async (name = 'bmc1') => ((await call('GET', `/v1/devices/${name}/sel`)).body.entries as Array<Record<string, unknown>>).map((e) => [e.id, e.sensor, e.event, e.direction, e.eventData]);
  const fan1 = (over: object) => ({
    key: 'FAN1',
    name: 'FAN1',
    number: 3,
    type: 'Fan',
    entity: '29.1',
    kind: 'threshold',
    value: 4800,
    unit: 'RPM',
    status: 'ok',
    thresholds: { lnr: 500, lcr: 800, lnc: 1000 },
    behaviour: { kind: 'follow', source: 'CPU Temp', input: [40, 80], output: [4000, 8000] },
    override: null,
    ...over,
  });

  it('lists the devices with power, listener, counts and network faults', async () => {
    const r = await call('GET', '/v1/devices');
    assert.equal(r.status, 200);
    assert.match(String(r.type), /^application\/json/);
    assert.deepEqual(r.body, {
      devices: [
        {
          name: 'bmc1',
          profile: 'hardware',
          power: 'on',
          lan: '127.0.0.1:6230',
          sensors: 13,
          selEntries: 1,
          sessions: 0,
          network: { latencyMs: 0, lossRatio: 0, unresponsive: false, rebootingUntil: null },
        },
        { name: 'serial1', profile: 'hardware', power: 'on', lan: null, sensors: 13, selEntries: 1, sessions: 0, network: null },
      ],
    });
    assert.deepEqual((await call('GET', '/v1/devices/serial1')).body, (r.body.devices as unknown[])[1]);
  });

  it('a sensor by key, by number (decimal or hex) and URL-encoded ID string', async () => {
    for (const ref of ['FAN1', '3', '0x03']) assert.deepEqual((await call('GET', `/v1/devices/bmc1/sensors/${ref}`)).body, fan1({}));
    assert.deepEqual((await call('GET', '/v1/devices/bmc1/sensors/PSU1%20Status')).body, {
      key: 'PSU1 Status',
      name: 'PSU1 Status',
      number: 64,
      type: 'Power Supply',
      entity: '10.1',
      kind: 'discrete',
      eventType: 'sensor-specific',
      states: ['Presence detected'],
      readableStates: ['Presence detected', 'Failure detected', 'Power Supply AC lost'],
    });
    const list = (await call('GET', '/v1/devices/bmc1/sensors')).body.sensors as Array<{ key: string; kind: string }>;
    assert.deepEqual(
      list.map((s) => `${s.key}:${s.kind}`),
      ['CPU Temp:threshold', 'Inlet Temp:threshold', 'FAN1:threshold', '12V:threshold', 'Ramp Temp:threshold', 'Board Temp:threshold', 'Watchdog:event-only', 'PSU1 Status:discrete', 'ACPI State:discrete', 'Pwr Unit:discrete', 'SEL Status:discrete', 'Intrusion:discrete', 'PS Redundancy:discrete'],
    );
  });

  it('a failed fan: 0 RPM held, lnr, and the three threshold events in the SEL', async () => {
    const r = await call('PUT', '/v1/devices/bmc1/sensors/FAN1/value', { value: 0 });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, fan1({ value: 0, status: 'lnr', behaviour: { kind: 'constant' }, override: { value: 0 } }));
    // Event data 2 = trigger reading 0, 3 = threshold raw (M = 50: 1000 RPM = 20, 800 = 16, 500 = 10).
    assert.deepEqual((await sel()).slice(1), [
      [2, 'FAN1', 'Lower Non-critical going low', 'assertion', [0x50, 0, 20]],
      [3, 'FAN1', 'Lower Critical going low', 'assertion', [0x52, 0, 16]],
      [4, 'FAN1', 'Lower Non-recoverable going low', 'assertion', [0x54, 0, 10]],
    ]);
    // Back to the profile: the fan follows CPU Temp (48 °C -> 4800 RPM) and the events deassert.
    assert.deepEqual((await call('DELETE', '/v1/devices/bmc1/sensors/FAN1/override')).body, fan1({}));
    assert.deepEqual(
      (await sel()).slice(4).map((e) => [e[2], e[3]]),
      [
        ['Lower Non-critical going low', 'deassertion'],
        ['Lower Critical going low', 'deassertion'],
        ['Lower Non-recoverable going low', 'deassertion'],
      ],
    );
  });

  it('bad requests name the device, the sensor or the field', async () => {
    const cases: Array<[InjectOptions['method'], string, unknown, number, object]> = [
      ['PUT', '/v1/devices/nope/sensors/FAN1/value', { value: 1 }, 404, { error: 'Not Found', message: 'no device "nope"; devices: bmc1, serial1', device: 'nope' }],
      ['PUT', '/v1/devices/bmc1/sensors/FANX/value', { value: 1 }, 404, { error: 'Not Found', message: 'device "bmc1" has no sensor "FANX"', device: 'bmc1', sensor: 'FANX' }],
      ['PUT', '/v1/devices/bmc1/sensors/FAN1/value', { value: 'x' }, 400, { error: 'Bad Request', message: '/value: must be a number', device: 'bmc1', sensor: 'FAN1', field: '/value' }],
      ['PUT', '/v1/devices/bmc1/sensors/FAN1/value', {}, 400, { error: 'Bad Request', message: '/value: required field is missing', device: 'bmc1', sensor: 'FAN1', field: '/value' }],
      ['PUT', '/v1/devices/bmc1/sensors/FAN1/value', { value: 1, hold: true }, 400, { error: 'Bad Request', message: '/hold: unknown field', device: 'bmc1', sensor: 'FAN1', field: '/hold' }],
      [
        'PUT',
        '/v1/devices/bmc1/sensors/FAN1/value',
        { value: 20000 },
        400,
        { error: 'Bad Request', message: '20000 is outside what sensor "FAN1" can report (0..12750)', device: 'bmc1', sensor: 'FAN1', field: '/value' },
      ],
      [
        'PUT',
        '/v1/devices/bmc1/sensors/PSU1 Status/value',
        { value: 1 },
        409,
        { error: 'Conflict', message: 'sensor "PSU1 Status" of device "bmc1" has no reading (it is a discrete sensor: assert or deassert its states)', device: 'bmc1', sensor: 'PSU1 Status', field: '/value' },
      ],
      [
        'POST',
        '/v1/devices/bmc1/sensors/FAN1/assert',
        { state: 'Failure detected' },
        409,
        { error: 'Conflict', message: 'sensor "FAN1" of device "bmc1" has no states (it is a threshold sensor: set its value or behaviour)', device: 'bmc1', sensor: 'FAN1', field: '/state' },
      ],
      [
        'POST',
        '/v1/devices/bmc1/sensors/PSU1 Status/assert',
        { state: 'Fan failed' },
        400,
        {
          error: 'Bad Request',
          message: 'sensor "PSU1 Status" of device "bmc1" has no state "Fan failed"; its states are: 0 (Presence detected), 1 (Failure detected), 3 (Power Supply AC lost)',
          device: 'bmc1',
          sensor: 'PSU1 Status',
          field: '/state',
        },
      ],
      [
        'PUT',
        '/v1/devices/bmc1/sensors/CPU Temp/behaviour',
        { behaviour: { kind: 'sine', amplitude: 5 } },
        400,
        { error: 'Bad Request', message: '/behaviour/periodSec: required for kind sine', device: 'bmc1', sensor: 'CPU Temp', field: '/behaviour/periodSec' },
      ],
      [
        'PUT',
        '/v1/devices/bmc1/sensors/CPU Temp/behaviour',
        { behaviour: { kind: 'follow', source: 'CPU Temp', input: [0, 1], output: [0, 1] } },
        400,
        { error: 'Bad Request', message: '/behaviour/source: a sensor cannot follow itself', device: 'bmc1', sensor: 'CPU Temp', field: '/behaviour/source' },
      ],
      ['PUT', '/v1/devices/bmc1/network', { lossRatio: 2 }, 400, { error: 'Bad Request', message: '/lossRatio: must be <= 1', device: 'bmc1', field: '/lossRatio' }],
      ['PUT', '/v1/devices/bmc1/network', {}, 400, { error: 'Bad Request', message: '/: must NOT have fewer than 1 properties', device: 'bmc1', field: '/' }],
      ['PUT', '/v1/devices/serial1/network', { latencyMs: 5 }, 409, { error: 'Conflict', message: 'device "serial1" has no LAN listener: network faults apply to its UDP server', device: 'serial1' }],
      ['POST', '/v1/devices/bmc1/power', { action: 'press' }, 400, { error: 'Bad Request', message: '/action: must be one of: on, off, cycle, reset, soft', device: 'bmc1', field: '/action' }],
      [
        'POST',
        '/v1/devices/bmc1/sel',
        { entries: [{ sensor: 'FAN1', event: 'Lower Critical going low' }, { sensor: 'Fan 9', event: 0 }] },
        400,
        { error: 'Bad Request', message: '/entries/1/sensor: no sensor "Fan 9" in this profile', device: 'bmc1', field: '/entries/1/sensor', sensor: 'Fan 9' },
      ],
      ['POST', '/v1/devices/bmc1/sel', { entries: [{ hex: '0102' }] }, 400, { error: 'Bad Request', message: '/entries/0/hex: a SEL record is 16 bytes of hex', device: 'bmc1', field: '/entries/0/hex' }],
      ['GET', '/v1/scenarios/7', undefined, 404, { error: 'Not Found', message: 'no scenario run "7"', run: '7' }],
      ['GET', '/v1/nothing', undefined, 404, { error: 'Not Found', message: 'no route GET /v1/nothing; see docs/control.md' }],
    ];
    for (const [method, url, body, status, json] of cases) {
      const r = await call(method, url, body);
      assert.deepEqual([r.status, r.body], [status, json], `${method} ${url} ${JSON.stringify(body)}`);
    }
    // Nothing changed on the way.
    assert.equal((await sel()).length, 1);
    // Not JSON at all: fastify's own 400, still as JSON.
    const r = await app.inject({ method: 'PUT', url: '/v1/devices/bmc1/sensors/FAN1/value', headers: { 'content-type': 'application/json' }, payload: '{value:' });
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().error, 'Bad Request');
  });

  it('a sensor name two sensors share must be named by key', async () => {
    const base = f.bmc().profile;
    const twin = { ...base.sensors!.find((s) => s.key === 'Board Temp')!, key: 'Board Temp 2', number: 0x08 };
    const g = testFleet([{ name: 'twins', profile: { sensors: [...base.sensors!, twin] } }]);
    const a2 = await controlApp(g);
    try {
      const r = await a2.inject({ method: 'GET', url: '/v1/devices/twins/sensors/Board%20Temp' });
      // The key "Board Temp" wins over the shared ID string.
      assert.equal(r.json().number, 7);
      const r2 = await a2.inject({ method: 'PUT', url: '/v1/devices/twins/sensors/8/value', payload: { value: 95 } });
      assert.deepEqual([r2.statusCode, r2.json().key, r2.json().name, r2.json().status], [200, 'Board Temp 2', 'Board Temp', 'ucr']);
    } finally {
      await a2.close();
      g.close();
    }
  });

  it('behaviours and ramps run on the BMC clock; DELETE override goes back to the profile', async () => {
    const r = await call('PUT', '/v1/devices/bmc1/sensors/CPU%20Temp/behaviour', { behaviour: { kind: 'sine', amplitude: 10, periodSec: 40 }, initial: 50 });
    assert.deepEqual([r.status, r.body.value, r.body.behaviour, r.body.override], [200, 50, { kind: 'sine', amplitude: 10, periodSec: 40, phaseSec: 0 }, { behaviour: { kind: 'sine', amplitude: 10, periodSec: 40, phaseSec: 0 }, initial: 50 }]);
    f.clock.advance(10_000);
    assert.equal((await call('GET', '/v1/devices/bmc1/sensors/CPU%20Temp')).body.value, 60);
    // FAN1 follows CPU Temp: 60 °C -> 6000 RPM.
    assert.equal((await call('GET', '/v1/devices/bmc1/sensors/FAN1')).body.value, 6000);
    // "Temperatures rise 1 °C/s": a ramp from the present value.
    assert.deepEqual((await call('POST', '/v1/devices/bmc1/sensors/Inlet%20Temp/ramp', { ratePerSec: 1, by: 30 })).body.behaviour, { kind: 'ramp', target: 54, ratePerSec: 1, repeat: false });
    f.clock.advance(20_000);
    const inlet = (await call('GET', '/v1/devices/bmc1/sensors/Inlet%20Temp')).body;
    assert.deepEqual([inlet.value, inlet.status], [44, 'unc']);
    assert.deepEqual((await sel()).slice(1), [[2, 'Inlet Temp', 'Upper Non-critical going high', 'assertion', [0x57, 42, 42]]]);
    f.clock.advance(20_000);
    assert.deepEqual((await call('GET', '/v1/devices/bmc1/sensors/Inlet%20Temp')).body.status, 'ucr');
    const back = (await call('DELETE', '/v1/devices/bmc1/sensors/Inlet%20Temp/override')).body;
    assert.deepEqual([back.value, back.status, back.behaviour, back.override], [24, 'ok', { kind: 'constant' }, null]);
    const ramp = await call('POST', '/v1/devices/bmc1/sensors/Inlet%20Temp/ramp', { ratePerSec: 1 });
    assert.deepEqual([ramp.status, ramp.body.message], [400, 'give one of to (a value) or by (an amount)']);
  });

  it('discrete states: assert, deassert, set, reset; each change is an event', async () => {
    const fail = await call('POST', '/v1/devices/bmc1/sensors/PSU1 Status/assert', { state: 'Failure detected' });
    assert.deepEqual(fail.body.states, ['Presence detected', 'Failure detected']);
    // Pull the supply: presence goes, AC is lost (by offset).
    assert.deepEqual((await call('POST', '/v1/devices/bmc1/sensors/PSU1 Status/deassert', { state: 0 })).body.states, ['Failure detected']);
    assert.deepEqual((await call('POST', '/v1/devices/bmc1/sensors/PSU1 Status/assert', { state: 3 })).body.states, ['Failure detected', 'Power Supply AC lost']);
    // Open the chassis.
    assert.deepEqual((await call('POST', '/v1/devices/bmc1/sensors/Intrusion/assert', { state: 'General Chassis intrusion' })).body.states, ['General Chassis intrusion']);
    assert.deepEqual((await call('PUT', '/v1/devices/bmc1/sensors/Intrusion/states', { states: [] })).body.states, []);
    assert.deepEqual((await call('DELETE', '/v1/devices/bmc1/sensors/PSU1 Status/override')).body.states, ['Presence detected']);
    assert.deepEqual((await sel()).slice(1), [
      [2, 'PSU1 Status', 'Failure detected', 'assertion', [1, 0xff, 0xff]],
      [3, 'PSU1 Status', 'Presence detected', 'deassertion', [0, 0xff, 0xff]],
      [4, 'PSU1 Status', 'Power Supply AC lost', 'assertion', [3, 0xff, 0xff]],
      [5, 'Intrusion', 'General Chassis intrusion', 'assertion', [0, 0xff, 0xff]],
      [6, 'Intrusion', 'General Chassis intrusion', 'deassertion', [0, 0xff, 0xff]],
      [7, 'PSU1 Status', 'Presence detected', 'assertion', [0, 0xff, 0xff]],
      [8, 'PSU1 Status', 'Failure detected', 'deassertion', [1, 0xff, 0xff]],
      [9, 'PSU1 Status', 'Power Supply AC lost', 'deassertion', [3, 0xff, 0xff]],
    ]);
  });

  it('SEL: add entries as a profile writes them or as hex, read them decoded, clear; a full SEL is 409', async () => {
    const add = await call('POST', '/v1/devices/bmc1/sel', {
      entries: [
        { sensor: 'FAN1', event: 'Lower Critical going low', reading: 700, secondsAgo: 60 },
        { sensorType: 'Processor', sensorNumber: 0x90, event: 'IERR' },
        // An OEM timestamped record (C0h): the SEL sets its ID and timestamp.
        { hex: 'ffff c0 00000000 a20200 010203040506' },
      ],
    });
    assert.deepEqual([add.status, add.body], [200, { added: [2, 3, 4] }]);
    const s = (await call('GET', '/v1/devices/bmc1/sel')).body;
    const t = T0 / 1000;
    assert.deepEqual((s.entries as unknown[]).slice(1), [
      {
        id: 2,
        type: 'system',
        timestamp: t - 60,
        time: '2025-12-31T23:59:00Z',
        generatorId: 0x20,
        sensorType: 'Fan',
        sensorNumber: 3,
        sensor: 'FAN1',
        eventType: 1,
        event: 'Lower Critical going low',
        direction: 'assertion',
        eventData: [0x52, 14, 16],
      },
      { id: 3, type: 'system', timestamp: t, time: '2026-01-01T00:00:00Z', generatorId: 0x20, sensorType: 'Processor', sensorNumber: 0x90, sensor: null, eventType: 0x6f, event: 'IERR', direction: 'assertion', eventData: [0, 0xff, 0xff] },
      { id: 4, type: 'oem-timestamped', recordType: 0xc0, timestamp: t, time: '2026-01-01T00:00:00Z', manufacturerId: 674, oemData: '010203040506' },
    ]);
    assert.deepEqual([s.capacity, s.overflow], [16, false]);
    const cleared = await call('DELETE', '/v1/devices/bmc1/sel');
    assert.deepEqual(cleared.body, { cleared: 4 });
    // The SEL Status sensor (bound to the SEL) logs the clear, as v2.0 Table 42-3 type 10h offset 02h says.
    assert.deepEqual(await sel(), [[1, 'SEL Status', 'Log area reset/cleared', 'assertion', [2, 0xff, 0xff]]]);
    const many = Array.from({ length: 16 }, () => ({ sensor: 'Intrusion', event: 0 }));
    const full = await call('POST', '/v1/devices/bmc1/sel', { entries: many });
    assert.equal(full.status, 409);
    // At 12 of 16 entries the SEL Status sensor logs "Log almost full" itself (ID 13): 14 of ours fit.
    assert.equal(full.body.message, 'the SEL of device "bmc1" is full (16 entries): entry 14 and after not added; added: 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16');
    assert.deepEqual((await sel())[12], [13, 'SEL Status', 'Log almost full', 'assertion', [5, 0xff, 0xff]]);
    assert.equal((await call('GET', '/v1/devices/bmc1/sel')).body.overflow, true);
  });

  it('power: the front panel buttons, with the restart cause and pending transitions', async () => {
    const g = testFleet([{ name: 'slow', profile: { powerOnDelayMs: 2000, softOffDelayMs: 5000 } }]);
    const a2 = await controlApp(g);
    const power = async (action?: string) =>
      (action ? await a2.inject({ method: 'POST', url: '/v1/devices/slow/power', payload: { action } }) : await a2.inject({ method: 'GET', url: '/v1/devices/slow/power' })).json();
    try {
      assert.deepEqual(await power('off'), { power: 'off', pending: null });
      // Power-on after the profile's power-on delay.
      assert.deepEqual(await power('on'), { power: 'off', pending: { to: 'on', at: '2026-01-01T00:00:02Z' } });
      g.clock.advance(2000);
      assert.deepEqual(await power(), { power: 'on', pending: null });
      assert.equal(g.bmc().chassis.restartCause.cause, RestartCause.powerButton);
      await power('reset');
      assert.equal(g.bmc().chassis.restartCause.cause, RestartCause.resetButton);
      // A short press: the OS shuts down after the soft-off delay.
      assert.deepEqual(await power('soft'), { power: 'on', pending: { to: 'off', at: '2026-01-01T00:00:07Z' } });
      g.clock.advance(5000);
      assert.deepEqual(await power(), { power: 'off', pending: null });
      // Off: the fan stops (whenOff: 0 RPM, unavailable) and the ACPI sensor says S5/G2.
      const sensor = async (s: string) => (await a2.inject({ method: 'GET', url: `/v1/devices/slow/sensors/${s}` })).json();
      assert.deepEqual([(await sensor('FAN1')).status, (await sensor('FAN1')).value, (await sensor('ACPI%20State')).states], ['ns', null, ['S5/G2: soft-off']]);
    } finally {
      await a2.close();
      g.close();
    }
  });

  it('network faults and reboot: set, read back, clear; a reboot keeps the BMC silent for downSec on its clock', async () => {
    const lan = f.devices.get('bmc1')!.lan!;
    assert.deepEqual((await call('PUT', '/v1/devices/bmc1/network', { latencyMs: 250, lossRatio: 0.25 })).body, { latencyMs: 250, lossRatio: 0.25, unresponsive: false, rebootingUntil: null });
    assert.deepEqual(lan.faults, { latencyMs: 250, lossRatio: 0.25, unresponsive: false });
    const r = await call('POST', '/v1/devices/bmc1/reboot', { downSec: 30 });
    assert.deepEqual(r.body, { sessionsClosed: 0, network: { latencyMs: 250, lossRatio: 0.25, unresponsive: true, rebootingUntil: '2026-01-01T00:00:30Z' } });
    f.clock.advance(29_999);
    assert.equal(lan.faults.unresponsive, true);
    f.clock.advance(1);
    assert.deepEqual((await call('GET', '/v1/devices/bmc1/network')).body, { latencyMs: 250, lossRatio: 0.25, unresponsive: false, rebootingUntil: null });
    assert.deepEqual((await call('DELETE', '/v1/devices/bmc1/network')).body, { latencyMs: 0, lossRatio: 0, unresponsive: false, rebootingUntil: null });
    // A device without a LAN listener reboots (sessions end) but cannot be taken down.
    assert.deepEqual((await call('POST', '/v1/devices/serial1/reboot', {})).body, { sessionsClosed: 0 });
    assert.equal((await call('POST', '/v1/devices/serial1/reboot', { downSec: 5 })).status, 409);
  });

  it('a bearer token, when set, is required', async () => {
    const g = testFleet(['bmc1']);
    const a2 = await controlApp(g, 's3cret');
    try {
      const none = await a2.inject({ method: 'GET', url: '/v1/devices' });
      assert.deepEqual([none.statusCode, none.headers['www-authenticate'], none.json()], [401, 'Bearer realm="bmcbridge-control"', { error: 'Unauthorized', message: 'a bearer token is required: Authorization: Bearer <token>' }]);
      const wrong = await a2.inject({ method: 'GET', url: '/v1/devices', headers: { authorization: 'Bearer s3cre' } });
      assert.deepEqual([wrong.statusCode, wrong.json().message], [401, 'the bearer token is not the right one']);
      const ok = await a2.inject({ method: 'GET', url: '/v1/devices', headers: { authorization: 'Bearer s3cret' } });
      assert.equal(ok.statusCode, 200);
      // Unknown routes are refused before they are looked up.
      assert.equal((await a2.inject({ method: 'GET', url: '/v1/x' })).statusCode, 401);
    } finally {
      await a2.close();
      g.close();
    }
  });
});
