import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { requirePeers, run } from '../helpers/peers';
import { startHardwareBmc, lines } from './hardware-common';

type Bmc = Awaited<ReturnType<typeof startHardwareBmc>>;

/**
 * Issue 3 "Must work with", FreeIPMI 1.6: ipmi-sensors, ipmi-sel, ipmi-fru, ipmi-dcmi and
 * ipmi-sensors-config over LAN 2.0 against the fixture profile, with the SDR cache in a temp dir.
 */
describe('issue 3: FreeIPMI against the virtual BMC (sensors, SEL, FRU, DCMI, sensors config)', function () {
  requirePeers(this, ['ipmi-sensors', 'ipmi-sel', 'ipmi-fru', 'ipmi-dcmi', 'ipmi-sensors-config']);
  this.timeout(120_000);
  let b: Bmc;
  let cache: string;
  beforeEach(async () => {
    b = await startHardwareBmc();
    b.bmc.sensors.setBehaviour('Ramp Temp', { kind: 'constant' }, 50);
    cache = path.join(b.tmp, 'sdr-cache');
    fs.mkdirSync(cache);
  });
  afterEach(() => b.close());

  const tool = async (cmd: string, args: string[], sdrCache = true) => {
    const r = await run(cmd, ['-h', `127.0.0.1:${b.port}`, '-u', 'admin', '-p', 'password', '-l', 'ADMIN', '-D', 'LAN_2_0', ...(sdrCache ? ['--sdr-cache-directory', cache, '--quiet-cache'] : []), ...args], {
      timeout: 60_000,
    });
    assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}${r.stdout}`);
    return r.stdout;
  };

  it('ipmi-sensors: every sensor with a reading or state, from the profile', async () => {
    assert.deepEqual(lines(await tool('ipmi-sensors', [])), [
      'ID | Name          | Type                    | Reading    | Units | Event',
      "1  | CPU Temp      | Temperature             | 48.00      | C     | 'OK'",
      "2  | Inlet Temp    | Temperature             | 24.00      | C     | 'OK'",
      "3  | FAN1          | Fan                     | 4800.00    | RPM   | 'OK'",
      "4  | 12V           | Voltage                 | 12.06      | V     | 'OK'",
      "5  | Ramp Temp     | Temperature             | 50.00      | C     | 'OK'",
      "6  | Board Temp    | Temperature             | 40.00      | C     | 'OK'",
      "8  | PSU1 Status   | Power Supply            | N/A        | N/A   | 'Presence detected'",
      "9  | ACPI State    | System ACPI Power State | N/A        | N/A   | 'S0/G0'",
      "10 | Pwr Unit      | Power Unit              | N/A        | N/A   | 'OK'",
      "11 | SEL Status    | Event Logging Disabled  | N/A        | N/A   | 'OK'",
      "12 | Intrusion     | Physical Security       | N/A        | N/A   | 'OK'",
      "13 | PS Redundancy | Power Supply            | N/A        | N/A   | 'Fully Redundant'",
    ]);
  });

  it('ipmi-sensors --output-sensor-thresholds and --sdr-cache-recreate', async () => {
    const out = lines(await tool('ipmi-sensors', ['--output-sensor-thresholds', '--sdr-cache-recreate']));
    assert.equal(out[0], 'ID | Name          | Type                    | Reading    | Units | Lower NR   | Lower C    | Lower NC   | Upper NC   | Upper C    | Upper NR   | Event');
    assert.equal(out[1], "1  | CPU Temp      | Temperature             | 48.00      | C     | N/A        | 5.00       | 10.00      | 85.00      | 95.00      | 105.00     | 'OK'");
    assert.equal(out[3], "3  | FAN1          | Fan                     | 4800.00    | RPM   | 500.00     | 800.00     | 1000.00    | N/A        | N/A        | N/A        | 'OK'");
    assert.equal(out[4], "4  | 12V           | Voltage                 | 12.06      | V     | 10.20      | 10.80      | 11.28      | 12.72      | 13.20      | 13.80      | 'OK'");
  });

  it('ipmi-sensors -vv: the record fields and the reading', async () => {
    const out = await tool('ipmi-sensors', ['-vv', '-r', '3']);
    assert.match(out, /ID String: FAN1\n/);
    assert.match(out, /M: 50\n/);
    assert.match(out, /Lower Non-Recoverable Threshold: 500\.000000 RPM/);
    assert.match(out, /Positive Hysteresis: 50\.000000 RPM/);
    assert.match(out, /Sensor Reading: 4800\.000000 RPM/);
  });

  it('a failed fan reads 0 RPM and is Critical in ipmi-sensors', async () => {
    b.bmc.sensors.setValue('FAN1', 0);
    const fan = lines(await tool('ipmi-sensors', ['--output-sensor-state', '-r', '3']))[1];
    // FreeIPMI names the most severe comparison bit only.
    assert.equal(fan, "3  | FAN1 | Fan  | Critical | 0.00       | RPM   | 'At or Below (<=) Lower Non-Recoverable Threshold'");
    const sel = lines(await tool('ipmi-sel', ['--output-event-state']));
    assert.deepEqual(
      sel.slice(2).map((l) => l.split('|').slice(3).map((c) => c.trim()).join(' | ')),
      [
        'FAN1 | Fan | Warning | Lower Non-critical - going low ; Sensor Reading = 0.00 RPM ; Threshold = 1000.00 RPM',
        'FAN1 | Fan | Critical | Lower Critical - going low ; Sensor Reading = 0.00 RPM ; Threshold = 800.00 RPM',
        'FAN1 | Fan | Critical | Lower Non-recoverable - going low ; Sensor Reading = 0.00 RPM ; Threshold = 500.00 RPM',
      ],
    );
  });

  it('ipmi-sel, --delete, --clear', async () => {
    b.bmc.sensors.assertState('PSU1 Status', 1);
    const sel = lines(await tool('ipmi-sel', []));
    assert.equal(sel.length, 3);
    assert.match(sel[1], /^1 {2}\| \w{3}-\d\d-\d{4} \| \d\d:\d\d:\d\d \| CPU Temp {6}\| Temperature {14}\| Upper Non-critical - going high ; Sensor Reading = 90\.00 C ; Threshold = 85\.00 C$/);
    assert.match(sel[2], /^2 {2}\| .* \| PSU1 Status {3}\| Power Supply {13}\| Power Supply Failure detected$/);
    await tool('ipmi-sel', ['--delete', '1']);
    assert.deepEqual(
      b.bmc.sel.list().map((r) => r.recordId),
      [2],
    );
    await tool('ipmi-sel', ['--clear']);
    assert.deepEqual(
      b.bmc.sel.list().map((r) => r.kind === 'system' && [r.sensorNumber, r.eventData1]),
      [[0x43, 2]],
      'only "log area reset/cleared" from the bound SEL sensor',
    );
  });

  it('ipmi-fru: FRU 0 areas and the power supply multi-record of FRU 1', async () => {
    const out = await tool('ipmi-fru', []);
    assert.match(out, /FRU Inventory Device: System \(ID 00h\)/);
    assert.match(out, /FRU Chassis Type: Rack Mount Chassis/);
    assert.match(out, /FRU Board Manufacturing Date\/Time: 02\/24\/16 - 01:39:00/);
    assert.match(out, /FRU Product Asset Tag: asset-007/);
    assert.match(out, /FRU Inventory Device: PSU1 \(ID 01h\)/);
    assert.match(out, /FRU Power Supply Overall Capacity: 750 Watts/);
    assert.match(out, /FRU Power Supply Low End Input Voltage 2: 180000 mV/);
  });

  it('ipmi-dcmi --get-system-power-statistics, --get-dcmi-capability-info, --get-asset-tag', async () => {
    const stats = await tool('ipmi-dcmi', ['--get-system-power-statistics'], false);
    assert.match(stats, /Current Power\s+: 200 Watts/);
    assert.match(stats, /Statistics reporting time period\s+: 3600000 milliseconds/);
    assert.match(stats, /Power Measurement\s+: Active/);
    const caps = await tool('ipmi-dcmi', ['--get-dcmi-capability-info'], false);
    assert.match(caps, /DCMI Specification Conformance\s+: 1\.5/);
    assert.match(caps, /Number of SEL entries\s+: 16/);
    assert.match(caps, /Power Management Device Slave Address\s+: 20h/);
    assert.match(caps, /Available Rolling Average Time Period\s+: 5 Minutes/);
    assert.equal((await tool('ipmi-dcmi', ['--get-asset-tag'], false)).trim(), 'asset-007');
  });

  it('ipmi-sensors-config --checkout: event enables, thresholds and hysteresis per sensor', async () => {
    const out = await tool('ipmi-sensors-config', ['--checkout']);
    const section = out.slice(out.indexOf('Section 1_CPU_Temp'), out.indexOf('EndSection'));
    assert.match(section, /Enable_All_Event_Messages\s+Yes/);
    assert.match(section, /Upper_Critical_Threshold\s+95\.000000/);
    assert.match(section, /Lower_Non_Critical_Threshold\s+10\.000000/);
    assert.match(section, /Positive_Going_Threshold_Hysteresis\s+2\.000000/);
    assert.match(out, /Section 3_FAN1[\s\S]*Lower_Non_Recoverable_Threshold\s+500\.000000/);
  });
});
