import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { requirePeers, run } from '../helpers/peers';
import { startHardwareBmc, lines } from '../interop/hardware-common';
import { runProfileImport } from '../../src/frontends/cli/profile-import';
import { loadProfileRef } from '../../src/profile';
import { startIpmiSim as startExporterIpmiSim } from '../frontends/metrics/peers';
import { startIpmiSim as startFixtureIpmiSim } from '../client/helpers/ipmi-sim';

type Bmc = Awaited<ReturnType<typeof startHardwareBmc>>;

const ipmitool = (port: number, args: string[], suite = '17') =>
  run('ipmitool', ['-I', 'lanplus', '-C', suite, '-H', '127.0.0.1', '-p', String(port), '-U', 'admin', '-P', 'password', ...args], { timeout: 60_000 });

async function importProfile(args: string[], now?: number): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runProfileImport(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), now: now === undefined ? undefined : () => now });
  return { code, stdout, stderr };
}

/** What ipmitool shows of a machine, minus the SEL's time columns (the clone logs its entries at its own start). */
async function looks(port: number, fruIds: number[], suite = '17'): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const cmd of [['sdr', 'elist', 'all'], ['sdr', 'elist'], ['sensor', 'list'], ['fru', 'print'], ['sel', 'elist']]) {
    const r = await ipmitool(port, cmd, suite);
    out[cmd.join(' ')] = lines(r.stdout + r.stderr);
  }
  out['sel elist'] = out['sel elist'].map((l) => l.split('|').filter((_, i) => i !== 1 && i !== 2).join('|'));
  out.fruIds = fruIds.map(String);
  return out;
}

