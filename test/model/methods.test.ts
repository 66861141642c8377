import assert from 'node:assert/strict';
import { CimError, CimStatus } from '../../src/lib/errors';
import { encode } from '../../src/codec/fields';
import { GetDeviceId } from '../../src/codec/commands/app/get-device-id';
import { Repository } from '../../src/model/repository';
import type { CimInstance } from '../../src/model/types';
import { FixtureSource } from './fixture-source';

const CS = { CreationClassName: 'ComputerSystem', Name: 'bmc1' };
const sensorKeys = (deviceId: string, cls = 'NumericSensor') => ({ SystemCreationClassName: 'ComputerSystem', SystemName: 'bmc1', CreationClassName: cls, DeviceID: deviceId });
const LOG = { InstanceID: 'IPMI:bmc1:SEL' };
const IPMI = { InstanceName: 'bmc1' };

function setup(opts: { privilege?: 'user' | 'operator' | 'administrator' } = {}) {
  const src = new FixtureSource('bmc1', { privilege: opts.privilege });
  const repo = new Repository({ sources: [src] });
  return { src, repo };
}
const isCim = (status: number, message?: string) => (e: unknown) => e instanceof CimError && e.status === status && (message === undefined || e.message === message);
async function all(repo: Repository, cls: string): Promise<CimInstance[]> {
  const out: CimInstance[] = [];
  for await (const i of repo.enumerate(cls)) out.push(i);
  return out;
}

