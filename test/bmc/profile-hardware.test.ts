import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigErrors } from '../../src/lib/errors';
import { loadDevicesFile, loadProfileRef } from '../../src/profile';
import { VirtualBmc } from '../../src/bmc/device';
import { standardHandlers } from '../../src/bmc/handlers';
import { silentLogger } from '../../src/lib/logger';
import { tempDir } from './harness';
import { buildSdrRecords } from '../../src/bmc/state/sdr';
import { encodeSdr } from '../../src/codec/records/sdr';
import { HARDWARE_FIXTURE } from './hw';

const IDENTITY = 'identity: { manufacturerId: 343, productId: 1 }\n';

/** Every problem (file: pointer: reason) a profile text produces. */
function problems(dir: string, text: string): string[] {
  const file = path.join(dir, 'p.yaml');
  fs.writeFileSync(file, text);
  try {
    loadProfileRef(file);
  } catch (e) {
    if (e instanceof ConfigErrors) return e.problems.map((p) => `${p.path}: ${p.reason}`);
    throw e;
  }
  return [];
}

describe('profile: hardware sections (sensors, fru, sel, dcmi, simulation)', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('resolves names to codes and units to raw values (the fixture)', () => {
    const p = loadProfileRef(HARDWARE_FIXTURE);
    const fan = p.sensors!.find((s) => s.key === 'FAN1')!;
    assert.deepEqual([fan.number, fan.sensorType, fan.eventReadingType, fan.entityId, fan.record], [3, 4, 1, 0x1d, 'full']);
    assert.deepEqual(fan.analog!.units, { base: 18, modifier: 0, modifierOp: 0, rate: 0, percentage: false });
    assert.deepEqual(fan.analog!.readable, ['lowerNonCritical', 'lowerCritical', 'lowerNonRecoverable']);
    assert.deepEqual(fan.assertionEvents, [0, 2, 4], 'going-low events of the three lower thresholds');
    const psu = p.sensors!.find((s) => s.key === 'PSU1 Status')!;
    assert.deepEqual([psu.record, psu.eventReadingType, psu.discrete!.initial, psu.discrete!.readable], ['compact', 0x6f, [0], [0, 1, 3]]);
    assert.equal(p.sel!.initialEntries[0].eventData.join(','), [0x57, 90, 85].join(','));
    assert.equal(p.fru![0].image.length, 2 * 512);
    assert.equal(p.dcmi!.mcIdString, 'Test BMC');
    assert.ok(Object.isFrozen(p.sensors![0].analog!.thresholds));
  });

  it('factors derived from a range (deriveFactors)', () => {
    fs.writeFileSync(
      path.join(dir, 'v.yaml'),
      IDENTITY + 'sensors:\n  12V: { number: 1, type: Voltage, units: Volts, range: [0, 15.3], thresholds: { ucr: 13.2 }, initial: 12.06 }\n',
    );
    const s = loadProfileRef(path.join(dir, 'v.yaml')).sensors![0];
    assert.deepEqual(s.analog!.factors, { m: 60, b: 0, bExp: 0, rExp: -3 });
  });

  it('reports every problem with its JSON pointer and reason', () => {
    const text =
      IDENTITY +
      `sensors:
  CPU Temp: { number: 1, type: Temperature, units: degrees C, thresholds: { ucr: 300 }, initial: 40, behaviour: { kind: sine, amplitude: 1 } }
  Fan: { number: 1, type: Fan, units: RPMs, initial: 10, record: compact }
  A very long sensor name: { number: 2, type: Nonsense, states: [Frobnicated] }
  "7": { number: 3, type: Power Supply, states: [Presence detected], thresholds: { unc: 1 } }
  Follower: { number: 4, type: Fan, units: RPM, initial: 1, behaviour: { kind: follow, source: Nowhere, input: [0, 1], output: [0, 1] } }
  Loop A: { number: 5, type: Fan, units: RPM, initial: 1, behaviour: { kind: follow, source: Loop B, input: [0, 1], output: [0, 1] } }
  Loop B: { number: 6, type: Fan, units: RPM, initial: 1, behaviour: { kind: follow, source: Loop A, input: [0, 1], output: [0, 1] } }
  ACPI: { number: 7, type: Fan, eventType: sensor-specific, bind: power }
fru:
  0: { size: 64, board: { manufacturer: ${'x'.repeat(60)}, productName: yz, mfgDate: yesterday } }
  300: { name: big }
sel:
  entries:
    - { sensor: Missing, event: 1 }
    - { sensor: CPU Temp, event: Lower Critical going low }
dcmi:
  power: { idleWatts: 500, maxWatts: 300 }
  rollingAveragePeriodsSec: [4000]
`;
    assert.deepEqual(problems(dir, text), [
      // A numeric key comes first (JavaScript orders integer keys first: hence the rule). Its
      // thresholds make it a threshold sensor, so its states are misplaced.
      '/sensors/7: a sensor key must not be a plain number (line 6)',
      '/sensors/7/states: only for discrete sensors (line 6)',
      '/sensors/7/initial: required field is missing (the reading at start, in units) (line 6)',
      '/sensors/CPU Temp/thresholds/ucr: 300 is outside what the sensor can report (0..255) (line 3)',
      '/sensors/CPU Temp/behaviour/periodSec: required for kind sine (line 3)',
      '/sensors/Fan/number: sensor number 0x01 is also used by /sensors/CPU Temp (line 4)',
      '/sensors/Fan/record: a compact record has no conversion factors: threshold sensors need record: full (line 4)',
      '/sensors/Fan/units: unknown unit "RPMs" (line 4)',
      '/sensors/A very long sensor name: a sensor name (its SDR ID string) is 1 to 16 printable ASCII characters (line 5)',
      '/sensors/A very long sensor name/type: unknown sensor type "Nonsense" (line 5)',
      '/sensors/A very long sensor name/states/0: unknown state "Frobnicated": this event type has no named states, give an offset 0..14 (line 5)',
      '/sensors/ACPI/bind: bind: power is for sensor types System ACPI Power State (0x22), Power Unit (0x09), System Boot Initiated (0x1d) (line 10)',
      '/sensors/Follower/behaviour/source: "Nowhere" is not a threshold sensor of this profile, nor one of: load, power (line 7)',
      '/sensors/Loop A/behaviour/source: follow loop: Loop A -> Loop B -> Loop A (line 8)',
      '/sensors/Loop B/behaviour/source: follow loop: Loop B -> Loop A -> Loop B (line 9)',
      '/fru/0/board/mfgDate: must be an ISO 8601 date-time like 2021-06-15T08:30:00Z (line 12)',
      '/fru/0/size: the image is 88 bytes, more than size 64 (line 12)',
      '/fru/300: a FRU device ID is 0..254 (line 13)',
      '/sel/entries/0/sensor: no sensor "Missing" in this profile (line 16)',
      '/sel/entries/1/event: a threshold event needs a sensor with a lowerCritical threshold, or eventData (line 17)',
      '/dcmi/power/idleWatts: idle (500 W) is above max (300 W) (line 19)',
      '/dcmi/rollingAveragePeriodsSec/0: 4000 s is not a whole number (1..63) of seconds, minutes, hours or days (line 20)',
    ]);
  });

  it('a shared record (share): one compact SDR with bytes 24-25 set, and a sensor per member', () => {
    fs.writeFileSync(
      path.join(dir, 's.yaml'),
      IDENTITY +
        'sensors:\n' +
        '  "DIMM ": { number: 0x10, entity: [0x20, 1], type: Memory, states: [Presence detected], share: { count: 3, modifier: alpha, offset: 1, entityInstances: true } }\n' +
        '  PS: { number: 0x20, entity: [0x0a, 1], type: Power Supply, states: [Presence detected], record: eventOnly, share: { count: 2 } }\n',
    );
    const p = loadProfileRef(path.join(dir, 's.yaml'));
    assert.deepEqual(
      p.sensors!.map((s) => [s.key, s.name, s.number, s.entityInstance, s.share?.index]),
      [
        ['DIMM B', 'DIMM B', 0x10, 1, 0],
        ['DIMM C', 'DIMM C', 0x11, 2, 1],
        ['DIMM D', 'DIMM D', 0x12, 3, 2],
        ['PS0', 'PS0', 0x20, 1, 0],
        ['PS1', 'PS1', 0x21, 1, 1],
      ],
    );
    const sdrs = buildSdrRecords(p).filter((r) => r.kind === 'compact' || r.kind === 'eventOnly');
    assert.equal(sdrs.length, 2, 'one record per shared group');
    // Compact record bytes 24-25 (v2.0 Table 43-2): 0001 0011 = alpha, count 3; 1000 0001 = instances count up, offset 1.
    const compact = encodeSdr(sdrs[0]);
    assert.equal(compact.subarray(23, 25).toString('hex'), '1381');
    assert.equal(compact.subarray(compact.length - 5).toString('latin1'), 'DIMM ', 'the base ID string');
    // Event-only record bytes 13-14 (v2.0 Table 43-3): numeric, count 2; same entity instance, offset 0.
    const eventOnly = encodeSdr(sdrs[1]);
    assert.equal(eventOnly.subarray(12, 14).toString('hex'), '0200');
    // Each member is a sensor of its own.
    const bmc = new VirtualBmc({ name: 's', profile: p, log: silentLogger, handlers: standardHandlers });
    try {
      // Memory "Presence detected" is offset 6 (v2.0 Table 42-3).
      bmc.sensors.deassertState('DIMM C', bmc.sensors.stateOffset('DIMM C', 'Presence detected'));
      assert.deepEqual([0x10, 0x11, 0x12].map((n) => bmc.sensors.reading(bmc.sensors.get(n)!).states), [0x40, 0, 0x40]);
    } finally {
      bmc.close();
    }
  });

  it('shared record problems: a full record, numbers past FEh or taken, a key that collides', () => {
    const text =
      IDENTITY +
      `sensors:
  T: { number: 1, type: Temperature, units: degrees C, initial: 1, share: { count: 2 } }
  D: { number: 0xfd, type: Memory, states: [Presence detected], share: { count: 3 } }
  E: { number: 0x30, type: Memory, states: [Presence detected], share: { count: 2 } }
  F: { number: 0x31, type: Memory, states: [Presence detected] }
  E1: { number: 0x40, type: Memory, states: [Presence detected] }
`;
    assert.deepEqual(problems(dir, text), [
      '/sensors/T/share: only compact and event-only records are shared (v2.0 §43.2): give record: compact or eventOnly (line 3)',
      '/sensors/D/share/count: the shared record runs past sensor number FEh (3 sensors from 0xfd) (line 4)',
      '/sensors/F/number: sensor number 0x31 is also used by /sensors/E (line 6)',
      '/sensors/E/share: sensor key "E1" is used twice (a shared record\'s sensors are named by its key plus their instance modifier) (line 5)',
    ]);
    // The share count is 4 bits.
    assert.deepEqual(problems(dir, IDENTITY + 'sensors:\n  G: { number: 0x50, type: Memory, states: [Presence detected], share: { count: 16 } }\n'), ['/sensors/G/share/count: must be <= 15 (line 3)']);
  });

  it('schema problems in the hardware sections: unknown fields, wrong types', () => {
    assert.deepEqual(problems(dir, IDENTITY + 'sensors:\n  X: { number: 300, type: Fan, colour: red }\nsel: { capacity: 3 }\n'), [
      '/sensors/X/colour: unknown field (line 3)',
      '/sensors/X/number: must be <= 254 (line 3)',
      '/sel/capacity: must be >= 16 (line 4)',
    ]);
  });

  it('a device overrides single sensors, FRU fields and the SEL (maps merge key by key)', () => {
    const devices = path.join(dir, 'devices.yaml');
    fs.writeFileSync(
      devices,
      `devices:
  - name: one
    kind: sim
    profile: ${HARDWARE_FIXTURE}
    overrides:
      sensors: { CPU Temp: { initial: 61 } }
      fru: { 0: { board: { serialNumber: SN-ONE } } }
      dcmi: { assetTag: rack-7 }
`,
    );
    const [d] = loadDevicesFile(devices);
    const cpu = d.profile.sensors!.find((s) => s.key === 'CPU Temp')!;
    assert.equal(cpu.analog!.initial, 61);
    assert.equal(cpu.analog!.thresholds.upperCritical, 95, 'the rest of the sensor is the profile\'s');
    assert.equal(d.profile.sensors!.length, 13);
    const bmc = new VirtualBmc({ name: d.name, profile: d.profile, log: silentLogger, handlers: standardHandlers });
    try {
      assert.equal(bmc.fru.decoded(0)?.board?.serialNumber, 'SN-ONE');
      assert.equal(bmc.fru.decoded(0)?.board?.productName, 'VBMC Board');
      assert.equal(bmc.dcmi!.assetTag().toString(), 'rack-7');
    } finally {
      bmc.close();
    }
  });

  it('the shipped profiles load, and each has sensors, FRU 0, DCMI and a cited source', () => {
    const dir2 = path.resolve(__dirname, '../../profiles');
    for (const f of ['generic-1u', 'dell-poweredge-r650', 'supermicro-x12', 'hpe-proliant-dl360']) {
      const p = loadProfileRef(f);
      assert.ok(p.sensors!.length >= 20, `${f}: ${p.sensors!.length} sensors`);
      assert.equal(p.fru![0].id, 0);
      assert.ok(p.dcmi);
      assert.match(fs.readFileSync(path.join(dir2, `${f}.yaml`), 'utf8'), /github\.com|issue \d+/, `${f} cites where its sensors come from`);
    }
  });
});
