import assert from 'node:assert/strict';
import { requirePeers } from '../helpers/peers';
import { Bench, collect, DEVICE, fields, scaled, sensorListRow, startBench, table } from './common';

/**
 * The root\hardware model over a real IPMI session (our client, RMCP+ over UDP on 127.0.0.1) to
 * a virtual BMC built from profiles/generic-1u.yaml, checked against what ipmitool prints for
 * the same BMC at the same moment (issue 5 "Tests": names, readings scaled by UnitModifier,
 * thresholds, states; SEL count; power state), and the model's methods checked through
 * ipmitool (ClearLog, RequestStateChange, a threshold Put).
 */
const SYSTEM = { CreationClassName: 'ComputerSystem', Name: DEVICE };
/** `sdr elist` names the threshold crossed (lib/ipmi_sdr.c: ok, lnc, lcr, lnr, unc, ucr, unr). */
const elistStatus = (state: unknown) =>
  state === 'Normal' ? 'ok' : String(state).replace(/^(Lower|Upper) (Non-Critical|Critical|Fatal)$/, (_, side: string, level: string) => `${side[0].toLowerCase()}${{ 'Non-Critical': 'nc', Critical: 'cr', Fatal: 'nr' }[level]}`);
const sensorKeys = (deviceId: string) => ({ SystemCreationClassName: 'ComputerSystem', SystemName: DEVICE, CreationClassName: 'NumericSensor', DeviceID: deviceId });