describe('model: methods (IPMI operations through the device source)', () => {
  it('RecordLog.ClearLog clears the SEL (Clear SEL) and the model shows it at once', async () => {
    const { src, repo } = setup();
    assert.equal((await all(repo, 'LogRecord')).length, 4);
    assert.deepEqual(await repo.invoke('RecordLog', LOG, 'ClearLog', {}), { returnValue: 0, out: {} });
    assert.ok(src.calls.includes('clearSel'));
    assert.deepEqual(await all(repo, 'LogRecord'), []);
    assert.equal((await repo.get('RecordLog', LOG)).properties.CurrentNumberOfRecords, 0);
  });

  it('ComputerSystem.RequestStateChange maps requested states to Chassis Control', async () => {
    const { src, repo } = setup();
    const cases: Array<[number, number, string | undefined]> = [
      [3, 0, 'chassisControl 0'], // Disabled -> power down
      [2, 0, 'chassisControl 1'], // Enabled -> power up
      [10, 0, 'chassisControl 2'], // Reboot -> power cycle
      [11, 0, 'chassisControl 3'], // Reset -> hard reset
      [4, 0, 'chassisControl 5'], // Shut Down -> soft shutdown
      [5, 0, undefined], // No Change
      [6, 4097, undefined], // Offline: invalid state transition
      [99, 5, undefined], // not in the ValueMap: invalid parameter
    ];
    for (const [state, rv, call] of cases) {
      src.calls.length = 0;
      const r = await repo.invoke('CIM_ComputerSystem', CS, 'RequestStateChange', { RequestedState: state });
      assert.equal(r.returnValue, rv, `RequestedState ${state}`);
      assert.deepEqual(src.calls.filter((c) => c.startsWith('chassisControl')), call ? [call] : [], `RequestedState ${state}`);
    }
    assert.equal((await repo.invoke('ComputerSystem', CS, 'RequestStateChange', { RequestedState: 3, TimeoutPeriod: '00000000000010.000000:000' })).returnValue, 4098);
  });

  it('powering off shows in EnabledState and RequestedState', async () => {
    const { repo } = setup();
    assert.equal((await repo.get('ComputerSystem', CS)).properties.EnabledState, 2);
    await repo.invoke('ComputerSystem', CS, 'RequestStateChange', { RequestedState: '3' });
    const cs = await repo.get('ComputerSystem', CS);
    assert.deepEqual([cs.properties.EnabledState, cs.properties.RequestedState], [3, 3]);
  });

  it('ComputerSystem.SetPowerState: 1 on, 5 cycle, 6 off, 8 soft off; others and scheduled times are not supported', async () => {
    const { src, repo } = setup();
    for (const [state, rv] of [[6, 0], [1, 0], [5, 0], [8, 0], [2, 1], [7, 1]] as const)
      assert.equal((await repo.invoke('ComputerSystem', CS, 'SetPowerState', { PowerState: state })).returnValue, rv, `PowerState ${state}`);
    assert.deepEqual(src.calls.filter((c) => c.startsWith('chassisControl')), ['chassisControl 0', 'chassisControl 1', 'chassisControl 2', 'chassisControl 5']);
    assert.equal((await repo.invoke('ComputerSystem', CS, 'SetPowerState', { PowerState: 6, Time: '20260101000000.000000+000' })).returnValue, 1);
  });

  it('an IPMI failure is CimError FAILED naming the device, the command and the reason', async () => {
    const { src, repo } = setup();
    src.failWith.chassisControl = 0xd4;
    await assert.rejects(
      repo.invoke('ComputerSystem', CS, 'RequestStateChange', { RequestedState: 3 }),
      isCim(CimStatus.FAILED, 'bmc1: Chassis Control: Insufficient privilege level (0xd4)'),
    );
    src.failWith = {};
    src.unreachable = true;
    await assert.rejects(repo.invoke('RecordLog', LOG, 'ClearLog', {}), isCim(CimStatus.FAILED, 'bmc1: Clear SEL: no answer from bmc1 after 3 attempts'));
  });

  it('NumericSensor.RestoreDefaultThresholds sets every settable threshold to the SDR value', async () => {
    const { src, repo } = setup();
    assert.equal((await repo.invoke('NumericSensor', sensorKeys('1.0.32'), 'RestoreDefaultThresholds', {})).returnValue, 0);
    assert.equal((await repo.invoke('CIM_NumericSensor', sensorKeys('3.0.32'), 'RestoreDefaultThresholds', {})).returnValue, 0);
    assert.deepEqual(src.calls.filter((c) => c.startsWith('setSensorThresholds')), [
      'setSensorThresholds 1 {"lowerNonCritical":10,"lowerCritical":5,"upperNonCritical":85,"upperCritical":95,"upperNonRecoverable":105}',
      'setSensorThresholds 3 {"lowerNonCritical":20,"lowerCritical":16,"lowerNonRecoverable":10}',
    ]);
  });

  it('other declared methods have no IPMI counterpart: return 1 (not supported)', async () => {
    const { repo } = setup();
    assert.equal((await repo.invoke('Sensor', sensorKeys('16.0.32', 'Sensor'), 'Reset', {})).returnValue, 1);
    assert.equal((await repo.invoke('NumericSensor', sensorKeys('1.0.32'), 'GetNonLinearFactors', { SensorReading: 5 })).returnValue, 1);
    await assert.rejects(repo.invoke('NumericSensor', sensorKeys('1.0.32'), 'Explode', {}), isCim(CimStatus.METHOD_NOT_FOUND, 'NumericSensor has no method Explode'));
    await assert.rejects(repo.invoke('RecordLog', undefined, 'ClearLog', {}), isCim(CimStatus.INVALID_PARAMETER, 'RecordLog.ClearLog is an instance method: give the instance\'s keys'));
    await assert.rejects(repo.invoke('RecordLog', { InstanceID: 'IPMI:nope:SEL' }, 'ClearLog', {}), isCim(CimStatus.NOT_FOUND, 'no RecordLog instance with InstanceID="IPMI:nope:SEL"'));
  });
});

