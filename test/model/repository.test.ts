import assert from 'node:assert/strict';
import { ManualClock } from '../../src/lib/clock';
import { CimError, CimStatus } from '../../src/lib/errors';
import { Repository } from '../../src/model/repository';
import type { CimInstance } from '../../src/model/types';
import { FixtureSource } from './fixture-source';

async function take(it: AsyncIterable<CimInstance>): Promise<CimInstance[]> {
  const out: CimInstance[] = [];
  for await (const i of it) out.push(i);
  return out;
}
const reads = (src: FixtureSource) => src.calls.filter((c) => c.startsWith('readSensor')).length;
const sensorKeys = (deviceId: string, device = 'bmc1') => ({ SystemCreationClassName: 'ComputerSystem', SystemName: device, CreationClassName: 'NumericSensor', DeviceID: deviceId });

describe('model: repository cache (fresh within max age, shared reads, no traffic when no live data is needed)', () => {
  it('readings are re-read only after the per-device max age', async () => {
    const clock = new ManualClock();
    const src = new FixtureSource('bmc1');
    const repo = new Repository({ sources: [src], clock, maxAgeMs: 2000 });
    await take(repo.enumerate('NumericSensor'));
    assert.equal(reads(src), 12); // every readable sensor once (6 threshold + 6 discrete)
    clock.advance(1999);
    await take(repo.enumerate('NumericSensor'));
    assert.equal(reads(src), 12);
    src.state.readings.set(1, { ...src.state.readings.get(1)!, raw: 0x40 });
    clock.advance(1);
    const [cpu] = await take(repo.query('SELECT CurrentReading FROM NumericSensor WHERE DeviceID = "1.0.32"'));
    assert.equal(reads(src), 24);
    assert.equal(cpu.properties.CurrentReading, 64);
  });

  it('max age can differ per device', async () => {
    const clock = new ManualClock();
    const a = new FixtureSource('fast');
    const b = new FixtureSource('slow');
    const repo = new Repository({ sources: [a, b], clock, maxAgeMs: (d) => (d === 'fast' ? 100 : 10_000) });
    await take(repo.enumerate('NumericSensor'));
    clock.advance(500);
    await take(repo.enumerate('NumericSensor'));
    assert.deepEqual([reads(a), reads(b)], [24, 12]);
    const [s] = await take(repo.query('SELECT PollingInterval FROM NumericSensor WHERE SystemName = "slow" AND DeviceID = "1.0.32"'));
    assert.equal(s.properties.PollingInterval, 10_000_000_000);
  });

  it('concurrent queries share one device read', async () => {
    const src = new FixtureSource('bmc1');
    const repo = new Repository({ sources: [src] });
    let open!: () => void;
    src.gate = new Promise((r) => (open = r));
    const q1 = take(repo.query('SELECT * FROM CIM_NumericSensor'));
    const q2 = take(repo.query('SELECT * FROM CIM_NumericSensor WHERE CurrentState <> "Normal"'));
    const q3 = take(repo.enumerate('CIM_Sensor'));
    await new Promise((r) => setImmediate(r));
    open();
    const [r1, r2, r3] = await Promise.all([q1, q2, q3]);
    assert.deepEqual([r1.length, r2.length, r3.length], [6, 0, 13]);
    assert.equal(src.calls.filter((c) => c === 'sdrs').length, 1);
    assert.equal(reads(src), 12);
    assert.equal(src.calls.filter((c) => c.startsWith('readThresholds')).length, 6);
  });

  it('a query that needs no live data reads the SDRs once and then nothing', async () => {
    const src = new FixtureSource('bmc1');
    const repo = new Repository({ sources: [src] });
    const first = await take(repo.query('SELECT Name, DeviceID, BaseUnits, UnitModifier FROM CIM_NumericSensor WHERE SensorType = 3'));
    assert.deepEqual(first.map((i) => i.properties), [
      { Name: '12V', DeviceID: '5.0.32', BaseUnits: 5, UnitModifier: -2 },
      { Name: '3.3V', DeviceID: '6.0.32', BaseUnits: 5, UnitModifier: -2 },
    ]);
    assert.deepEqual(src.calls, ['sdrs']);
    await take(repo.query('SELECT Name FROM CIM_Sensor'));
    await take(repo.query('SELECT Name, Dedicated FROM ComputerSystem'));
    await take(repo.query('SELECT InstanceID FROM RecordLog'));
    await take(repo.query('REFERENCES OF {ComputerSystem.CreationClassName="ComputerSystem",Name="bmc1"} WHERE ResultClass = CIM_SystemDevice'));
    assert.deepEqual(src.calls, ['sdrs']);
  });

  it('UnitModifier stays the same across readings; readings stay exact', async () => {
    const clock = new ManualClock();
    const src = new FixtureSource('bmc1');
    const repo = new Repository({ sources: [src], clock, maxAgeMs: 10 });
    const seen: Array<[unknown, unknown]> = [];
    for (const raw of [0x00, 0x01, 0x7f, 0xc9, 0xff]) {
      src.state.readings.set(5, { ...src.state.readings.get(5)!, raw });
      clock.advance(10);
      const v = await repo.get('NumericSensor', sensorKeys('5.0.32'));
      seen.push([v.properties.UnitModifier, v.properties.CurrentReading]);
    }
    assert.deepEqual(seen, [[-2, 0], [-2, 6], [-2, 762], [-2, 1206], [-2, 1530]]);
  });
});

