import assert from 'node:assert/strict';
import { CimError, CimStatus } from '../../src/lib/errors';
import { Repository } from '../../src/model/repository';
import type { CimInstance, CimReference } from '../../src/model/types';
import { FixtureSource } from './fixture-source';

const CS = '{ComputerSystem.CreationClassName="ComputerSystem",Name="bmc1"}';

async function run(repo: Repository, q: string): Promise<CimInstance[]> {
  const out: CimInstance[] = [];
  for await (const i of repo.query(q)) out.push(i);
  return out;
}
const label = (i: CimInstance) => {
  const p = i.properties;
  return `${i.className}:${String(p.DeviceID ?? p.RecordID ?? p.Tag ?? p.InstanceID ?? p.Name)}`;
};
const refLabel = (r: CimReference) => `${r.className}:${Object.values(r.keys).join('/')}`;

describe('model: associations (an extension; Windows root\\hardware has none)', () => {
  const repo = new Repository({ sources: [new FixtureSource('bmc1'), new FixtureSource('bmc2')] });

  it('ASSOCIATORS OF the ComputerSystem WHERE AssocClass = CIM_SystemDevice: its sensors, and only its own', async () => {
    const got = await run(repo, `ASSOCIATORS OF ${CS} WHERE AssocClass = CIM_SystemDevice`);
    assert.equal(got.length, 13);
    assert.ok(got.every((i) => i.properties.SystemName === 'bmc1'));
    assert.deepEqual(got.slice(0, 2).map(label), ['NumericSensor:1.0.32', 'NumericSensor:2.0.32']);
  });

  it('ResultClass filters the other end polymorphically; ResultRole/Role name the ends', async () => {
    assert.deepEqual((await run(repo, `ASSOCIATORS OF ${CS} WHERE ResultClass = CIM_NumericSensor`)).map(label), [
      'NumericSensor:1.0.32', 'NumericSensor:2.0.32', 'NumericSensor:3.0.32', 'NumericSensor:4.0.32', 'NumericSensor:5.0.32', 'NumericSensor:6.0.32',
    ]);
    assert.deepEqual((await run(repo, `ASSOCIATORS OF ${CS} WHERE ResultClass = CIM_Log`)).map(label), ['RecordLog:IPMI:bmc1:SEL']);
    assert.deepEqual((await run(repo, `ASSOCIATORS OF ${CS} WHERE AssocClass = CIM_HostedCollection ResultRole = Dependent`)).map(label), [
      'SystemSpecificCollection:IPMI:bmc1:Sensors',
    ]);
    assert.deepEqual(await run(repo, `ASSOCIATORS OF ${CS} WHERE AssocClass = CIM_HostedCollection Role = Dependent`), []);
    assert.deepEqual((await run(repo, `ASSOCIATORS OF ${CS} WHERE ResultClass = CIM_PhysicalPackage`)).map(label), ['CIM_Chassis:IPMI:bmc1:FRU:0:chassis']);
    assert.deepEqual((await run(repo, `ASSOCIATORS OF ${CS} WHERE ResultClass = RegisteredProfile`)).map(label), [
      'RegisteredProfile:DMTF:Sensors:1.0.0', 'RegisteredProfile:DMTF:Record Log:2.0.0', 'RegisteredProfile:DMTF:Physical Asset:1.0.0',
    ]);
  });

  it('a sensor: its system, collection, the FRU element of its entity (AssociatedSensor) and the board that realizes it', async () => {
    const psu = '{Sensor.CreationClassName="Sensor",DeviceID="16.0.32",SystemCreationClassName="ComputerSystem",SystemName="bmc1"}';
    assert.deepEqual((await run(repo, `ASSOCIATORS OF ${psu}`)).map(label), [
      'ComputerSystem:bmc1',
      'CIM_PhysicalPackage:IPMI:bmc1:FRU:1',
      'CIM_Card:IPMI:bmc1:FRU:0:board',
      'SystemSpecificCollection:IPMI:bmc1:Sensors',
    ]);
    // CPU Temp measures entity 3.1 (processor), which has no FRU: the ComputerSystem.
    const cpu = '{NumericSensor.CreationClassName="NumericSensor",DeviceID="1.0.32",SystemCreationClassName="ComputerSystem",SystemName="bmc1"}';
    assert.deepEqual((await run(repo, `ASSOCIATORS OF ${cpu} WHERE AssocClass = CIM_AssociatedSensor`)).map(label), ['ComputerSystem:bmc1']);
  });

  it('the RecordLog manages its LogRecords and is used by the ComputerSystem', async () => {
    const log = '{RecordLog.InstanceID="IPMI:bmc2:SEL"}';
    assert.deepEqual((await run(repo, `ASSOCIATORS OF ${log} WHERE AssocClass = CIM_LogManagesRecord`)).map(label), ['LogRecord:1', 'LogRecord:2', 'LogRecord:3', 'LogRecord:4']);
    assert.deepEqual((await run(repo, `ASSOCIATORS OF ${log} WHERE AssocClass = CIM_UseOfLog`)).map(label), ['ComputerSystem:bmc2']);
    const rec = '{LogRecord.CreationClassName="LogRecord",LogCreationClassName="RecordLog",LogName="IPMI:bmc2:SEL",MessageTimestamp="19700101000551.000000+000",RecordID="3"}';
    assert.deepEqual((await run(repo, `ASSOCIATORS OF ${rec}`)).map(label), ['RecordLog:IPMI:bmc2:SEL']);
  });

  it('a global instance (RegisteredProfile) is associated with every device', async () => {
    const got = await run(repo, 'ASSOCIATORS OF {RegisteredProfile.InstanceID="DMTF:Sensors:1.0.0"}');
    assert.deepEqual(got.map(label), ['ComputerSystem:bmc1', 'ComputerSystem:bmc2']);
  });

  it('REFERENCES OF returns the association instances, with references as keys', async () => {
    const refs = await run(repo, `REFERENCES OF ${CS} WHERE ResultClass = CIM_Dependency`);
    assert.deepEqual(
      [...new Set(refs.map((r) => r.className))],
      ['CIM_AssociatedSensor', 'CIM_UseOfLog', 'CIM_ComputerSystemPackage', 'CIM_HostedCollection'],
    );
    const pkg = refs.find((r) => r.className === 'CIM_ComputerSystemPackage')!;
    assert.deepEqual(pkg.properties, {
      Antecedent: { kind: 'reference', className: 'CIM_Chassis', namespace: 'root/hardware', keys: { CreationClassName: 'CIM_Chassis', Tag: 'IPMI:bmc1:FRU:0:chassis' } },
      Dependent: { kind: 'reference', className: 'ComputerSystem', namespace: 'root/hardware', keys: { CreationClassName: 'ComputerSystem', Name: 'bmc1' } },
      PlatformGUID: 'efcdab89-6745-2301-efcd-ab8967452301',
    });
    const byRole = await run(repo, `REFERENCES OF ${CS} WHERE Role = GroupComponent`);
    assert.deepEqual([...new Set(byRole.map((r) => r.className))], ['CIM_SystemDevice']);
    const keysOnly = await run(repo, `REFERENCES OF ${CS} WHERE ResultClass = CIM_HostedCollection KeysOnly`);
    assert.deepEqual(keysOnly.map((r) => Object.keys(r.properties)), [['Antecedent', 'Dependent']]);
    assert.deepEqual(refLabel(keysOnly[0].properties.Dependent as CimReference), 'SystemSpecificCollection:IPMI:bmc1:Sensors');
  });

  it('association classes enumerate across the fleet', async () => {
    const all: CimInstance[] = [];
    for await (const i of repo.enumerate('CIM_MemberOfCollection')) all.push(i);
    assert.equal(all.length, 26);
    assert.deepEqual(refLabel(all[13].properties.Collection as CimReference), 'SystemSpecificCollection:IPMI:bmc2:Sensors');
    const contain: CimInstance[] = [];
    for await (const i of repo.enumerate('CIM_Container', { device: 'bmc1' })) contain.push(i);
    assert.deepEqual(contain.map((c) => refLabel(c.properties.PartComponent as CimReference)), ['CIM_Card:CIM_Card/IPMI:bmc1:FRU:0:board', 'CIM_PhysicalPackage:CIM_PhysicalPackage/IPMI:bmc1:FRU:1']);
  });

  it('ASSOCIATORS OF a missing instance is NOT_FOUND; of an incomplete key set INVALID_PARAMETER', async () => {
    await assert.rejects(run(repo, 'ASSOCIATORS OF {ComputerSystem.CreationClassName="ComputerSystem",Name="nope"}'), (e: unknown) => e instanceof CimError && e.status === CimStatus.NOT_FOUND);
    await assert.rejects(
      run(repo, 'ASSOCIATORS OF {NumericSensor.DeviceID="1.0.32"}'),
      (e: unknown) =>
        e instanceof CimError &&
        e.status === CimStatus.INVALID_PARAMETER &&
        e.message === 'NumericSensor is identified by CreationClassName, DeviceID, SystemCreationClassName, SystemName; got DeviceID',
    );
  });
});