/** Everything ipmitool can save of a machine, to files in dir. */
async function dump(port: number, dir: string, fruIds: number[], suite = '17'): Promise<string[]> {
  const ok = async (...args: string[]) => {
    const r = await ipmitool(port, args, suite);
    assert.equal(r.status, 0, `ipmitool ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  await ok('sdr', 'dump', path.join(dir, 'sdr.bin'));
  const args = ['--sdr', path.join(dir, 'sdr.bin')];
  for (const id of fruIds) {
    await ok('fru', 'read', String(id), path.join(dir, `fru${id}.bin`));
    args.push('--fru', `${id}=${path.join(dir, `fru${id}.bin`)}`);
  }
  await ok('sel', 'writeraw', path.join(dir, 'sel.bin'));
  fs.writeFileSync(path.join(dir, 'readings.txt'), await ok('sensor', 'list'));
  fs.writeFileSync(path.join(dir, 'mc.txt'), await ok('mc', 'info'));
  return [...args, '--sel', path.join(dir, 'sel.bin'), '--readings', path.join(dir, 'readings.txt'), '--mc-info', path.join(dir, 'mc.txt')];
}

/**
 * `bmcbridge profile import` round trips (issue 3): ipmitool's files of a machine, imported,
 * served by a virtual BMC again, look the same to ipmitool: `sdr elist`, `sensor list`, `fru print`
 * and `sel elist` (but for the SEL's clock). The machines: our own virtual BMCs (every profile
 * of profiles/ and the hardware test fixture) and OpenIPMI's ipmi_sim.
 */
describe('bmcbridge profile import', function () {
  requirePeers(this, ['ipmitool']);
  this.timeout(180_000);
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bmcbridge-import-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const cases: Array<[string, string]> = [
    ['the hardware test fixture', path.join(__dirname, '..', 'bmc', 'fixtures', 'hardware.yaml')],
    ['shared sensor records', path.join(__dirname, '..', 'bmc', 'fixtures', 'shared.yaml')],
    ['generic-1u', 'generic-1u'],
    ['dell-poweredge-r650', 'dell-poweredge-r650'],
    ['supermicro-x12', 'supermicro-x12'],
    ['hpe-proliant-dl360', 'hpe-proliant-dl360'],
  ];
  for (const [what, ref] of cases) {
    it(`${what}: sdr dump + fru read + sel writeraw, imported and served again, look the same to ipmitool`, async () => {
      const fruIds = (loadProfileRef(ref).fru ?? []).map((f) => f.id);
      let a: Bmc | undefined;
      let b: Bmc | undefined;
      try {
        a = await startHardwareBmc(ref);
        // Readings hold still, so that the dump and the comparison see the same values.
        for (const s of a.bmc.sensors.all()) if (s.spec.analog) a.bmc.sensors.setValue(s.number, a.bmc.sensors.quantized(s)!);
        const args = await dump(a.port, tmp, fruIds);
        const theirs = await looks(a.port, fruIds);
        const out = path.join(tmp, 'clone.yaml');
        const r = await importProfile([...args, '--out', out]);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, new RegExp(`^wrote .*clone\\.yaml: ${a.bmc.sensors.all().length} sensors, ${fruIds.length} FRU device\\(s\\), ${a.bmc.sel.count} SEL entries\\n$`));
        // Our own SDRs are reproduced field for field: nothing to report.
        assert.equal(r.stderr, '');
        assert.doesNotMatch(fs.readFileSync(out, 'utf8'), /Not reproduced/);
        b = await startHardwareBmc(out);
        assert.deepEqual(await looks(b.port, fruIds), theirs);
      } finally {
        await a?.close();
        await b?.close();
      }
    });
  }

  it('the profile reads like a hand-written one', async () => {
    const a = await startHardwareBmc();
    try {
      a.bmc.sensors.setValue('Ramp Temp', 50);
      const args = await dump(a.port, tmp, [0, 1]);
      const out = path.join(tmp, 'clone.yaml');
      assert.equal((await importProfile([...args, '--out', out, '--description', 'clone of the test BMC'], Date.UTC(2026, 5, 1))).code, 0);
      const text = fs.readFileSync(out, 'utf8');
      assert.match(text, /^# Imported by `bmcbridge profile import` on 2026-06-01 from:\n# {3}sdr: sdr\.bin \(17 records: 6 full, 1 eventOnly, 6 compact, 2 fruDeviceLocator, 1 mcDeviceLocator, 1 entityAssociation\)\n/);
      assert.match(text, /\ndescription: clone of the test BMC\nidentity:\n {2}manufacturerId: 674\n {2}productId: 256\n/);
      assert.ok(
        text.includes(
          [
            '  FAN1:',
            '    number: 0x03',
            '    entity: [0x1d, 1]',
            '    type: Fan',
            '    units: RPM',
            '    factors: {m: 50}',
            '    thresholds: {lnr: 500, lcr: 800, lnc: 1000}',
            '    hysteresis: {positive: 50, negative: 50}',
            '    initial: 4800',
          ].join('\n'),
        ),
        text,
      );
      assert.ok(text.includes('  PSU1 Status: {number: 0x40, entity: [0x0a, 1], type: Power Supply, readableStates: [Presence detected, Failure detected, Power Supply AC lost], states: [Presence detected]}'), text);
      assert.ok(text.includes('  ACPI State: {number: 0x41, entity: [0x07, 1], type: System ACPI Power State, readableStates: ["S0/G0: working", "S5/G2: soft-off"], deassertEvents: [], states: ["S0/G0: working"], bind: power}'), text);
      assert.ok(text.includes('    powerSupplies:\n      - {capacityWatts: 750, peakVa: 65535'), text);
    } finally {
      await a.close();
    }
  });

  describe('from OpenIPMI ipmi_sim', function () {
    requirePeers(this, ['ipmi_sim']);
    it("ipmi_sim's SDRs and SEL: the same sdr elist, sensor list and sel elist; what a profile cannot say is listed", async () => {
      const sim = await startExporterIpmiSim();
      let b: Bmc | undefined;
      try {
        // ipmi_sim lists no cipher suites: ipmitool needs -C 3 with it.
        const args = await dump(sim.port, tmp, [], '3');
        const theirs = await looks(sim.port, [], '3');
        const out = path.join(tmp, 'sim.yaml');
        const r = await importProfile([...args, '--out', out]);
        assert.equal(r.code, 0, r.stderr);
        b = await startHardwareBmc(out);
        const ours = await looks(b.port, []);
        assert.deepEqual(ours['sdr elist'], theirs['sdr elist']);
        // Get Sensor Reading byte 4 bit 7 is "reserved, returned as 1b" (v2.0 Table 35-15): the virtual
        // BMC sets it, ipmi_sim does not; ipmitool prints the byte as it came ("0x0180" / "0x0100").
        const reserved = (l: string) => l.replace(/\| 0x([0-9a-f]{2})80\|/, '| 0x$100|');
        assert.deepEqual(ours['sensor list'].map(reserved), theirs['sensor list']);
        // The virtual BMC always has an MC Device Locator; ipmi_sim's repository has none.
        assert.deepEqual(ours['sdr elist all'], [...theirs['sdr elist all'], 'BMC              | 00h | ok  |  7.1 | Dynamic MC @ 20h']);
        // ipmi_sim's SEL clock counts from its start (pre-init): so does the clone's.
        assert.deepEqual(ours['sel elist'], theirs['sel elist']);
        assert.ok(theirs['sel elist'].length >= 1);
        const notes = lines(r.stderr);
        assert.ok(notes.includes('bmcbridge profile import: note: no MC Device Locator record for the BMC: the virtual BMC serves one (`sdr elist all` and `sdr elist mcloc` show it)'), r.stderr);
        assert.ok(notes.includes('bmcbridge profile import: note: sensor "PSU1 Status" (0x40): a discrete sensor\'s full record is served as a compact record'), r.stderr);
        assert.ok(notes.includes('bmcbridge profile import: note: sensor "FAN1": served differently: sensorCapabilities.hysteresisSupport'), r.stderr);
        // ipmi_sim's SDR says all six thresholds of PSU1 Current are readable; it answers three.
        assert.ok(notes.includes('bmcbridge profile import: note: sensor "PSU1 Current" (0x30): readable thresholds as the BMC answers them (unc, ucr, unr), not as its SDR says (lnr, lcr, lnc, unc, ucr, unr)'), r.stderr);
        assert.match(fs.readFileSync(out, 'utf8'), /\n# Not reproduced:\n(# .*\n)*# {3}sensor "PSU1 Status" \(0x40\): a discrete sensor's full record is served as a compact record\n/);
        assert.ok(!notes.some((n) => n.includes('"PSU1 Status": served differently')), r.stderr);
      } finally {
        await sim.stop();
        await b?.close();
      }
    });

    it("ipmi_sim's FRU devices: fru print of the clone is ipmi_sim's", async () => {
      const sim = await startFixtureIpmiSim();
      let b: Bmc | undefined;
      try {
        const args = await dump(sim.port, tmp, [0, 1], '3');
        const theirs = await ipmitool(sim.port, ['fru', 'print'], '3');
        const out = path.join(tmp, 'sim.yaml');
        const r = await importProfile([...args, '--out', out]);
        assert.equal(r.code, 0, r.stderr);
        b = await startHardwareBmc(out);
        const ours = await ipmitool(b.port, ['fru', 'print']);
        assert.deepEqual(lines(ours.stdout), lines(theirs.stdout));
        assert.ok(lines(theirs.stdout).length > 10);
      } finally {
        await sim.stop();
        await b?.close();
      }
    });
  });

  it('bad input: usage errors exit 2 and name the file; an existing --out needs --force', async () => {
    const sdr = path.join(tmp, 'sdr.bin');
    fs.writeFileSync(sdr, Buffer.from('0100510105', 'hex'));
    const out = path.join(tmp, 'x.yaml');
    const usage = 'usage: bmcbridge profile import --sdr FILE [--fru [ID=]FILE]... [--sel FILE] [--readings FILE] [--mc-info FILE] [--description TEXT] --out FILE [--force]\n';
    const cases: Array<[string[], string]> = [
      [['--out', out], '--sdr FILE is required (an `ipmitool sdr dump` file)'],
      [['--sdr', sdr], '--out FILE is required'],
      [['--sdr', path.join(tmp, 'none.bin'), '--out', out], `--sdr ${path.join(tmp, 'none.bin')}: ENOENT`],
      [['--sdr', sdr, '--out', out], `--sdr ${sdr}: not an \`ipmitool sdr dump\` file: SDR repository: need 5 byte(s), have 0 at offset 5`],
      [['--sdr', sdr, '--out', out, '--fru', '300=x.bin'], '--fru 300=x.bin: a FRU device ID is 0..254'],
      [['--sdr', sdr, '--out', out, '--bogus'], "unknown option '--bogus'"],
      [['--sdr', sdr, '--out', out, 'extra'], "too many arguments. Expected 0 arguments but got 1."],
    ];
    for (const [args, message] of cases) assert.deepEqual(await importProfile(args), { code: 2, stdout: '', stderr: `bmcbridge profile import: ${message}\n${usage}` }, args.join(' '));
    // A valid dump of one record (the MC locator of the fixture), then files that are not what they claim.
    // v2.0 Table 43-8: slave address 20h, channel 0, power state/init 0, capabilities 9Fh, 3 reserved, entity 7.1, OEM 0, "Test".
    fs.writeFileSync(sdr, Buffer.from('010051120f' + '20' + '00' + '00' + '9f' + '000000' + '07' + '01' + '00' + 'c454657374', 'hex'));
    const fru = path.join(tmp, 'fru.bin');
    fs.writeFileSync(fru, Buffer.alloc(64, 0xff));
    assert.equal((await importProfile(['--sdr', sdr, '--out', out, '--fru', fru])).stderr.split('\n')[0], `bmcbridge profile import: --fru ${fru}: not an \`ipmitool fru read\` file: FRU common header: unknown FRU header version 0xff at offset 0`);
    const sel = path.join(tmp, 'sel.bin');
    fs.writeFileSync(sel, Buffer.alloc(10));
    assert.equal((await importProfile(['--sdr', sdr, '--out', out, '--sel', sel])).stderr.split('\n')[0], `bmcbridge profile import: --sel ${sel}: neither \`ipmitool sel writeraw\` records (16 bytes each) nor \`ipmitool sel save\` text`);
    const ok = await importProfile(['--sdr', sdr, '--out', out]);
    assert.deepEqual([ok.code, ok.stdout, ok.stderr], [0, `wrote ${out}: 0 sensors, 0 FRU device(s)\n`, '']);
    assert.equal(loadProfileRef(out).sdr?.mcName, 'Test');
    assert.deepEqual(await importProfile(['--sdr', sdr, '--out', out]), { code: 2, stdout: '', stderr: `bmcbridge profile import: ${out} exists (--force replaces it)\n${usage}` });
    assert.equal((await importProfile(['--sdr', sdr, '--out', out, '--force'])).code, 0);
  });

  it('sel save text: the events without their times', async () => {
    const a = await startHardwareBmc();
    try {
      const args = await dump(a.port, tmp, []);
      const save = path.join(tmp, 'sel.txt');
      assert.equal((await ipmitool(a.port, ['sel', 'save', save])).status, 0);
      const out = path.join(tmp, 'x.yaml');
      const i = args.indexOf('--sel');
      args[i + 1] = save;
      const r = await importProfile([...args, '--out', out]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(loadProfileRef(out).sel?.initialEntries, [{ secondsAgo: 0, generatorId: 0x20, sensorType: 1, sensorNumber: 1, eventType: 1, deassertion: false, eventData: [0x57, 0x5a, 0x55] }]);
    } finally {
      await a.close();
    }
  });
});
