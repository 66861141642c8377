import assert from 'node:assert/strict';
import { startTestBmc, RunningBmc } from '../helpers/test-bmc';
import { sessionHandlers } from '../../src/bmc/handlers/session';
import { handle } from '../../src/bmc/dispatch';
import { GetDeviceId } from '../../src/codec/commands/app';
import { requirePeers, run } from '../helpers/peers';

describe('ipmitool sessions against the virtual BMC (smoke)', function () {
  requirePeers(this, ['ipmitool']);
  let b: RunningBmc;
  before(async () => {
    b = await startTestBmc([
      ...sessionHandlers,
      handle(GetDeviceId, () => ({
        deviceId: 0x20, revision: { providesSdrs: true, deviceRevision: 1 }, firmware: { updateInProgress: false, major: 2 }, firmwareMinor: 5,
        ipmiVersion: 0x02, support: { chassis: true, bridge: false, ipmbEventGenerator: true, ipmbEventReceiver: true, fru: true, sel: true, sdrRepository: true, sensor: true },
        manufacturerId: 0xa2b3, productId: 0x1234,
      })),
    ]);
  });
  after(() => b.close());
  const it_ = (iface: string[]) => ['-H', '127.0.0.1', '-p', String(b.port), '-U', 'admin', '-P', 'password', ...iface, 'raw', '0x06', '0x01'];
  for (const iface of [['-I', 'lanplus', '-C', '3'], ['-I', 'lanplus', '-C', '17'], ['-I', 'lanplus'], ['-I', 'lan']]) {
    it(`raw 0x06 0x01 over ${iface.join(' ')}`, async () => {
      const r = await run('ipmitool', it_(iface), { timeout: 15000 });
      assert.equal(r.stderr, '');
      assert.equal(r.stdout.trim(), '20 81 02 05 02 bf b3 a2 00 34 12');
    });
  }
});