describe('integration: the model over LAN agrees with ipmitool (generic-1u virtual BMC)', function () {
  requirePeers(this, ['ipmitool']);
  this.timeout(60000);
  let b: Bench;
  before(async () => {
    b = await startBench();
    // Two thresholds below the reading of "BB BMC Temp" (46 degrees C), set by ipmitool, so that
    // one sensor is beyond its thresholds: ipmitool then says "cr", the model "Upper Critical".
    for (const [which, value] of [['unc', '40'], ['ucr', '44']]) {
      const t = await b.ipmitool('sensor', 'thresh', 'BB BMC Temp', which, value);
      assert.equal(t.status, 0, t.stderr);
    }
  });
  after(async () => b?.close());

  it('every threshold sensor: name, reading x 10^UnitModifier, status and the six thresholds as `ipmitool sensor list`', async () => {
    const r = await b.ipmitool('sensor', 'list');
    assert.equal(r.status, 0, r.stderr);
    // ipmitool: name | reading | unit | status | lnr | lcr | lnc | unc | ucr | unr; threshold sensors have a unit.
    const theirs = table(r.stdout)
      .filter((c) => c[2] !== 'discrete')
      .map((c) => [c[0], c[1], c[3], ...c.slice(4, 10)]);
    const ours = (await collect(b.repo.enumerate('NumericSensor'))).map((i) => sensorListRow(i.properties));
    assert.equal(ours.length, 24);
    assert.deepEqual(ours, theirs);
    // The sensor put beyond its thresholds above, and two with non-trivial conversions.
    const row = (name: string) => ours.find((x) => x[0] === name);
    assert.deepEqual(row('BB BMC Temp'), ['BB BMC Temp', '46.000', 'cr', 'na', '0.000', '5.000', '40.000', '44.000', 'na']);
    assert.deepEqual(row('BB +12.0V'), ['BB +12.0V', '12.145', 'ok', 'na', '10.290', '10.661', '12.940', '13.258', 'na']);
    assert.deepEqual(row('Front Panel Temp'), ['Front Panel Temp', '25.000', 'ok', 'na', '0.000', '5.000', '60.000', '65.000', '70.000']);
  });

  it('every sensor: name, number, entity and state as `ipmitool sdr elist`', async () => {
    const r = await b.ipmitool('sdr', 'elist');
    assert.equal(r.status, 0, r.stderr);
    // ipmitool: name | number | status | entity | reading or asserted states.
    const theirs = table(r.stdout).map((c) => ({ name: c[0], number: parseInt(c[1], 16), entity: c[3], status: c[2], text: c[4] }));
    const ours = await collect(b.repo.enumerate('CIM_Sensor'));
    assert.deepEqual(ours.map((i) => i.properties.ElementName).sort(), theirs.map((t) => t.name).sort());
    for (const t of theirs) {
      const p = ours.find((i) => i.properties.ElementName === t.name)!.properties;
      const what = `${t.name}: ${JSON.stringify(t)}`;
      assert.equal(p.DeviceID, `${t.number}.0.32`, what);
      assert.equal((p.OtherIdentifyingInfo as string[]).join('.'), t.entity, what);
      if (p.CreationClassName === 'NumericSensor') {
        // "46 degrees C", "12.14 Volts": the reading, to the precision ipmitool chose.
        const [value] = t.text.split(' ');
        const decimals = value.includes('.') ? value.split('.')[1].length : 0;
        assert.equal(((p.CurrentReading as number) * 10 ** (p.UnitModifier as number)).toFixed(decimals), value, what);
        assert.equal(t.status, elistStatus(p.CurrentState), what);
      } else {
        // Discrete: ipmitool lists the asserted states' texts; the model's CurrentState is the
        // lowest asserted one, "Normal" when none is.
        assert.equal(p.CurrentState, t.text === '' ? 'Normal' : t.text.split(', ')[0], what);
        assert.equal(t.status, 'ok', what);
      }
    }
    // 16 discrete sensors with a state asserted (redundancy, ACPI, presence), and BB BMC Temp.
    assert.equal(ours.filter((i) => i.properties.CurrentState !== 'Normal').length, 17);
  });

  it('RecordLog and LogRecord: the entry count of `ipmitool sel info`, the events of `sel list`', async () => {
    const info = fields((await b.ipmitool('sel', 'info')).stdout);
    // The profile's 4 entries, and the BMC's Upper Non-critical and Upper Critical assertions
    // for "BB BMC Temp" when ipmitool lowered its thresholds.
    assert.equal(info.Entries, '6');
    const log = (await collect(b.repo.enumerate('RecordLog')))[0].properties;
    assert.equal(log.CurrentNumberOfRecords, Number(info.Entries));
    // Entries + free space / 16 = ipmitool's "# of Alloc Units" (3639 for this profile).
    assert.equal(log.MaxNumberOfRecords, Number(info['# of Alloc Units']));
    const list = table((await b.ipmitool('sel', 'list')).stdout);
    const records = await collect(b.repo.enumerate('LogRecord'));
    assert.equal(records.length, list.length);
    // ipmitool: id | date | time | sensor type #number | event | Asserted/Deasserted. Windows'
    // Caption (MS-IPMIPrv LogRecord: "Temperature Assert: Upper Non-critical - going high") has
    // " - " before the direction where ipmitool has a space.
    assert.deepEqual(
      records.map((i) => [i.properties.RecordID, i.properties.Caption]),
      list.map((c) => [
        String(parseInt(c[0], 16)),
        `${c[3].replace(/ #0x[0-9a-f]+$/, '')} ${c[5] === 'Asserted' ? 'Assert' : 'Deassert'}: ${c[4].replace(/ (going (high|low))$/, ' - $1')}`,
      ]),
    );
    assert.deepEqual(records.slice(4).map((i) => i.properties.Caption), ['Temperature Assert: Upper Non-critical - going high', 'Temperature Assert: Upper Critical - going high']);
  });

  it('ComputerSystem.EnabledState 2 while `ipmitool chassis power status` says on', async () => {
    assert.equal((await b.ipmitool('chassis', 'power', 'status')).stdout.trim(), 'Chassis Power is on');
    assert.equal((await b.repo.get('ComputerSystem', SYSTEM)).properties.EnabledState, 2);
  });

  it('a reading changed on the BMC is seen by both (the model does not serve it from before)', async () => {
    // "PS1 Input Power" (54h, M 4): forced to raw 50 = 200 W through the BMC's own state.
    b.bmc.sensors.setValue('PS1 Input Power', 200);
    const r = table((await b.ipmitool('sensor', 'list')).stdout).find((c) => c[0] === 'PS1 Input Power')!;
    const p = (await b.repo.get('NumericSensor', sensorKeys('84.0.32'))).properties;
    assert.deepEqual([scaled(p.CurrentReading, p.UnitModifier), p.CurrentReading], [r[1], 200]);
  });
});