describe('model: Microsoft_IPMI.RequestResponse (raw pass-through, privilege-checked)', () => {
  it('Get Device ID: the BMC answer comes back in CompletionCode / ResponseData', async () => {
    const { src, repo } = setup();
    const r = await repo.invoke('Microsoft_IPMI', IPMI, 'RequestResponse', { NetworkFunction: 6, Command: 1, Lun: 0, RequestData: [], RequestDataSize: 0, ResponderAddress: 0x20 });
    const id = (await src.identity()).deviceId;
    const bytes = [...encode(GetDeviceId.response, id)];
    assert.deepEqual(r, { returnValue: 0, out: { CompletionCode: 0, ResponseData: bytes, ResponseDataSize: bytes.length } });
    assert.equal(bytes[0], 0x20);
  });

  it('a completion code is an output, not an error (Windows semantics)', async () => {
    const { repo } = setup();
    const r = await repo.invoke('Microsoft_IPMI', IPMI, 'RequestResponse', { NetworkFunction: 0x30, Command: 1, RequestData: [1, 2, 3], RequestDataSize: 2 }, { privilege: 'administrator' });
    assert.deepEqual(r.out, { CompletionCode: 0xc1, ResponseData: [], ResponseDataSize: 0 });
  });

  it('the caller needs the command\'s privilege; unknown commands need administrator; the session to the BMC bounds both', async () => {
    const { repo } = setup();
    await assert.rejects(
      repo.invoke('Microsoft_IPMI', IPMI, 'RequestResponse', { NetworkFunction: 0, Command: 2, RequestData: [0] }, { privilege: 'user' }),
      isCim(CimStatus.ACCESS_DENIED, 'Microsoft_IPMI.RequestResponse: Chassis Control needs operator privilege; this caller may use user'),
    );
    await assert.rejects(
      repo.invoke('Microsoft_IPMI', IPMI, 'RequestResponse', { NetworkFunction: 0x30, Command: 1 }),
      isCim(CimStatus.ACCESS_DENIED, 'Microsoft_IPMI.RequestResponse: NetFn 0x30 command 0x01 needs administrator privilege; this caller may use operator'),
    );
    const bounded = setup({ privilege: 'user' });
    await assert.rejects(
      bounded.repo.invoke('Microsoft_IPMI', IPMI, 'RequestResponse', { NetworkFunction: 0, Command: 2, RequestData: [0] }, { privilege: 'administrator' }),
      isCim(CimStatus.ACCESS_DENIED, 'Microsoft_IPMI.RequestResponse: Chassis Control needs operator privilege; this caller may use user'),
    );
  });

  it('bad parameters are INVALID_PARAMETER; SMS_Attention is NOT_SUPPORTED', async () => {
    const { repo } = setup();
    await assert.rejects(repo.invoke('Microsoft_IPMI', IPMI, 'RequestResponse', { NetworkFunction: 7, Command: 1 }), isCim(CimStatus.INVALID_PARAMETER, 'NetworkFunction 0x7 is a response NetFn; requests use even values'));
    await assert.rejects(repo.invoke('Microsoft_IPMI', IPMI, 'RequestResponse', { NetworkFunction: 6, Command: 256 }), isCim(CimStatus.INVALID_PARAMETER, 'Command must be an integer 0..255, got 256'));
    await assert.rejects(repo.invoke('Microsoft_IPMI', IPMI, 'RequestResponse', { NetworkFunction: 6, Command: 1, RequestData: [1], RequestDataSize: 2 }), isCim(CimStatus.INVALID_PARAMETER, 'RequestDataSize must be an integer 0..1, got 2'));
    await assert.rejects(repo.invoke('Microsoft_IPMI', IPMI, 'RequestResponse', { NetworkFunction: 6, Command: 1, RequestData: [300] }), isCim(CimStatus.INVALID_PARAMETER, 'RequestData[0] must be a byte 0..255, got 300'));
    await assert.rejects(repo.invoke('Microsoft_IPMI', IPMI, 'SMS_Attention', {}), isCim(CimStatus.NOT_SUPPORTED));
  });
});