describe('model: sensor state from Get Sensor Reading', () => {
  const cases: Array<[string, Partial<{ states: number; scanningEnabled: boolean; unavailable: boolean }>, Record<string, unknown>]> = [
    ['at or above UNC', { states: 0x08 }, { CurrentState: 'Upper Non-Critical', HealthState: 10, OperationalStatus: [3], Status: 'Degraded', EnabledState: 2 }],
    ['at or above UC', { states: 0x18 }, { CurrentState: 'Upper Critical', HealthState: 25, OperationalStatus: [6], Status: 'Error', EnabledState: 2 }],
    ['at or below LNR', { states: 0x07 }, { CurrentState: 'Lower Fatal', HealthState: 30, OperationalStatus: [7], Status: 'NonRecover', EnabledState: 2 }],
    ['scanning disabled', { scanningEnabled: false }, { CurrentState: 'Unknown', HealthState: 0, OperationalStatus: [10], StatusDescriptions: ['Stopped: sensor scanning disabled'], EnabledState: 3, CurrentReading: null }],
    ['reading unavailable', { unavailable: true }, { CurrentState: 'Unknown', HealthState: 0, OperationalStatus: [0], StatusDescriptions: ['Unknown: reading unavailable'], EnabledState: 2, CurrentReading: null }],
  ];
  for (const [what, change, want] of cases)
    it(what, async () => {
      const src = new FixtureSource('bmc1');
      src.state.readings.set(5, { ...src.state.readings.get(5)!, ...change });
      const repo = new Repository({ sources: [src] });
      const v = await repo.get('NumericSensor', sensorKeys('5.0.32'));
      for (const [k, x] of Object.entries(want)) assert.deepEqual(v.properties[k], x, k);
    });

  it('a sensor the BMC answers CBh for is Unknown with the reason; the others are unaffected', async () => {
    const src = new FixtureSource('bmc1');
    src.state.readings.delete(2);
    const repo = new Repository({ sources: [src] });
    const all = await take(repo.enumerate('NumericSensor'));
    const inlet = all.find((s) => s.properties.DeviceID === '2.0.32')!;
    assert.deepEqual([inlet.properties.CurrentReading, inlet.properties.CurrentState, inlet.properties.StatusDescriptions], [
      null,
      'Unknown',
      ['Unknown: Get Sensor Reading: Requested sensor, data, or record not present (0xcb)'],
    ]);
    assert.equal(all.filter((s) => s.properties.CurrentState === 'Normal').length, 5);
  });

  it('discrete: the most severe asserted state wins (PS1 present + failed -> "Failure detected", critical)', async () => {
    const src = new FixtureSource('bmc1');
    src.state.readings.set(0x10, { ...src.state.readings.get(0x10)!, states: 0x0003 });
    const repo = new Repository({ sources: [src] });
    const ps = await repo.get('Sensor', { SystemCreationClassName: 'ComputerSystem', SystemName: 'bmc1', CreationClassName: 'Sensor', DeviceID: '16.0.32' });
    assert.deepEqual([ps.properties.CurrentState, ps.properties.HealthState, ps.properties.OperationalStatus], ['Failure detected', 25, [6]]);
  });
});