describe('integration: model methods over LAN, checked with ipmitool', function () {
  requirePeers(this, ['ipmitool']);
  this.timeout(60000);
  let b: Bench;
  beforeEach(async () => (b = await startBench()));
  afterEach(async () => b?.close());

  it('RecordLog.ClearLog empties the SEL `ipmitool sel list` shows (but for the BMC\'s own "Log area reset/cleared")', async () => {
    assert.equal(table((await b.ipmitool('sel', 'list')).stdout).length, 4);
    const res = await b.repo.invoke('RecordLog', { InstanceID: `IPMI:${DEVICE}:SEL` }, 'ClearLog', {});
    assert.deepEqual(res, { returnValue: 0, out: {} });
    // The BMC logs the erase itself (v2.0 Table 42-3, Event Logging Disabled offset 02h).
    const list = table((await b.ipmitool('sel', 'list')).stdout);
    assert.deepEqual(
      list.map((c) => c.slice(3)),
      [['Event Logging Disabled #0x07', 'Log area reset/cleared', 'Asserted']],
    );
    assert.equal(fields((await b.ipmitool('sel', 'info')).stdout).Entries, '1');
    assert.equal((await collect(b.repo.enumerate('LogRecord'))).length, 1);
    assert.equal((await b.repo.get('RecordLog', { InstanceID: `IPMI:${DEVICE}:SEL` })).properties.CurrentNumberOfRecords, 1);
  });

  it('ComputerSystem.RequestStateChange(3) powers the BMC off, as `ipmitool chassis power status` sees; (2) on again', async () => {
    const off = await b.repo.invoke('ComputerSystem', SYSTEM, 'RequestStateChange', { RequestedState: 3 });
    assert.equal(off.returnValue, 0);
    assert.equal((await b.ipmitool('chassis', 'power', 'status')).stdout.trim(), 'Chassis Power is off');
    const cs = (await b.repo.get('ComputerSystem', SYSTEM)).properties;
    assert.deepEqual([cs.EnabledState, cs.RequestedState], [3, 3]);
    assert.equal((await b.repo.invoke('ComputerSystem', SYSTEM, 'RequestStateChange', { RequestedState: 2 })).returnValue, 0);
    assert.equal((await b.ipmitool('chassis', 'power', 'status')).stdout.trim(), 'Chassis Power is on');
  });

  it('a threshold Put is read back by `ipmitool sensor get`', async () => {
    // "BB +12.0V": 12500 mV is raw (12500 + 98) / 53 = 237.7 -> 238, i.e. 12.516 V.
    const after = await b.repo.put('NumericSensor', sensorKeys('208.0.32'), { UpperThresholdNonCritical: 12500, LowerThresholdNonCritical: 11000 });
    assert.deepEqual([after.properties.UpperThresholdNonCritical, after.properties.LowerThresholdNonCritical], [12516, 10979]);
    const got = fields((await b.ipmitool('sensor', 'get', 'BB +12.0V')).stdout);
    assert.deepEqual(
      [got['Lower Critical'], got['Lower Non-Critical'], got['Upper Non-Critical'], got['Upper Critical']],
      ['10.290', '10.979', '12.516', '13.258'],
    );
  });

  it('NumericSensor.RestoreDefaultThresholds puts back what `ipmitool sensor thresh` changed', async () => {
    assert.equal((await b.ipmitool('sensor', 'thresh', 'BB +12.0V', 'unc', '12.5')).status, 0);
    assert.equal(fields((await b.ipmitool('sensor', 'get', 'BB +12.0V')).stdout)['Upper Non-Critical'], '12.516');
    assert.equal((await b.repo.get('NumericSensor', sensorKeys('208.0.32'))).properties.UpperThresholdNonCritical, 12516);
    assert.equal((await b.repo.invoke('NumericSensor', sensorKeys('208.0.32'), 'RestoreDefaultThresholds', {})).returnValue, 0);
    assert.equal(fields((await b.ipmitool('sensor', 'get', 'BB +12.0V')).stdout)['Upper Non-Critical'], '12.940');
  });
});
