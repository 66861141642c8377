import assert from 'node:assert/strict';
import { requirePeers } from '../helpers/peers';
import { IpmiSim, startIpmiSim } from './helpers/ipmi-sim';
import { IpmiClient, LanLink, LanOptions } from '../../src/client';
import { GetDeviceId } from '../../src/codec/commands/app';
import { AuthType } from '../../src/codec/session/algorithms';
import { SessionError } from '../../src/lib/errors';
import { RunningBmc, startTestBmc, testProfile } from '../helpers/test-bmc';
import { standardHandlers } from '../../src/bmc/handlers';
import { sessionHandlers } from '../../src/bmc/handlers/session';

/**
 * The client's IPMI v1.5 MD2 sessions (our RFC 1319 MD2, session/md2.ts) against OpenIPMI
 * ipmi_sim with MD2 allowed in its lan.conf: ipmi_sim's MD2 is its own, so a session that works
 * proves the AuthCodes on both sides.
 */
describe('client: IPMI v1.5 MD2 sessions', function () {
  requirePeers(this, ['ipmi_sim']);
  this.timeout(60000);
  let sim: IpmiSim;
  let bmc: RunningBmc;
  before(async () => {
    sim = await startIpmiSim({ lanConf: (t) => t.replace(/^(\s+allowed_auths_\w+) md5/gm, '$1 md2 md5').replace(/^(  user 2 true .*admin\s+10) md5/m, '$1 md2 md5') });
    const t = testProfile();
    bmc = await startTestBmc([...standardHandlers, ...sessionHandlers], testProfile({ security: { ...t.security, authTypes: ['md2'] } }));
  });
  after(async () => {
    await sim?.stop();
    await bmc?.close();
  });
  const opts = (port: number, o: Partial<LanOptions> = {}): LanOptions => ({ host: '127.0.0.1', port, user: 'admin', password: 'password', interface: 'lan', timeoutMs: 500, retries: 1, ...o });

  it('authType md2 against ipmi_sim: a session, Get Device ID, Close Session', async () => {
    const c = new IpmiClient(new LanLink(opts(sim.port, { authType: 'md2' })));
    try {
      const id = await c.call(GetDeviceId, {});
      assert.equal(id.deviceId, 0x20);
    } finally {
      await c.close();
    }
  });

  it('a wrong password with MD2: ipmi_sim drops the Activate Session, the client says so', async () => {
    const c = new IpmiClient(new LanLink(opts(sim.port, { authType: 'md2', password: 'wrong' })));
    try {
      await assert.rejects(c.call(GetDeviceId, {}), (e: unknown) => e instanceof SessionError && /did not answer Activate Session for user 'admin': BMCs drop it when the password \(AuthCode\) is wrong/.test(e.message));
    } finally {
      await c.close();
    }
  });

  it('no authType asked for, a BMC offering only MD2: the client picks MD2', async () => {
    const c = new IpmiClient(new LanLink(opts(bmc.port)));
    try {
      await c.call(GetDeviceId, {});
      assert.deepEqual([...bmc.bmc.sessions.active.values()].map((s) => s.authType), [AuthType.Md2]);
    } finally {
      await c.close();
    }
  });
});
