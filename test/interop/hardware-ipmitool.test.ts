import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { requirePeers, run } from '../helpers/peers';
import { decodeSdrs, encodeSdrs } from '../../src/codec/records/sdr';
import { decodeSdr } from '../../src/codec/records/sdr';
import { decodeFru } from '../../src/codec/records/fru';
import { startHardwareBmc, lines } from './hardware-common';

type Bmc = Awaited<ReturnType<typeof startHardwareBmc>>;

/**
 * Issue 3 "Must work with", ipmitool: SDR, sensors, SEL, FRU, DCMI and events against a virtual
 * BMC with the fixture profile (test/bmc/fixtures/hardware.yaml), values asserted against it.
 */
describe('issue 3: ipmitool against the virtual BMC (SDR, sensors, SEL, FRU, DCMI)', function () {
  requirePeers(this, ['ipmitool']);
  this.timeout(120_000);
  let b: Bmc;
  beforeEach(async () => {
    b = await startHardwareBmc();
    // The fixture's ramp runs on the wall clock here: hold it still so readings are exact.
    b.bmc.sensors.setBehaviour('Ramp Temp', { kind: 'constant' }, 50);
  });
  afterEach(() => b.close());

  const ok = async (...args: string[]) => {
    const r = await run('ipmitool', ['-I', 'lanplus', '-C', '17', '-H', '127.0.0.1', '-p', String(b.port), '-U', 'admin', '-P', 'password', ...args], { timeout: 60_000 });
    assert.equal(r.status, 0, `ipmitool ${args.join(' ')}: ${r.stderr}${r.stdout}`);
    return r.stdout;
  };

  it('sdr info: record count and the repository operations', async () => {
    const out = await ok('sdr', 'info');
    assert.match(out, /Record Count\s+: 17\n/);
    assert.match(out, /Reserve SDR repository supported\s+: yes/);
    assert.match(out, /SDR overflow\s+: no/);
  });

  it('sdr list and sdr elist all: every record as the profile describes it', async () => {
    assert.deepEqual(lines(await ok('sdr', 'list')), [
      'CPU Temp         | 48 degrees C      | ok',
      'Inlet Temp       | 24 degrees C      | ok',
      'FAN1             | 4800 RPM          | ok',
      '12V              | 12.06 Volts       | ok',
      'Ramp Temp        | 50 degrees C      | ok',
      'Board Temp       | 40 degrees C      | ok',
      'PSU1 Status      | 0x01              | ok',
      'ACPI State       | 0x01              | ok',
      'Pwr Unit         | 0x00              | ok',
      'SEL Status       | 0x00              | ok',
      'Intrusion        | 0x00              | ok',
      'PS Redundancy    | 0x01              | ok',
    ]);
    const all = lines(await ok('sdr', 'elist', 'all'));
    assert.deepEqual(all.slice(6), [
      'Watchdog         | 10h | ns  |  7.1 | Event-Only',
      'PSU1 Status      | 40h | ok  | 10.1 | Presence detected',
      'ACPI State       | 41h | ok  |  7.1 | S0/G0: working',
      'Pwr Unit         | 42h | ok  |  7.1 |',
      'SEL Status       | 43h | ok  |  7.1 |',
      'Intrusion        | 44h | ok  |  7.1 |',
      'PS Redundancy    | 45h | ok  |  7.1 | Fully Redundant',
      'System           | 00h | ns  |  7.1 | Logical FRU @00h',
      'PSU1             | 00h | ns  | 10.1 | Logical FRU @01h',
      'Test BMC         | 00h | ok  |  7.1 | Dynamic MC @ 20h',
    ]);
  });

  it('sdr elist full, sdr type Temperature, sdr entity 3', async () => {
    assert.deepEqual(lines(await ok('sdr', 'elist', 'full')), [
      'CPU Temp         | 01h | ok  |  3.1 | 48 degrees C',
      'Inlet Temp       | 02h | ok  | 55.1 | 24 degrees C',
      'FAN1             | 03h | ok  | 29.1 | 4800 RPM',
      '12V              | 05h | ok  |  7.1 | 12.06 Volts',
      'Ramp Temp        | 06h | ok  |  7.2 | 50 degrees C',
      'Board Temp       | 07h | ok  |  7.1 | 40 degrees C',
    ]);
    assert.deepEqual(
      lines(await ok('sdr', 'type', 'Temperature')).map((l) => l.slice(0, 16).trim()),
      ['CPU Temp', 'Inlet Temp', 'Ramp Temp', 'Board Temp'],
    );
    assert.deepEqual(lines(await ok('sdr', 'entity', '3')), ['CPU Temp         | 01h | ok  |  3.1 | 48 degrees C']);
  });

  it('sdr dump FILE writes the repository as records back to back', async () => {
    const file = path.join(b.tmp, 'sdr.bin');
    await ok('sdr', 'dump', file);
    const dump = fs.readFileSync(file);
    assert.deepEqual(dump, Buffer.concat(b.bmc.sdr.all() as Buffer[]));
    assert.deepEqual(encodeSdrs(decodeSdrs(dump)), dump);
  });

  it('sensor list, sensor get: thresholds, hysteresis and enabled events from the profile', async () => {
    const list = lines(await ok('sensor', 'list'));
    assert.equal(list[0], 'CPU Temp         | 48.000     | degrees C  | ok    | na        | 5.000     | 10.000    | 85.000    | 95.000    | 105.000');
    assert.equal(list[2], 'FAN1             | 4800.000   | RPM        | ok    | 500.000   | 800.000   | 1000.000  | na        | na        | na');
    assert.equal(list[3], '12V              | 12.060     | Volts      | ok    | 10.200    | 10.800    | 11.280    | 12.720    | 13.200    | 13.800');
    const get = await ok('sensor', 'get', 'CPU Temp');
    assert.match(get, /Sensor Reading\s+: 48 \(\+\/- 0\) degrees C/);
    assert.match(get, /Positive Hysteresis\s+: 2\.000/);
    assert.match(get, /Assertions Enabled\s+: lnc- lcr- unc\+ ucr\+ unr\+/);
  });

  it('sensor thresh NAME ucr 90, read back by sensor get', async () => {
    const out = await ok('sensor', 'thresh', 'CPU Temp', 'ucr', '90');
    assert.match(out, /Setting sensor "CPU Temp" Upper Critical threshold to 90\.000/);
    assert.match(await ok('sensor', 'get', 'CPU Temp'), /Upper Critical\s+: 90\.000/);
  });

  it('a failed fan reads 0 RPM, is critical in sdr elist, and its events are in sel elist', async () => {
    b.bmc.sensors.setValue('FAN1', 0);
    assert.ok(lines(await ok('sdr', 'elist')).includes('FAN1             | 03h | lnr | 29.1 | 0 RPM'));
    assert.ok(lines(await ok('sdr', 'list')).includes('FAN1             | 0 RPM             | nr'));
    const sel = lines(await ok('sel', 'elist'));
    assert.deepEqual(
      sel.slice(1).map((l) => l.split('|').slice(3).join('|').trim()),
      [
        'Fan FAN1 | Lower Non-critical going low  | Asserted | Reading 0 < Threshold 1000 RPM',
        'Fan FAN1 | Lower Critical going low  | Asserted | Reading 0 < Threshold 800 RPM',
        'Fan FAN1 | Lower Non-recoverable going low  | Asserted | Reading 0 < Threshold 500 RPM',
      ],
    );
  });

  it('sel info, sel list, sel elist: the profile entry with a real timestamp', async () => {
    const info = await ok('sel', 'info');
    assert.match(info, /Entries\s+: 1\n/);
    assert.match(info, /Free Space\s+: 240 bytes/);
    assert.match(info, /Overflow\s+: false/);
    const [line] = lines(await ok('sel', 'elist'));
    assert.match(line, /^ {3}1 \| \d\d\/\d\d\/\d\d \| \d\d:\d\d:\d\d UTC \| Temperature CPU Temp \| Upper Non-critical going high \| Asserted \| Reading 90 > Threshold 85 degrees C$/);
    assert.equal(lines(await ok('sel', 'list')).length, 1);
  });

  it('sel add FILE, sel delete N, sel clear', async () => {
    const file = path.join(b.tmp, 'sel.txt');
    // ipmitool's event file: EvMRev, sensor type, number, event dir/type, data 1-3.
    fs.writeFileSync(file, '0x04 0x04 0x03 0x01 0x52 0x0f 0x10\n0x04 0x08 0x40 0x6f 0x01 0xff 0xff\n');
    await ok('sel', 'add', file);
    let sel = lines(await ok('sel', 'elist'));
    // `sel add` records carry generator 0041h (BIOS), so ipmitool names no sensor of the BMC's SDRs.
    assert.deepEqual(
      sel.slice(1).map((l) => l.split('|').slice(3).join('|').trim()),
      ['Fan #0x03 | Lower Critical going low  | Asserted', 'Power Supply #0x40 | Failure detected | Asserted'],
    );
    assert.deepEqual(
      b.bmc.sel.list().slice(1).map((r) => r.kind === 'system' && r.generatorId),
      [0x41, 0x41],
    );
    assert.match(await ok('sel', 'delete', '2'), /Deleted entry 2/);
    sel = lines(await ok('sel', 'list'));
    assert.deepEqual(
      sel.map((l) => l.split('|')[0].trim()),
      ['1', '3'],
    );
    await ok('sel', 'clear');
    // The fixture's Event Logging Disabled sensor reports the clear: the only entry afterwards.
    assert.deepEqual(
      lines(await ok('sel', 'elist')).map((l) => l.split('|').slice(3).join('|').trim()),
      ['Event Logging Disabled SEL Status | Log area reset/cleared | Asserted'],
    );
  });

  it('sel time get / sel time set', async () => {
    await ok('sel', 'time', 'set', '01/02/26 03:04:05');
    assert.match((await ok('sel', 'time', 'get')).trim(), /^01\/02\/26 03:04:0[56] UTC$/);
  });

  it('fru print, fru read 0 FILE, fru write 0 FILE', async () => {
    const print = await ok('fru', 'print');
    assert.match(print, /FRU Device Description : Builtin FRU Device \(ID 0\)/);
    assert.match(print, /Chassis Serial\s+: VCHASSIS-SN-42/);
    assert.match(print, /Board Mfg Date\s+: Wed Feb 24 01:39:00 2016 UTC/);
    assert.match(print, /Product Asset Tag\s+: asset-007/);
    assert.match(print, /FRU Device Description : PSU1 \(ID 1\)/);
    const file = path.join(b.tmp, 'fru.bin');
    await ok('fru', 'read', '0', file);
    const image = fs.readFileSync(file);
    assert.deepEqual(image, b.bmc.fru.get(0)!.data);
    // Change the board serial in the file (same length), write it back, print it.
    const at = image.indexOf('BRD-SN-0001');
    image.write('BRD-SN-0002', at, 'latin1');
    const area = image[3] * 8;
    image[area + image[area + 1] * 8 - 1] = 0;
    let sum = 0;
    for (let i = area; i < area + image[area + 1] * 8 - 1; i++) sum += image[i];
    image[area + image[area + 1] * 8 - 1] = -sum & 0xff;
    fs.writeFileSync(file, image);
    await ok('fru', 'write', '0', file);
    assert.equal(decodeFru(b.bmc.fru.get(0)!.data).board?.serialNumber, 'BRD-SN-0002');
    assert.match(await ok('fru', 'print', '0'), /Board Serial\s+: BRD-SN-0002/);
  });

  it('dcmi discover, power reading, get_limit, set_limit, asset tags, MC ID, temperatures', async () => {
    const discover = await ok('dcmi', 'discover');
    assert.match(discover, /Power management available/);
    assert.match(discover, /16 SEL entries/);
    assert.match(discover, /Slave address of device: 20h \(BMC\)/);
    const reading = await ok('dcmi', 'power', 'reading');
    assert.match(reading, /Instantaneous power reading:\s+200 Watts/);
    assert.match(reading, /Sampling period:\s+00003600 Seconds/);
    assert.match(reading, /Power reading state is:\s+activated/);
    assert.match(await ok('dcmi', 'power', 'get_limit'), /Power Limit:\s+280 Watts/);
    await ok('dcmi', 'power', 'set_limit', 'limit', '300');
    assert.equal(b.bmc.dcmi!.limit.watts, 300);
    assert.match(await ok('dcmi', 'power', 'get_limit'), /Power Limit:\s+300 Watts/);
    assert.match(await ok('dcmi', 'asset_tag'), /Asset tag: asset-007/);
    await ok('dcmi', 'set_asset_tag', 'rack-7-u12');
    assert.match(await ok('dcmi', 'asset_tag'), /Asset tag: rack-7-u12/);
    assert.match(await ok('dcmi', 'get_mc_id_string'), /Get Management Controller Identifier String: Test BMC/);
    const temps = await ok('dcmi', 'get_temp_reading');
    assert.match(temps, /Inlet air temperature\(40h\)\s+1\s+\+24 C/);
    assert.match(temps, /CPU temperature sensors\(41h\)\s+1\s+\+48 C/);
    assert.match(temps, /Baseboard temperature sensors\(42h\)\s+1\s+\+40 C/);
  });

  it('event 1: a platform event message logged to the SEL', async () => {
    assert.match(await ok('event', '1'), /Sending SAMPLE event: Temperature - Upper Critical - Going High/);
    const last = lines(await ok('sel', 'elist')).pop()!;
    assert.match(last, /Temperature #0x30 \| Upper Critical going high \| Asserted/);
    const rec = b.bmc.sel.list().pop()!;
    assert.ok(rec.kind === 'system' && rec.generatorId === 0x1081, 'generator: remote console software ID 81h on channel 1');
  });

  it('the SDR records decode back to the profile (a sanity check of what the tools read)', () => {
    const names = b.bmc.sdr.all().map((r) => decodeSdr(r).kind);
    assert.equal(names.length, 17);
  });
});
