import assert from 'node:assert/strict';
import { requirePeers, run } from '../helpers/peers';
import { IpmiSim, startIpmiSim } from './helpers/ipmi-sim';
import { ours } from './helpers/cli';
import { BmcDevice, IpmiClient, LanLink, LanOptions } from '../../src/client';
import { AddSelEntry } from '../../src/codec/commands/storage';
import { GetDeviceId } from '../../src/codec/commands/app';
import { RmcpPlusStatusError, SessionError } from '../../src/lib/errors';
import { RakpStatus } from '../../src/codec/session';

/**
 * Our client against OpenIPMI's ipmi_sim (test/fixtures/ipmi_sim), compared line for line with
 * what ipmitool 1.8.19 prints for the same BMC, over lanplus (suite 3: ipmi_sim has no 17) and
 * lan (IPMI v1.5, MD5).
 */
describe('client against OpenIPMI ipmi_sim', function () {
  requirePeers(this, ['ipmi_sim', 'ipmitool']);
  this.timeout(60000);
  let sim: IpmiSim;
  before(async () => {
    sim = await startIpmiSim();
  });
  after(async () => {
    await sim?.stop();
  });

  const lanOpts = (o: Partial<LanOptions> = {}): LanOptions => ({ host: sim.host, port: sim.port, user: 'admin', password: 'password', timeoutMs: 500, retries: 2, ...o });

  for (const iface of ['lanplus', 'lan'] as const) {
    describe(`-I ${iface}: the same output as ipmitool`, () => {
      const common = () => ['-H', sim.host, '-p', String(sim.port), '-U', 'admin', '-P', 'password', '-I', iface, ...(iface === 'lanplus' ? ['-C', '3'] : [])];
      const both = async (...cmd: string[]) => {
        const theirs = await run('ipmitool', [...common(), ...cmd]);
        const mine = await ours([...common(), ...cmd]);
        assert.equal(theirs.status, 0, `ipmitool ${cmd.join(' ')}: ${theirs.stderr}`);
        assert.equal(mine.status, 0, `bmcbridge ipmi ${cmd.join(' ')}: ${mine.stderr}`);
        return { theirs: theirs.stdout, mine: mine.stdout };
      };
      for (const cmd of [
        ['sdr', 'list'],
        ['sdr', 'elist'],
        ['sdr', 'list', 'all'],
        ['sdr', 'elist', 'all'],
        ['sensor', 'list'],
        ['sel', 'list'],
        ['sel', 'elist'],
        ['sel', 'info'],
        ['chassis', 'power', 'status'],
        ['chassis', 'status'],
        ['fru', 'print'],
        ['raw', '0x06', '0x01'],
      ]) {
        it(cmd.join(' '), async () => {
          const { theirs, mine } = await both(...cmd);
          assert.ok(theirs.length > 0);
          assert.equal(mine, theirs);
        });
      }
      it('mc info (the manufacturer named from the IANA registry file ipmitool installs)', async () => {
        const { theirs, mine } = await both('mc', 'info');
        assert.match(theirs, /Manufacturer Name         : Dapesco S\.A\.\n/);
        assert.equal(mine, theirs);
      });
    });
  }

  it('reads the SDR repository in partial reads (ipmi_sim refuses whole records with CAh), then serves it from the cache', async () => {
    const dev = new BmcDevice(new IpmiClient(new LanLink(lanOpts({ cipherSuite: 3 }))));
    try {
      const sdrs = await dev.sdrs();
      assert.deepEqual(
        sdrs.map((e) => [e.record?.kind, e.record && 'idString' in e.record ? e.record.idString : undefined]),
        [
          ['full', 'CPU Temp'],
          ['full', 'Inlet Temp'],
          ['full', 'FAN1'],
          ['full', 'FAN2'],
          ['full', '12V'],
          ['full', '3.3V'],
          ['full', 'Sys Power'],
          ['full', 'Outlet Low'],
          ['compact', 'Intrusion'],
          ['eventOnly', 'Watchdog'],
          ['mcDeviceLocator', 'Test BMC'],
          ['fruDeviceLocator', 'PSU1 FRU'],
        ],
      );
      assert.equal(dev.sdrCache.chunk, 32);
      assert.equal(dev.sdrCache.reads, 1);
      const before = dev.client.stats.sent;
      const again = await dev.sdrs();
      assert.equal(again, sdrs);
      // Only Get SDR Repository Info: the add/erase timestamps did not change.
      assert.equal(dev.client.stats.sent - before, 1);
      assert.equal(dev.sdrCache.reads, 1);
    } finally {
      await dev.close();
    }
  });

  it('reads sensor values, thresholds and discrete states as ipmitool converts them', async () => {
    const dev = new BmcDevice(new IpmiClient(new LanLink(lanOpts({ interface: 'lan' }))));
    try {
      const readings = await dev.sensors();
      assert.deepEqual(
        readings.map((r) => [r.name, r.value, r.unit, r.status]),
        [
          ['CPU Temp', 48, 'degrees C', 'ok'],
          ['Inlet Temp', 24, 'degrees C', 'ok'],
          ['FAN1', 5200, 'RPM', 'ok'],
          ['FAN2', 4900, 'RPM', 'ok'],
          ['12V', 12.06, 'Volts', 'ok'],
          ['3.3V', 3.32, 'Volts', 'ok'],
          ['Sys Power', 276, 'Watts', 'ok'],
          ['Outlet Low', -10, 'degrees C', 'ok'],
          ['Intrusion', undefined, 'discrete', 'ok'],
        ],
      );
      assert.equal(readings[8].states, 0x11);
      const power = readings[6].record;
      assert.equal(power.kind, 'full');
      const t = await dev.thresholds(power as Extract<typeof power, { kind: 'full' }>);
      assert.deepEqual(t.values, { upperNonCritical: 820, upperCritical: 940, upperNonRecoverable: 1020 });
      assert.deepEqual(t.hysteresis, { positive: 8, negative: 8 });
    } finally {
      await dev.close();
    }
  });

  it('reads the SEL incrementally: after Add SEL Entry only the new entry is fetched', async () => {
    const dev = new BmcDevice(new IpmiClient(new LanLink(lanOpts({ cipherSuite: 3 }))));
    try {
      const first = await dev.sel();
      const n = first.length;
      assert.ok(n >= 4);
      const requestsAfterFirst = dev.selCache.requests;
      assert.equal(requestsAfterFirst, n);
      assert.equal(await dev.sel(), first);
      assert.equal(dev.selCache.requests, requestsAfterFirst);
      const { recordId } = await dev.client.call(AddSelEntry, {
        kind: 'system',
        recordId: 0,
        timestamp: 0,
        generatorId: 0x20,
        evmRev: 4,
        sensorType: 0x01,
        sensorNumber: 2,
        eventDirType: { deassertion: false, eventType: 1 },
        eventData1: 0x59,
        eventData2: 52,
        eventData3: 50,
      });
      const next = await dev.sel();
      assert.equal(next.length, n + 1);
      assert.equal(next[n].recordId, recordId);
      assert.deepEqual(next.slice(0, n), first);
      // One request to learn the last known entry's successor, one for the new entry.
      assert.equal(dev.selCache.requests - requestsAfterFirst, 2);
      const theirs = await run('ipmitool', ['-H', sim.host, '-p', String(sim.port), '-U', 'admin', '-P', 'password', '-I', 'lanplus', '-C', '3', 'sel', 'list']);
      const mine = await ours(['-H', sim.host, '-p', String(sim.port), '-U', 'admin', '-P', 'password', '-C', '3', 'sel', 'list']);
      assert.equal(mine.stdout, theirs.stdout);
      assert.match(mine.stdout, /Temperature #0x02 \| Upper Critical going high \| Asserted/);
    } finally {
      await dev.close();
    }
  });

  it('reads FRU data in chunks ipmi_sim accepts (it answers C8h above 32 bytes) and decodes every area', async () => {
    const dev = new BmcDevice(new IpmiClient(new LanLink(lanOpts({ cipherSuite: 3 }))));
    try {
      const fru = await dev.fru(0);
      assert.equal(dev.fruCache.chunk, 28);
      assert.deepEqual(fru?.chassis, { chassisType: 0x17, partNumber: 'CHS-7700', serialNumber: 'CHS-SN-0042', custom: [] });
      assert.equal(fru?.board?.manufacturer, 'Example Works');
      assert.equal(fru?.product?.assetTag, 'tag-0815');
      assert.equal(fru?.warnings, undefined);
      assert.deepEqual(await dev.fruDevices(), [
        { id: 0, name: 'Builtin FRU Device' },
        { id: 1, name: 'PSU1 FRU' },
      ]);
      assert.equal((await dev.fru(1))?.product?.productName, 'PSU 750W');
      assert.equal(await dev.fru(7), undefined);
    } finally {
      await dev.close();
    }
  });

  it('powers the chassis off and on; ipmitool and the chassis hook see it', async () => {
    const dev = new BmcDevice(new IpmiClient(new LanLink(lanOpts({ interface: 'lan' }))));
    const ipmitoolStatus = async () =>
      (await run('ipmitool', ['-H', sim.host, '-p', String(sim.port), '-U', 'admin', '-P', 'password', '-I', 'lanplus', '-C', '3', 'chassis', 'power', 'status'])).stdout;
    try {
      await dev.chassisControl('powerDown');
      assert.equal(sim.power(), '0');
      assert.equal((await dev.chassisStatus()).power.on, false);
      assert.equal(await ipmitoolStatus(), 'Chassis Power is off\n');
      await dev.chassisControl('powerUp');
      assert.equal(sim.power(), '1');
      assert.equal(await ipmitoolStatus(), 'Chassis Power is on\n');
    } finally {
      await dev.close();
    }
  });

  it('discovers ipmi_sim\'s cipher suites (0-14, answered in the v1.5 format) and picks 3', async () => {
    const link = new LanLink(lanOpts());
    const c = new IpmiClient(link);
    try {
      assert.equal((await c.call(GetDeviceId, {})).productId, 0x5678);
      assert.deepEqual(link.session, { id: link.session!.id, version: '2.0', suite: 3 });
      assert.equal(c.stats.retransmits, 0);
    } finally {
      await c.close();
    }
  });

  it('suite 17 asked for explicitly: the error names the RMCP+ status ipmi_sim refuses it with', async () => {
    const c = new IpmiClient(new LanLink(lanOpts({ cipherSuite: 17 })));
    try {
      await assert.rejects(c.call(GetDeviceId, {}), (e: unknown) => e instanceof RmcpPlusStatusError && e.stage === 'Open Session' && e.status === RakpStatus.InvalidAuthAlgorithm && /invalid authentication algorithm/.test(e.message));
    } finally {
      await c.close();
    }
  });

  it('a wrong password fails RAKP 2 with an error naming the status', async () => {
    const c = new IpmiClient(new LanLink(lanOpts({ cipherSuite: 3, password: 'nope' })));
    try {
      await assert.rejects(c.call(GetDeviceId, {}), (e: unknown) => e instanceof RmcpPlusStatusError && e.stage === 'RAKP 2' && e.status === RakpStatus.InvalidIntegrityCheckValue && /wrong password/.test(e.message));
    } finally {
      await c.close();
    }
  });

  it('an unknown user fails with the status ipmi_sim sends', async () => {
    const c = new IpmiClient(new LanLink(lanOpts({ cipherSuite: 3, user: 'ghost' })));
    try {
      await assert.rejects(c.call(GetDeviceId, {}), (e: unknown) => e instanceof RmcpPlusStatusError && e.stage === 'RAKP 2' && e.status === RakpStatus.UnauthorizedName);
    } finally {
      await c.close();
    }
  });

  it('a wrong password over IPMI v1.5: Activate Session goes unanswered, a SessionError says why', async () => {
    const c = new IpmiClient(new LanLink(lanOpts({ interface: 'lan', password: 'nope', timeoutMs: 200, retries: 1 })));
    try {
      await assert.rejects(c.call(GetDeviceId, {}), (e: unknown) => e instanceof SessionError && /Activate Session/.test(e.message) && /password/.test(e.message));
    } finally {
      await c.close();
    }
  });
});