describe('model: put (writable thresholds -> Set Sensor Thresholds)', () => {
  it('changing UpperThresholdNonCritical sends the raw value and returns the instance after the change', async () => {
    const { src, repo } = setup();
    const cpu = await repo.get('NumericSensor', sensorKeys('1.0.32'));
    const after = await repo.put('NumericSensor', sensorKeys('1.0.32'), { ...cpu.properties, UpperThresholdNonCritical: 80 });
    assert.deepEqual(src.calls.filter((c) => c.startsWith('set')), ['setSensorThresholds 1 {"upperNonCritical":80}']);
    assert.equal(after.properties.UpperThresholdNonCritical, 80);
    assert.equal(after.properties.UpperThresholdCritical, 95);
  });

  it('a value between raw steps goes to the nearest raw value (12V: 1130 -> raw 188 -> 1128)', async () => {
    const { src, repo } = setup();
    const after = await repo.put('CIM_NumericSensor', sensorKeys('5.0.32'), { LowerThresholdNonCritical: '1130' });
    assert.deepEqual(src.calls.filter((c) => c.startsWith('set')), ['setSensorThresholds 5 {"lowerNonCritical":188}']);
    assert.equal(after.properties.LowerThresholdNonCritical, 1128);
  });

  it('unchanged writable and read-only properties are ignored: putting back what get returned sends nothing', async () => {
    const { src, repo } = setup();
    const cpu = await repo.get('NumericSensor', sensorKeys('1.0.32'));
    await repo.put('NumericSensor', sensorKeys('1.0.32'), { ...cpu.properties, CurrentReading: 99, Caption: 'x' });
    assert.deepEqual(src.calls.filter((c) => c.startsWith('set')), []);
  });

  it('refuses keys that change, unknown properties, thresholds the sensor cannot set, values out of range, and other classes', async () => {
    const { repo } = setup();
    await assert.rejects(repo.put('NumericSensor', sensorKeys('1.0.32'), { DeviceID: '2.0.32' }), isCim(CimStatus.INVALID_PARAMETER, 'DeviceID is a key and cannot change'));
    await assert.rejects(repo.put('NumericSensor', sensorKeys('1.0.32'), { Colour: 'red' }), isCim(CimStatus.INVALID_PARAMETER, 'NumericSensor has no property Colour'));
    await assert.rejects(
      repo.put('NumericSensor', sensorKeys('3.0.32'), { UpperThresholdNonCritical: 9000 }),
      isCim(CimStatus.INVALID_PARAMETER, 'FAN1 (3.0.32): UpperThresholdNonCritical is not settable (SettableThresholds of this sensor)'),
    );
    await assert.rejects(
      repo.put('NumericSensor', sensorKeys('5.0.32'), { UpperThresholdNonCritical: 2000 }),
      isCim(CimStatus.INVALID_PARAMETER, 'UpperThresholdNonCritical 2000 is outside what 12V can read (0..1530 in units of 10^-2)'),
    );
    await assert.rejects(repo.put('NumericSensor', sensorKeys('5.0.32'), { UpperThresholdNonCritical: 12.5 }), isCim(CimStatus.INVALID_PARAMETER, 'UpperThresholdNonCritical must be an integer in units of 10^-2, got 12.5'));
    await assert.rejects(repo.put('ComputerSystem', CS, { PrimaryOwnerName: 'ops' }), isCim(CimStatus.NOT_SUPPORTED, 'ComputerSystem: PrimaryOwnerName cannot be stored on an IPMI device'));
  });

  it('Set Sensor Thresholds failing is FAILED with the command and the BMC reason', async () => {
    const { src, repo } = setup();
    src.failWith.setSensorThresholds = 0xcc;
    await assert.rejects(
      repo.put('NumericSensor', sensorKeys('1.0.32'), { LowerThresholdNonCritical: 11 }),
      isCim(CimStatus.FAILED, 'bmc1: Set Sensor Thresholds: Invalid data field in request (0xcc)'),
    );
  });
});
