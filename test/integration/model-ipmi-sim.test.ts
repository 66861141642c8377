import assert from 'node:assert/strict';
import { BmcDevice, connect } from '../../src/client';
import { repositoryForDevices } from '../../src/model/sources/client';
import type { Repository } from '../../src/model/repository';
import { requirePeers, run } from '../helpers/peers';
import { IpmiSim, startIpmiSim } from '../client/helpers/ipmi-sim';
import { collect, fields, sensorListRow, table } from './common';

/**
 * The model over our client against a BMC we did not write: OpenIPMI's ipmi_sim with the
 * fixture configuration (test/fixtures/ipmi_sim: six threshold sensors, FRU 0, a SEL, chassis
 * control through a script), compared with what ipmitool prints for it, and the model's
 * methods checked with ipmitool.
 */
describe('integration: the model over LAN to OpenIPMI ipmi_sim agrees with ipmitool', function () {
  requirePeers(this, ['ipmi_sim', 'ipmitool']);
  this.timeout(60000);
  let sim: IpmiSim;
  let device: BmcDevice;
  let repo: Repository;
  const ipmitool = (...cmd: string[]) => run('ipmitool', ['-I', 'lanplus', '-C', '3', '-H', sim.host, '-p', String(sim.port), '-U', 'admin', '-P', 'password', ...cmd]);
  const SYSTEM = { CreationClassName: 'ComputerSystem', Name: 'sim' };
  before(async () => {
    sim = await startIpmiSim();
    device = new BmcDevice(connect({ kind: 'lan', host: sim.host, port: sim.port, user: 'admin', password: 'password', timeoutMs: 500, retries: 2 }));
    repo = repositoryForDevices([{ name: 'sim', device }], { maxAgeMs: 0 });
  });
  after(async () => {
    await device?.close();
    await sim?.stop();
  });

  it('NumericSensor values as `ipmitool sensor list` (name, reading x 10^UnitModifier, status, thresholds)', async () => {
    const r = await ipmitool('sensor', 'list');
    assert.equal(r.status, 0, r.stderr);
    const theirs = table(r.stdout)
      .filter((c) => c[2] !== 'discrete')
      .map((c) => [c[0], c[1], c[3], ...c.slice(4, 10)]);
    const ours = (await collect(repo.enumerate('NumericSensor'))).map((i) => sensorListRow(i.properties));
    assert.equal(ours.length, theirs.length);
    assert.ok(ours.length >= 6, `${ours.length} threshold sensors`);
    assert.deepEqual(ours, theirs);
  });

  it('RecordLog and LogRecord as `ipmitool sel info` / `sel list`; ComputerSystem as `chassis power status`', async () => {
    const info = fields((await ipmitool('sel', 'info')).stdout);
    const log = (await collect(repo.enumerate('RecordLog')))[0].properties;
    assert.equal(String(log.CurrentNumberOfRecords), info.Entries);
    assert.ok(Number(info.Entries) > 0);
    const list = table((await ipmitool('sel', 'list')).stdout);
    assert.deepEqual(
      (await collect(repo.enumerate('LogRecord'))).map((i) => i.properties.RecordID),
      list.map((c) => String(parseInt(c[0], 16))),
    );
    assert.equal((await ipmitool('chassis', 'power', 'status')).stdout.trim(), 'Chassis Power is on');
    assert.equal((await repo.get('ComputerSystem', SYSTEM)).properties.EnabledState, 2);
  });

  it('RequestStateChange(3) and (2): ipmi_sim powers off and on, as `ipmitool chassis power status` sees', async () => {
    assert.equal((await repo.invoke('ComputerSystem', SYSTEM, 'RequestStateChange', { RequestedState: 3 })).returnValue, 0);
    assert.equal((await ipmitool('chassis', 'power', 'status')).stdout.trim(), 'Chassis Power is off');
    assert.equal(sim.power(), '0');
    assert.equal((await repo.get('ComputerSystem', SYSTEM)).properties.EnabledState, 3);
    assert.equal((await repo.invoke('ComputerSystem', SYSTEM, 'RequestStateChange', { RequestedState: 2 })).returnValue, 0);
    assert.equal((await ipmitool('chassis', 'power', 'status')).stdout.trim(), 'Chassis Power is on');
  });

  it('a Put of UpperThresholdNonCritical is read back by `ipmitool sensor get`', async () => {
    const cpu = (await collect(repo.enumerate('NumericSensor'))).find((i) => i.properties.ElementName === 'CPU Temp')!;
    const keys = { SystemCreationClassName: 'ComputerSystem', SystemName: 'sim', CreationClassName: 'NumericSensor', DeviceID: String(cpu.properties.DeviceID) };
    assert.equal(cpu.properties.UpperThresholdNonCritical, 85);
    const after = await repo.put('NumericSensor', keys, { UpperThresholdNonCritical: 80 });
    assert.equal(after.properties.UpperThresholdNonCritical, 80);
    assert.equal(fields((await ipmitool('sensor', 'get', 'CPU Temp')).stdout)['Upper Non-Critical'], '80.000');
  });

  it('RecordLog.ClearLog: `ipmitool sel info` counts no entries', async () => {
    assert.equal((await repo.invoke('RecordLog', { InstanceID: 'IPMI:sim:SEL' }, 'ClearLog', {})).returnValue, 0);
    assert.equal(fields((await ipmitool('sel', 'info')).stdout).Entries, '0');
    assert.deepEqual(await collect(repo.enumerate('LogRecord')), []);
    assert.equal((await repo.get('RecordLog', { InstanceID: 'IPMI:sim:SEL' })).properties.CurrentNumberOfRecords, 0);
  });
});
