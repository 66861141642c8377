import assert from 'node:assert/strict';
import { VirtualBmc } from '../../src/bmc/device';
import { LanServer } from '../../src/bmc/server';
import { standardHandlers } from '../../src/bmc/handlers';
import { sessionHandlers } from '../../src/bmc/handlers/session';
import { loadProfileRef } from '../../src/profile';
import type { ProfileSpec } from '../../src/profile/types';
import { silentLogger } from '../../src/lib/logger';
import { ManualClock } from '../../src/lib/clock';
import { TransportError } from '../../src/lib/errors';
import { BmcDevice, IpmiClient, InProcessLink, LanLink, connect } from '../../src/client';
import { GetDeviceId, SetUserName } from '../../src/codec/commands/app';

/** The in-process link: a VirtualBmc in this process, reached through its dispatcher. */
describe('client: in-process link to a virtual BMC', () => {
  const profile = { ...loadProfileRef('dell-poweredge-r650'), users: [{ name: 'admin', password: 'password', privilege: 'administrator' }] } as ProfileSpec;
  let bmc: VirtualBmc;
  let server: LanServer;
  let port: number;
  before(async () => {
    bmc = new VirtualBmc({ name: 'inproc', profile, log: silentLogger, handlers: [...standardHandlers, ...sessionHandlers], clock: new ManualClock(Date.UTC(2026, 5, 1, 12)) });
    server = new LanServer(bmc);
    port = (await server.listen('127.0.0.1', 0)).port;
  });
  after(async () => {
    await server.close();
    bmc.close();
  });

  it('reads the same SDRs, readings, SEL and FRU as the LAN link to the same BMC', async () => {
    const local = new BmcDevice(new IpmiClient(new InProcessLink(bmc)));
    const remote = new BmcDevice(new IpmiClient(new LanLink({ host: '127.0.0.1', port, user: 'admin', password: 'password' })));
    try {
      assert.deepEqual(await local.sdrs(), await remote.sdrs());
      const strip = (rs: Awaited<ReturnType<BmcDevice['sensors']>>) => rs.map((r) => [r.name, r.value, r.status, r.states]);
      assert.deepEqual(strip(await local.sensors()), strip(await remote.sensors()));
      assert.ok((await local.sensors()).length > 10);
      assert.deepEqual(await local.sel(), await remote.sel());
      assert.deepEqual(await local.fru(0), await remote.fru(0));
      assert.equal(local.client.stats.logins, 0);
      assert.equal(remote.client.stats.logins, 1);
    } finally {
      await local.close();
      await remote.close();
    }
  });

  it('runs on the system interface channel at Administrator, or as configured; closed links refuse', async () => {
    const admin = connect({ kind: 'in-process', bmc });
    await admin.call(SetUserName, { user: { id: 7 }, name: 'inproc' });
    const user = connect({ kind: 'in-process', bmc, privilege: 'user', name: 'dell (read-only)' });
    await assert.rejects(user.call(SetUserName, { user: { id: 7 }, name: 'x' }), /Set User Name: Insufficient privilege level \(0xd4\)/);
    await user.close();
    await assert.rejects(user.call(GetDeviceId, {}), (e: unknown) => e instanceof TransportError && e.message === 'link to dell (read-only) is closed');
  });

  it('accepts a bare dispatch function', async () => {
    const seen: number[] = [];
    const c = new IpmiClient(new InProcessLink(async (req, ctx) => (seen.push(req.cmd, ctx.privilege, ctx.channel), bmc.dispatch(req, ctx))));
    assert.equal((await c.call(GetDeviceId, {})).manufacturerId, 674);
    assert.deepEqual(seen, [0x01, 4, 0x0f]);
  });
});
