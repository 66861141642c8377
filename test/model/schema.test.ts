import assert from 'node:assert/strict';
import { Schema } from '../../src/model/classes';

import { PARENT, WINDOWS_OWN, windowsProperties } from './windows-classes';

describe('model: class metadata (classes/)', () => {
  const win = new Schema('windows');
  const dmtf = new Schema('dmtf');

  for (const cls of Object.keys(WINDOWS_OWN))
    it(`${cls}: Windows semantics carry exactly the Server 2019 property set`, () => {
      assert.deepEqual(
        win.info(cls)!.properties.map((p) => p.name),
        windowsProperties(cls),
      );
      assert.equal(win.info(cls)!.superClass, PARENT[cls]);
    });

  it("the IPMI provider's concrete classes derive from the CIM_ ones and add nothing", () => {
    for (const [sub, sup] of [
      ['NumericSensor', 'CIM_NumericSensor'],
      ['Sensor', 'CIM_Sensor'],
      ['ComputerSystem', 'CIM_ComputerSystem'],
      ['RecordLog', 'CIM_RecordLog'],
      ['LogRecord', 'CIM_LogRecord'],
      ['AdminDomain', 'CIM_AdminDomain'],
      ['SystemSpecificCollection', 'CIM_SystemSpecificCollection'],
      ['Account', 'CIM_Account'],
      ['RegisteredProfile', 'CIM_RegisteredProfile'],
    ]) {
      assert.equal(win.info(sub)!.superClass, sup);
      assert.deepEqual(win.info(sub)!.properties, win.info(sup)!.properties);
      assert.equal(win.info(sup)!.abstract, true, `${sup} has no direct instances under Windows semantics`);
    }
  });

  it('keys as in the research note §1.1', () => {
    assert.deepEqual(win.keys('NumericSensor'), ['CreationClassName', 'DeviceID', 'SystemCreationClassName', 'SystemName']);
    assert.deepEqual(win.keys('LogRecord'), ['CreationClassName', 'LogCreationClassName', 'LogName', 'MessageTimestamp', 'RecordID']);
    assert.deepEqual(win.keys('RecordLog'), ['InstanceID']);
    assert.deepEqual(win.keys('ComputerSystem'), ['CreationClassName', 'Name']);
    assert.deepEqual(win.keys('Account'), ['CreationClassName', 'Name', 'SystemCreationClassName', 'SystemName']);
    assert.deepEqual(win.keys('CIM_Chassis'), ['CreationClassName', 'Tag']);
    assert.deepEqual(win.keys('Microsoft_IPMI'), ['InstanceName']);
    assert.deepEqual(win.keys('CIM_SystemDevice'), ['GroupComponent', 'PartComponent']);
  });

  it('only the NonCritical thresholds are writable (CIM_NumericSensor MOF: Write)', () => {
    assert.deepEqual(
      win.info('NumericSensor')!.properties.filter((p) => p.writable).map((p) => p.name),
      ['LowerThresholdNonCritical', 'UpperThresholdNonCritical'],
    );
  });

  it('names resolve ignoring case, and a short name finds its CIM_ class where no Windows class exists', () => {
    assert.equal(win.resolve('numericsensor'), 'NumericSensor');
    assert.equal(win.resolve('CIM_NUMERICSENSOR'), 'CIM_NumericSensor');
    assert.equal(win.resolve('Chassis'), 'CIM_Chassis');
    assert.equal(dmtf.resolve('NumericSensor'), 'CIM_NumericSensor');
    assert.equal(win.resolve('Nope'), undefined);
    assert.ok(win.isa('NumericSensor', 'CIM_ManagedElement'));
    assert.ok(!win.isa('Microsoft_IPMI', 'CIM_ManagedElement'));
    assert.ok(win.isa('CIM_SystemDevice', 'CIM_Component'));
  });

  it('DMTF 2.41 semantics add LogState, OverwritePolicy, status properties and SensorType 13-16; no Windows classes', () => {
    const names = (s: Schema, c: string) => s.info(c)!.properties.map((p) => p.name);
    assert.ok(names(dmtf, 'CIM_RecordLog').includes('LogState'));
    assert.ok(names(dmtf, 'CIM_RecordLog').includes('OverwritePolicy'));
    assert.ok(!names(win, 'CIM_RecordLog').includes('LogState'));
    assert.ok(names(dmtf, 'CIM_Sensor').includes('PrimaryStatus'));
    assert.ok(names(dmtf, 'CIM_Sensor').includes('SensorContext'));
    assert.equal(dmtf.info('CIM_Sensor')!.properties.find((p) => p.name === 'SensorType')!.valueMap!['16'], 'Intrusion');
    assert.equal(win.info('CIM_Sensor')!.properties.find((p) => p.name === 'SensorType')!.valueMap!['13'], undefined);
    assert.equal(dmtf.info('Sensor')!.name, 'CIM_Sensor');
    assert.equal(dmtf.info('CIM_NumericSensor')!.abstract, false);
    assert.equal(dmtf.classes().some((c) => c.name === 'NumericSensor'), false);
  });

  it('instances start from the MOF defaults: EnabledState 5, RequestedState 12, EnabledDefault 2', () => {
    const b = win.blank('NumericSensor');
    assert.equal(b.EnabledState, 5);
    assert.equal(b.RequestedState, 12);
    assert.equal(b.EnabledDefault, 2);
    assert.equal(b.CurrentReading, null);
    assert.deepEqual(Object.keys(b), windowsProperties('CIM_NumericSensor'));
  });

  it('Microsoft_IPMI lives in root/wmi with RequestResponse', () => {
    const c = win.info('Microsoft_IPMI')!;
    assert.equal(c.namespace, 'root/wmi');
    assert.deepEqual(win.classes('root\\wmi').map((x) => x.name), ['Microsoft_IPMI']);
    const rr = c.methods.find((x) => x.name === 'RequestResponse')!;
    assert.deepEqual(
      rr.parameters.map((x) => `${x.in ? 'in' : 'out'} ${x.type}${x.array ? '[]' : ''} ${x.name}`),
      [
        'in uint8 Command', 'in uint8 Lun', 'in uint8 NetworkFunction', 'in uint8[] RequestData', 'in uint32 RequestDataSize',
        'in uint8 ResponderAddress', 'out uint8 CompletionCode', 'out uint8[] ResponseData', 'out uint32 ResponseDataSize',
      ],
    );
  });
});