describe('model: an unreachable device', () => {
  it('keeps its ComputerSystem with Lost Communication and shows no stale readings', async () => {
    const clock = new ManualClock();
    const src = new FixtureSource('bmc1');
    const repo = new Repository({ sources: [src], clock, maxAgeMs: 1000 });
    const before = await repo.get('NumericSensor', sensorKeys('1.0.32'));
    assert.equal(before.properties.CurrentReading, 48);
    src.unreachable = true;
    clock.advance(1000);
    const [cs] = await take(repo.enumerate('ComputerSystem'));
    assert.deepEqual(
      [cs.properties.Name, cs.properties.OperationalStatus, cs.properties.StatusDescriptions, cs.properties.HealthState, cs.properties.EnabledState, cs.properties.Status],
      ['bmc1', [13], ['Lost Communication: no answer from bmc1 after 3 attempts'], 0, 0, 'Lost Comm'],
    );
    const cpu = await repo.get('NumericSensor', sensorKeys('1.0.32'));
    assert.deepEqual(
      [cpu.properties.CurrentReading, cpu.properties.CurrentState, cpu.properties.OperationalStatus, cpu.properties.UpperThresholdCritical, cpu.properties.Name],
      [null, 'Unknown', [13], null, 'CPU Temp'],
    );
    const [log] = await take(repo.enumerate('RecordLog'));
    assert.deepEqual([log.properties.CurrentNumberOfRecords, log.properties.OperationalStatus], [null, [13]]);
    assert.deepEqual(await take(repo.enumerate('LogRecord')), []);
  });

  it('is not retried by every query within the max age, and recovers after', async () => {
    const clock = new ManualClock();
    const src = new FixtureSource('bmc1');
    src.unreachable = true;
    const repo = new Repository({ sources: [src], clock, maxAgeMs: 1000 });
    const [cs] = await take(repo.enumerate('ComputerSystem'));
    assert.deepEqual(cs.properties.OperationalStatus, [13]);
    assert.equal(cs.properties.OtherIdentifyingInfo, null);
    const n = src.calls.length;
    await take(repo.enumerate('ComputerSystem'));
    assert.equal(src.calls.length, n);
    src.unreachable = false;
    clock.advance(1000);
    const [again] = await take(repo.enumerate('ComputerSystem'));
    assert.deepEqual([again.properties.OperationalStatus, again.properties.EnabledState], [[2], 2]);
  });

  it('a device that never answered still has its ComputerSystem; its sensors are unknown, so absent', async () => {
    const src = new FixtureSource('ghost');
    src.unreachable = true;
    const repo = new Repository({ sources: [src] });
    assert.deepEqual((await take(repo.enumerate('ComputerSystem'))).map((i) => i.properties.Name), ['ghost']);
    assert.deepEqual(await take(repo.enumerate('CIM_Sensor')), []);
  });
});

