import assert from 'node:assert/strict';
import { ManualClock } from '../../src/lib/clock';
import { CimError, CimStatus } from '../../src/lib/errors';
import { Repository, stringKeys } from '../../src/model/repository';
import type { CimInstance } from '../../src/model/types';
import { decodeSdrs, encodeSdrs } from '../../src/codec/records/sdr';
import { FixtureSource, fullThresholdSensor, IPMI_SIM_SDR_HEX, extraSdrs } from './fixture-source';

/**
 * Get (and Put, Invoke) by keys builds the one instance asked for from the device's view
 * (Provider.lookup: sensors indexed by DeviceID per SDR read, SEL records by RecordID per SEL
 * read), with the same values and the same max-age rules as an enumeration.
 */
async function all(repo: Repository, cls: string): Promise<CimInstance[]> {
  const out: CimInstance[] = [];
  for await (const i of repo.enumerate(cls)) out.push(i);
  return out;
}
/** Counts the instances the repository builds (every instance starts as Schema.blank). */
function countBuilds(repo: Repository): { n: number } {
  const c = { n: 0 };
  const blank = repo.schema.blank.bind(repo.schema);
  repo.schema.blank = (cls: string) => (c.n++, blank(cls));
  return c;
}
const notFound = (e: unknown) => e instanceof CimError && e.status === CimStatus.NOT_FOUND;

