import assert from 'node:assert/strict';
import { requirePeers, run } from '../helpers/peers';
import { RunningBmc, startTestBmc, testProfile } from '../helpers/test-bmc';
import { standardHandlers } from '../../src/bmc/handlers';
import { sessionHandlers } from '../../src/bmc/handlers/session';

/**
 * IPMI v1.5 MD2 authentication (v2.0 §22.17.1) against FreeIPMI, whose MD2 is its own (ipmitool's
 * comes from OpenSSL, which no longer has it: "No internal support for MD2"). Offered only when a
 * profile lists md2.
 */
describe('IPMI v1.5 MD2 authentication with FreeIPMI', function () {
  requirePeers(this, ['bmc-info']);
  this.timeout(60_000);
  let withMd2: RunningBmc;
  let without: RunningBmc;
  before(async () => {
    const t = testProfile();
    withMd2 = await startTestBmc([...standardHandlers, ...sessionHandlers], testProfile({ security: { ...t.security, authTypes: ['md2', 'md5', 'password'] } }));
    without = await startTestBmc([...standardHandlers, ...sessionHandlers]);
  });
  after(async () => {
    await withMd2.close();
    await without.close();
  });
  const bmcInfo = (b: RunningBmc, password: string) =>
    run('bmc-info', ['-h', `127.0.0.1:${b.port}`, '-u', 'admin', '-p', password, '-D', 'LAN', '-a', 'MD2', '--session-timeout=3000', '--get-device-id']);

  it('bmc-info -D LAN -a MD2 logs in and reads the device ID', async () => {
    const r = await bmcInfo(withMd2, 'password');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Device ID\s+: 32$/m);
    assert.match(r.stdout, /^IPMI Version\s+: 2\.0$/m);
  });

  it('a wrong password: the Activate Session is dropped, FreeIPMI gives up', async () => {
    const r = await bmcInfo(withMd2, 'not-the-password');
    assert.equal(r.stderr.trim(), 'bmc-info: password verification timeout');
    assert.equal(withMd2.bmc.sessions.active.size, 0);
  });

  it('MD2 not in the profile (the secure default): refused before any session', async () => {
    const r = await bmcInfo(without, 'password');
    assert.equal(r.stderr.trim(), 'bmc-info: authentication type unavailable for attempted privilege level');
  });
});