describe('model: a fleet', () => {
  const fleet = (n: number) => Array.from({ length: n }, (_, i) => new FixtureSource(`bmc${i + 1}`));

  it('instances are scoped by SystemName; EnumerateOptions.device restricts to one device', async () => {
    const repo = new Repository({ sources: fleet(3) });
    assert.deepEqual((await take(repo.enumerate('ComputerSystem'))).map((i) => i.properties.Name), ['bmc1', 'bmc2', 'bmc3']);
    const one = await take(repo.enumerate('CIM_NumericSensor', { device: 'bmc2' }));
    assert.deepEqual([one.length, [...new Set(one.map((i) => i.properties.SystemName))]], [6, ['bmc2']]);
    assert.equal((await take(repo.query('SELECT * FROM LogRecord WHERE LogName = "IPMI:bmc3:SEL"'))).length, 4);
  });

  it('enumeration is lazy: the first instance needs only the first few devices', async () => {
    const sources = fleet(20);
    const repo = new Repository({ sources, prefetch: 2 });
    const it = repo.enumerate('CIM_NumericSensor')[Symbol.asyncIterator]();
    const first = await it.next();
    assert.equal((first.value as CimInstance).properties.SystemName, 'bmc1');
    const touched = sources.filter((s) => s.calls.length > 0).map((s) => s.name);
    assert.deepEqual(touched, ['bmc1', 'bmc2', 'bmc3']);
    await it.return?.();
  });

  it('get by keys: both class names, any case of key names and string values; datetimes in either form', async () => {
    const repo = new Repository({ sources: fleet(2) });
    const a = await repo.get('NumericSensor', sensorKeys('6.0.32', 'bmc2'));
    const b = await repo.get('CIM_NumericSensor', { systemname: 'BMC2', creationclassname: 'numericsensor', systemcreationclassname: 'computersystem', deviceid: '6.0.32' });
    assert.deepEqual(a, b);
    assert.equal(a.properties.SystemName, 'bmc2');
    const logKeys = { LogCreationClassName: 'RecordLog', LogName: 'IPMI:bmc1:SEL', CreationClassName: 'LogRecord', RecordID: '2' };
    const r1 = await repo.get('LogRecord', { ...logKeys, MessageTimestamp: '19700101000551.000000+000' });
    const r2 = await repo.get('CIM_LogRecord', { ...logKeys, MessageTimestamp: '1970-01-01T00:05:51Z' });
    assert.deepEqual([r1.properties.RecordID, r2.properties.Caption], ['2', 'Fan Assert: Lower Critical - going low']);
    await assert.rejects(repo.get('LogRecord', { ...logKeys, MessageTimestamp: '19700101000552.000000+000' }), (e: unknown) => e instanceof CimError && e.status === CimStatus.NOT_FOUND);
  });

  it('get errors: unknown class, incomplete keys, no such instance, a CreationClassName of another class', async () => {
    const repo = new Repository({ sources: fleet(1) });
    await assert.rejects(repo.get('Nope', {}), (e: unknown) => e instanceof CimError && e.status === CimStatus.INVALID_CLASS && e.message === 'no class Nope');
    await assert.rejects(
      repo.get('ComputerSystem', { Name: 'bmc1' }),
      (e: unknown) => e instanceof CimError && e.status === CimStatus.INVALID_PARAMETER && e.message === 'ComputerSystem is identified by CreationClassName, Name; got Name',
    );
    await assert.rejects(
      repo.get('ComputerSystem', { Name: 'bmc9', CreationClassName: 'ComputerSystem' }),
      (e: unknown) => e instanceof CimError && e.status === CimStatus.NOT_FOUND && e.message === 'no ComputerSystem instance with Name="bmc9", CreationClassName="ComputerSystem"',
    );
    await assert.rejects(repo.get('CIM_Sensor', { ...sensorKeys('1.0.32'), CreationClassName: 'Sensor' }), (e: unknown) => e instanceof CimError && e.status === CimStatus.NOT_FOUND);
  });

  it('devices can join and leave', async () => {
    const repo = new Repository();
    repo.addDevice(new FixtureSource('x'));
    repo.addDevice(new FixtureSource('y'));
    assert.throws(() => repo.addDevice(new FixtureSource('x')), /already in the model/);
    assert.equal(repo.removeDevice('x'), true);
    assert.deepEqual((await take(repo.enumerate('ComputerSystem'))).map((i) => i.properties.Name), ['y']);
  });

  it('classes() lists a namespace; classInfo() accepts either spelling', () => {
    const repo = new Repository();
    assert.deepEqual(repo.classes('root/wmi').map((c) => c.name), ['Microsoft_IPMI']);
    assert.ok(repo.classes('root\\hardware').some((c) => c.name === 'NumericSensor'));
    assert.equal(repo.classInfo('cim_numericsensor')!.name, 'CIM_NumericSensor');
  });
});
