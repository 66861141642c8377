import assert from 'node:assert/strict';
import { requirePeers, run } from '../helpers/peers';
import { ours } from './helpers/cli';
import { VirtualBmc } from '../../src/bmc/device';
import { LanServer } from '../../src/bmc/server';
import { standardHandlers } from '../../src/bmc/handlers';
import { sessionHandlers } from '../../src/bmc/handlers/session';
import { loadProfileRef } from '../../src/profile';
import type { ProfileSpec } from '../../src/profile/types';
import { silentLogger } from '../../src/lib/logger';
import { ManualClock } from '../../src/lib/clock';
import { BmcDevice, IpmiClient, LanLink } from '../../src/client';
import { AddSelEntry } from '../../src/codec/commands/storage';
import type { SelRecord } from '../../src/codec/records/sel';

/**
 * `bmcbridge ipmi` and ipmitool 1.8.19 against the same virtual BMC, for every profile in
 * profiles/: the same bytes on stdout. The BMC runs on a manual clock, so sensor behaviours and
 * timestamps hold still between the two tools' reads.
 */
async function startVbmc(profileId: string, selCapacity?: number) {
  const base = loadProfileRef(profileId);
  const profile = {
    ...base,
    users: [{ name: 'admin', password: 'password', privilege: 'administrator' }],
    ...(selCapacity ? { sel: { ...(base as ProfileSpec & { sel?: object }).sel, capacity: selCapacity } } : {}),
  } as ProfileSpec;
  const bmc = new VirtualBmc({ name: profileId, profile, log: silentLogger, handlers: [...standardHandlers, ...sessionHandlers], clock: new ManualClock(Date.UTC(2026, 5, 1, 12)) });
  const server = new LanServer(bmc);
  const { port } = await server.listen('127.0.0.1', 0);
  return {
    port,
    close: async () => {
      await server.close();
      bmc.close();
    },
  };
}

describe('bmcbridge ipmi and ipmitool print the same for the virtual BMC', function () {
  requirePeers(this, ['ipmitool']);
  this.timeout(120000);

  for (const profileId of ['generic-1u', 'dell-poweredge-r650', 'hpe-proliant-dl360', 'supermicro-x12']) {
    describe(`profile ${profileId}`, () => {
      let v: Awaited<ReturnType<typeof startVbmc>>;
      before(async () => {
        v = await startVbmc(profileId);
      });
      after(async () => {
        await v?.close();
      });
      const ifaces = profileId === 'generic-1u' ? ['lanplus', 'lan'] : ['lanplus'];
      for (const iface of ifaces)
        for (const cmd of [
          ['sdr', 'list'],
          ['sdr', 'elist', 'all'],
          ['sensor', 'list'],
          ['sel', 'list'],
          ['sel', 'elist'],
          ['sel', 'info'],
          ['fru', 'print'],
          ['chassis', 'status'],
          ['chassis', 'power', 'status'],
          ['dcmi', 'power', 'reading'],
          ['mc', 'info'],
        ])
          it(`-I ${iface} ${cmd.join(' ')}`, async () => {
            const args = ['-H', '127.0.0.1', '-p', String(v.port), '-U', 'admin', '-P', 'password', '-I', iface, ...cmd];
            const theirs = await run('ipmitool', args);
            const mine = await ours(args);
            assert.equal(theirs.status, 0, theirs.stderr);
            assert.equal(mine.status, 0, mine.stderr);
            assert.ok(theirs.stdout.length > 0);
            assert.equal(mine.stdout, theirs.stdout);
          });
    });
  }

  it('sel list for every sensor-specific offset and the data-dependent texts (firmware progress, version change, PSU config)', async () => {
    const v = await startVbmc('generic-1u', 2048);
    const dev = new BmcDevice(new IpmiClient(new LanLink({ host: '127.0.0.1', port: v.port, user: 'admin', password: 'password' })));
    try {
      await dev.clearSel();
      const ev = (sensorType: number, eventType: number, eventData1: number, eventData2 = 0xff, eventData3 = 0xff, deassertion = false): SelRecord => ({
        kind: 'system',
        recordId: 0,
        timestamp: 0x68000000,
        generatorId: 0x20,
        evmRev: 4,
        sensorType,
        sensorNumber: sensorType === 0x12 ? 0 : 0x42,
        eventDirType: { deassertion, eventType },
        eventData1,
        eventData2,
        eventData3,
      });
      const records: SelRecord[] = [];
      for (let type = 0x01; type <= 0x2c; type++) for (let off = 0; off < 15; off++) records.push(ev(type, 0x6f, off, 0xff, 0xff, off % 3 === 0));
      for (let d2 = 0; d2 < 0x1c; d2++) for (const off of [0, 1, 2]) records.push(ev(0x0f, 0x6f, 0xc0 | off, d2));
      for (let d2 = 0; d2 < 0x19; d2++) for (const off of [1, 7]) records.push(ev(0x2b, 0x6f, 0x80 | off, d2));
      for (let d2 = 0; d2 < 6; d2++) records.push(ev(0x08, 0x6f, 0x46, d2), ev(0x08, 0x6f, 0x06, d2));
      for (const et of [0x01, 0x02, 0x03, 0x07, 0x0a, 0x0b, 0x70]) for (let off = 0; off < 12; off++) records.push(ev(0x01 + (off % 4), et, 0x50 | off, 0x12, 0x34));
      records.push(
        { kind: 'oemTimestamped', recordId: 0, recordType: 0xc1, timestamp: 0x68000000, manufacturerId: 0x00a2b3, oemData: Buffer.from('010203040506', 'hex') },
        { kind: 'oemNonTimestamped', recordId: 0, recordType: 0xe2, oemData: Buffer.from('0102030405060708090a0b0c0d', 'hex') },
      );
      for (const r of records) await dev.client.call(AddSelEntry, r);
      const args = ['-H', '127.0.0.1', '-p', String(v.port), '-U', 'admin', '-P', 'password', 'sel', 'list'];
      const theirs = await run('ipmitool', args, { timeout: 60000 });
      const mine = await ours(args);
      assert.equal(theirs.stdout.split('\n').length, records.length + 2);
      assert.deepEqual(mine.stdout.split('\n'), theirs.stdout.split('\n'));
    } finally {
      await dev.close();
      await v.close();
    }
  });
});