describe('model: Get by keys', () => {
  it('every NumericSensor, Sensor and LogRecord: Get returns what Enumerate returned', async () => {
    const repo = new Repository({ sources: [new FixtureSource('bmc1'), new FixtureSource('bmc2')] });
    for (const cls of ['NumericSensor', 'Sensor', 'LogRecord', 'CIM_Sensor']) {
      const listed = await all(repo, cls);
      assert.ok(listed.length >= 4, `${cls}: ${listed.length}`);
      for (const i of listed) assert.deepEqual(await repo.get(cls, stringKeys(repo.schema, i)), i);
    }
  });

  it('builds one instance per Get, not the class', async () => {
    const sdrs = Array.from({ length: 50 }, (_, i) =>
      fullThresholdSensor(i + 1, { number: i + 1, name: `T${i + 1}`, sensorType: 0x01, unit: 1, m: 1, rExp: 0, entity: [7, 1], thresholds: [5, 10, 15, 200, 220, 240] }),
    );
    const readings = new Map(sdrs.map((_, i) => [i + 1, { raw: 40 + i, eventMessagesEnabled: true, scanningEnabled: true, unavailable: false, states: 0 }]));
    const repo = new Repository({ sources: [new FixtureSource('big', { sdrs: decodeSdrs(encodeSdrs(sdrs)), readings })] });
    const builds = countBuilds(repo);
    const keys = { SystemCreationClassName: 'ComputerSystem', SystemName: 'big', CreationClassName: 'NumericSensor', DeviceID: '25.0.32' };
    assert.equal((await repo.get('NumericSensor', keys)).properties.CurrentReading, 64);
    assert.equal(builds.n, 1);
    builds.n = 0;
    assert.equal((await all(repo, 'NumericSensor')).length, 50);
    assert.equal(builds.n, 50);
    builds.n = 0;
    const rec = await repo.get('LogRecord', { LogCreationClassName: 'RecordLog', LogName: 'IPMI:big:SEL', CreationClassName: 'LogRecord', RecordID: '3', MessageTimestamp: '19700101000551.000000+000' });
    assert.equal(rec.properties.RecordID, '3');
    assert.equal(builds.n, 1);
  });

  it('a key of the other sensor class, an unknown DeviceID or RecordID, a wrong second key: not found', async () => {
    const repo = new Repository({ sources: [new FixtureSource('bmc1')] });
    const sensor = (DeviceID: string, CreationClassName = 'NumericSensor') => ({ SystemCreationClassName: 'ComputerSystem', SystemName: 'bmc1', CreationClassName, DeviceID });
    // 16.0.32 is "PS1 Status", a discrete sensor: a Sensor, not a NumericSensor.
    await assert.rejects(repo.get('NumericSensor', sensor('16.0.32')), notFound);
    assert.equal((await repo.get('Sensor', sensor('16.0.32', 'Sensor'))).properties.Name, 'PS1 Status');
    assert.equal((await repo.get('CIM_Sensor', sensor('16.0.32', 'Sensor'))).properties.Name, 'PS1 Status');
    await assert.rejects(repo.get('NumericSensor', sensor('99.0.32')), notFound);
    await assert.rejects(repo.get('NumericSensor', { ...sensor('1.0.32'), SystemName: 'bmc2' }), notFound);
    const record = { LogCreationClassName: 'RecordLog', LogName: 'IPMI:bmc1:SEL', CreationClassName: 'LogRecord', RecordID: '2', MessageTimestamp: '19700101000551.000000+000' };
    assert.equal((await repo.get('LogRecord', record)).properties.RecordID, '2');
    await assert.rejects(repo.get('LogRecord', { ...record, RecordID: '9' }), notFound);
    await assert.rejects(repo.get('LogRecord', { ...record, MessageTimestamp: '19700101000552.000000+000' }), notFound);
  });

  it('a repository that repeats a sensor address: the first record, as in an enumeration', async () => {
    const sdrs = decodeSdrs(Buffer.from(IPMI_SIM_SDR_HEX.join(''), 'hex'));
    const twin = { ...sdrs[0], recordId: 0x40, idString: 'CPU Temp (again)' };
    const repo = new Repository({ sources: [new FixtureSource('bmc1', { sdrs: [...sdrs, ...extraSdrs(), twin] })] });
    const listed = (await all(repo, 'NumericSensor')).filter((i) => i.properties.DeviceID === '1.0.32').map((i) => i.properties.Name);
    assert.deepEqual(listed, ['CPU Temp', 'CPU Temp (again)']);
    const got = await repo.get('NumericSensor', { SystemCreationClassName: 'ComputerSystem', SystemName: 'bmc1', CreationClassName: 'NumericSensor', DeviceID: '1.0.32' });
    assert.equal(got.properties.Name, 'CPU Temp');
  });

  it("a Get serves the reading within the device's max age and reads again after it", async () => {
    const clock = new ManualClock();
    const src = new FixtureSource('bmc1');
    const repo = new Repository({ sources: [src], clock, maxAgeMs: 1000 });
    const keys = { SystemCreationClassName: 'ComputerSystem', SystemName: 'bmc1', CreationClassName: 'NumericSensor', DeviceID: '1.0.32' };
    assert.equal((await repo.get('NumericSensor', keys)).properties.CurrentReading, 48);
    src.state.readings.set(1, { ...src.state.readings.get(1)!, raw: 0x40 });
    clock.advance(999);
    assert.equal((await repo.get('NumericSensor', keys)).properties.CurrentReading, 48);
    clock.advance(1);
    assert.equal((await repo.get('NumericSensor', keys)).properties.CurrentReading, 64);
    assert.equal(src.calls.filter((c) => c === 'readSensor 1').length, 2);
  });

  it('a new SEL read is indexed anew: a record added to the SEL can be got', async () => {
    const clock = new ManualClock();
    const src = new FixtureSource('bmc1');
    const repo = new Repository({ sources: [src], clock, maxAgeMs: 1000 });
    const record = (RecordID: string) => ({ LogCreationClassName: 'RecordLog', LogName: 'IPMI:bmc1:SEL', CreationClassName: 'LogRecord', RecordID, MessageTimestamp: '19700101000551.000000+000' });
    await assert.rejects(repo.get('LogRecord', record('5')), notFound);
    src.state.sel.push({ ...src.state.sel[0], recordId: 5 });
    clock.advance(1000);
    assert.equal((await repo.get('LogRecord', record('5'))).properties.Caption, (await repo.get('LogRecord', record('1'))).properties.Caption);
  });
});
