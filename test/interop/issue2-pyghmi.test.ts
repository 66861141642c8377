import assert from 'node:assert/strict';
import { RunningBmc } from '../helpers/test-bmc';
import { DEBIAN_PYTHON, requirePeers, run } from '../helpers/peers';
import { startIssue2Bmc } from './issue2-common';

/** pyghmi's Command calls from issue 2, one Python run printing a JSON object. */
const SCRIPT = `
import json, sys
from pyghmi.ipmi import command
c = command.Command('127.0.0.1', 'admin', 'password', port=int(sys.argv[1]))
out = {}
out['power'] = c.get_power()
out['off'] = c.set_power('off', wait=True)
out['on'] = c.set_power('on', wait=True)
out['reset'] = c.set_power('reset', wait=True)
out['bootdev0'] = c.get_bootdev()
out['setboot'] = c.set_bootdev('network')
out['bootdev1'] = c.get_bootdev()
c.set_bootdev('hd', persist=True, uefiboot=True)
out['bootdev2'] = c.get_bootdev()
raw = c.raw_command(netfn=6, command=1)
out['raw'] = {'code': raw['code'], 'data': list(raw['data'])}
out['users'] = {str(k): v for k, v in c.get_users().items()}
out['net'] = c.get_net_configuration()
print(json.dumps(out))
`;

describe('issue 2: pyghmi Command against the virtual BMC', function () {
  requirePeers(this, [], ['pyghmi']);
  this.timeout(60000);
  let b: RunningBmc;
  before(async () => {
    b = await startIssue2Bmc({ powerOnDelayMs: 300 });
  });
  after(() => b.close());

  it('get/set power (with wait), get/set bootdev, raw_command, get_users, get_net_configuration', async () => {
    const r = await run(DEBIAN_PYTHON, ['-c', SCRIPT, String(b.port)], { timeout: 50000 });
    assert.equal(r.status, 0, r.stderr);
    const o = JSON.parse(r.stdout);
    assert.deepEqual(o.power, { powerstate: 'on' });
    assert.deepEqual(o.off, { powerstate: 'off' });
    assert.deepEqual(o.on, { powerstate: 'on' }, 'waited through the 300 ms power-on delay');
    assert.deepEqual(o.reset, { pendingpowerstate: 'reset' });
    assert.deepEqual(o.bootdev0, { bootdev: 'default', persistent: true });
    assert.deepEqual(o.setboot, { bootdev: 'network' });
    assert.deepEqual(o.bootdev1, { bootdev: 'network', persistent: false, uefimode: false });
    assert.deepEqual(o.bootdev2, { bootdev: 'hd', persistent: true, uefimode: true });
    assert.deepEqual(o.raw, { code: 0, data: [0x20, 0x01, 0x02, 0x48, 0x02, 0x9f, 0x57, 0x01, 0x00, 0x2c, 0x0b, 0x00, 0x00, 0x00, 0x00] });
    assert.deepEqual(Object.keys(o.users), ['2', '3', '4']);
    assert.deepEqual(o.users['3'].access, { callback: false, link_auth: true, ipmi_msg: true, privilege_level: 'operator' });
    assert.deepEqual(o.net, {
      ipv4_address: '192.0.2.10/24',
      ipv4_configuration: 'Static',
      mac_address: '02:00:5e:10:00:10',
      ipv4_gateway: '192.0.2.1',
      ipv4_backup_gateway: null,
      ipv4_gateway_mac: '02:00:5e:10:00:01',
      ipv4_backup_gateway_mac: null,
    });
  });
});
