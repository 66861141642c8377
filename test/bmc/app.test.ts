import assert from 'node:assert/strict';
import { NetFn, Privilege } from '../../src/codec/message/netfn';
import { harness, Harness } from './harness';

const zeros = (n: number) => Array(n).fill('00').join(' ');
const APP = NetFn.App;

describe('bmc: App commands (v2.0 §20, §22, §24)', () => {
  let h: Harness;
  beforeEach(() => (h = harness()));
  afterEach(() => h.close());

  it('Get Device ID reports the profile identity', async () => {
    // 20h, rev 1, fw 2.10 (BCD 10h), IPMI 2.0, support 9Fh, Dell 674 = A2 02 00, product 0100h
    assert.equal(await h.call(APP, 0x01), '00 20 01 02 10 02 9f a2 02 00 00 01');
  });

  it('Get Device GUID and Get System GUID send the GUID bytes reversed', async () => {
    assert.equal(await h.call(APP, 0x08), '00 f0 e0 d1 c2 b3 a4 95 86 78 49 5a 4b 3c 2d 1e 0f');
    assert.equal(await h.call(APP, 0x37), '00 ff ee dd cc bb aa 99 88 78 47 66 55 44 33 22 11');
  });

  it('Get System GUID needs no session; Get Device GUID needs User', async () => {
    assert.equal(await h.call(APP, 0x37, '', { privilege: 0 }), '00 ff ee dd cc bb aa 99 88 78 47 66 55 44 33 22 11');
    assert.equal(await h.call(APP, 0x08, '', { privilege: 0 }), 'd4');
  });

  it('Get Self Test Results: all passed', async () => {
    assert.equal(await h.call(APP, 0x04), '00 55 00');
  });

  it('Cold Reset needs Administrator and reports a BMC reset', async () => {
    assert.equal(await h.call(APP, 0x02, '', { privilege: Privilege.operator }), 'd4');
    assert.equal(await h.call(APP, 0x02), '00');
    assert.deepEqual(h.events, [{ type: 'bmc-reset', kind: 'cold' }]);
    assert.equal(await h.call(APP, 0x03), '00');
    assert.deepEqual(h.events.at(-1), { type: 'bmc-reset', kind: 'warm' });
  });

  it('ACPI power state follows power and Set ACPI Power State', async () => {
    assert.equal(await h.call(APP, 0x07), '00 00 00');
    assert.equal(await h.call(APP, 0x06, '85 7f'), '00');
    assert.equal(await h.call(APP, 0x07), '00 05 00');
    assert.equal(await h.call(APP, 0x06, '8b 00'), 'cc', 'state 0Bh is reserved');
    assert.equal(await h.call(NetFn.Chassis, 0x02, '00'), '00');
    assert.equal(await h.call(APP, 0x07), '00 05 03', 'powered off: S5/G2, D3');
  });

  it('BMC global enables: readable by User, settable only from the system interface', async () => {
    assert.equal(await h.call(APP, 0x2f, '', { privilege: Privilege.user }), '00 08');
    assert.equal(await h.call(APP, 0x2e, '0c'), 'd4');
    assert.equal(await h.call(APP, 0x2e, '0c', { channel: 0x0f }), '00');
    assert.equal(await h.call(APP, 0x2f), '00 0c');
  });

  describe('channels', () => {
    it('Get Channel Info: LAN (0Eh = this channel) and serial; others CCh', async () => {
      assert.equal(await h.call(APP, 0x42, '0e'), '00 01 04 01 80 f2 1b 00 00 00');
      assert.equal(await h.call(APP, 0x42, '02'), '00 02 05 01 40 f2 1b 00 00 00');
      assert.equal(await h.call(APP, 0x42, '03'), 'cc');
      assert.equal(await h.call(APP, 0x42, '0f'), 'cc');
    });

    it('Get/Set Channel Access: volatile and non-volatile copies', async () => {
      assert.equal(await h.call(APP, 0x41, '01 40'), '00 02 04');
      assert.equal(await h.call(APP, 0x41, '01 80'), '00 02 04');
      // non-volatile: user-level auth disabled, always available; volatile privilege limit: Operator
      assert.equal(await h.call(APP, 0x40, '01 4a 83'), '00');
      assert.equal(await h.call(APP, 0x41, '01 40'), '00 0a 04');
      assert.equal(await h.call(APP, 0x41, '01 80'), '00 02 03');
      assert.equal(await h.call(APP, 0x41, '01 00'), 'cc', 'selector 00b is reserved');
      assert.equal(await h.call(APP, 0x40, '01 00 80'), 'cc', 'privilege limit 0');
      assert.equal(await h.call(APP, 0x40, '01 4a 83', { privilege: Privilege.operator }), 'd4');
    });

    it('Get Channel Payload Support: IPMI messages, SOL and RMCP+ setup on LAN only', async () => {
      assert.equal(await h.call(APP, 0x4e, '01'), '00 03 00 3f 00 00 00 00 00');
      assert.equal(await h.call(APP, 0x4e, '02'), 'cc');
    });
  });

  describe('users', () => {
    it('Get User Access and Get User Name as `ipmitool user list 1` reads them', async () => {
      // max 10; user 2 enabled (01b) of 3 enabled; 1 fixed name; link auth, messaging, Administrator
      assert.equal(await h.call(APP, 0x44, '01 02'), '00 0a 43 01 34');
      assert.equal(await h.call(APP, 0x44, '01 03'), '00 0a 43 01 33', 'user 3 is Operator');
      assert.equal(await h.call(APP, 0x44, '01 04'), '00 0a 43 01 32', 'user 4 is User');
      assert.equal(await h.call(APP, 0x44, '01 05'), '00 0a 83 01 0f', 'user 5 is an empty slot');
      assert.equal(await h.call(APP, 0x44, '01 01'), '00 0a 83 01 0f', 'the null user is disabled, no access');
      assert.equal(await h.call(APP, 0x46, '02'), '00 61 64 6d 69 6e ' + zeros(11));
      assert.equal(await h.call(APP, 0x46, '05'), '00 ' + zeros(16));
      assert.equal(await h.call(APP, 0x44, '01 00'), 'cc');
      assert.equal(await h.call(APP, 0x44, '01 0b'), 'cc');
      assert.equal(await h.call(APP, 0x46, '0b'), 'cc');
    });

    it('user management needs Administrator; reading it needs Operator', async () => {
      assert.equal(await h.call(APP, 0x44, '01 02', { privilege: Privilege.user }), 'd4');
      assert.equal(await h.call(APP, 0x46, '02', { privilege: Privilege.user }), 'd4');
      assert.equal(await h.call(APP, 0x45, '05 62 6f 62' + ' 00'.repeat(13), { privilege: Privilege.operator }), 'd4');
      assert.equal(await h.call(APP, 0x47, '05 01', { privilege: Privilege.operator }), 'd4');
      assert.equal(await h.call(APP, 0x43, '01 05 04', { privilege: Privilege.operator }), 'd4');
    });

    it('a new user: name, password, access, enable (ipmitool user set name/password/priv/enable)', async () => {
      assert.equal(await h.call(APP, 0x45, '05 61 6c 69 63 65' + ' 00'.repeat(11)), '00');
      assert.equal(await h.call(APP, 0x46, '05'), '00 61 6c 69 63 65 ' + zeros(11));
      assert.equal(await h.call(APP, 0x47, '05 02 73 65 63 72 65 74' + ' 00'.repeat(10)), '00');
      assert.equal(await h.call(APP, 0x43, 'b1 05 04'), '00');
      assert.equal(await h.call(APP, 0x44, '01 05'), '00 0a 83 01 34', 'still disabled');
      assert.equal(await h.call(APP, 0x47, '05 01' + ' 00'.repeat(16)), '00');
      assert.equal(await h.call(APP, 0x44, '01 05'), '00 0a 44 01 34', 'enabled: 4 users now');
      // ipmitool `user priv 5 2 1`: change bit clear, only the limit changes
      assert.equal(await h.call(APP, 0x43, '01 05 02 00'), '00');
      assert.equal(await h.call(APP, 0x44, '01 05'), '00 0a 44 01 32');
      const u = h.bmc.users.get(5)!;
      assert.equal(u.name, 'alice');
      assert.equal(u.password.toString(), 'secret');
      assert.equal(u.password20, false);
      assert.equal(await h.call(APP, 0x47, '05 00'), '00');
      assert.equal(await h.call(APP, 0x44, '01 05'), '00 0a 83 01 32', 'disabled again');
    });

    it('Set User Password test: 00h when it matches, 80h when not, 81h for the other size', async () => {
      const pw16 = '70 61 73 73 77 6f 72 64' + ' 00'.repeat(8);
      assert.equal(await h.call(APP, 0x47, '02 03 ' + pw16), '00');
      assert.equal(await h.call(APP, 0x47, '02 03 70 61 73 73' + ' 00'.repeat(12)), '80');
      assert.equal(await h.call(APP, 0x47, '82 03 ' + pw16 + ' 00 00 00 00'), '81');
      // store a 20-byte password, then only the 20-byte test passes
      const pw20 = Array(20).fill('41').join(' ');
      assert.equal(await h.call(APP, 0x47, '82 02 ' + pw20), '00');
      assert.equal(await h.call(APP, 0x47, '82 03 ' + pw20), '00');
      assert.equal(await h.call(APP, 0x47, '02 03 ' + Array(16).fill('41').join(' ')), '81');
      assert.equal(h.bmc.users.key(h.bmc.users.get(2)!).toString('hex'), '41'.repeat(20));
    });

    it('Set User Password: set/test need exactly 16 or 20 bytes (C7h)', async () => {
      assert.equal(await h.call(APP, 0x47, '02 02 41 42'), 'c7');
      assert.equal(await h.call(APP, 0x47, '82 02' + ' 41'.repeat(16)), 'c7');
    });

    it('the null user: name fixed, cannot be enabled unless anonymous login is allowed', async () => {
      assert.equal(await h.call(APP, 0x47, '01 01'), 'd6');
      assert.equal(await h.call(APP, 0x45, '01 61' + ' 00'.repeat(15)), 'cc');
      const anon = harness({ profile: { security: { ...h.bmc.profile.security, allowAnonymous: true } } });
      try {
        assert.equal(await anon.call(APP, 0x44, '01 01'), '00 0a 44 01 32', 'enabled at User when allowed');
        assert.equal(await anon.call(APP, 0x47, '01 00'), '00');
        assert.equal(await anon.call(APP, 0x47, '01 01'), '00');
      } finally {
        anon.close();
      }
    });
  });

  describe('system info parameters', () => {
    it('reads firmware version and system name from the profile', async () => {
      assert.equal(await h.call(APP, 0x59, '00 01 00 00'), '00 11 00 00 05 31 2e 34 2e 32 ' + zeros(9));
      assert.equal(await h.call(APP, 0x59, '00 02 00 00'), '00 11 00 00 06 6e 6f 64 65 30 31 ' + zeros(8));
      assert.equal(await h.call(APP, 0x59, '00 02 01 00'), '00 11 01 ' + zeros(16));
      assert.equal(await h.call(APP, 0x59, '80 01 00 00'), '00 11');
      assert.equal(await h.call(APP, 0x59, '00 05 00 00'), '80');
      assert.equal(await h.call(APP, 0x59, '00 01 10 00'), 'cc', 'set selector 16');
    });

    it('ipmitool `mc setsysinfo system_name` writes what getsysinfo reads back', async () => {
      const name = Buffer.from('rack7-node12-long').toString('hex').replace(/(..)(?!$)/g, '$1 ');
      // 17 bytes: set 0 carries 14, set 1 the remaining 3
      assert.equal(await h.call(APP, 0x58, '02 00 00 11 ' + name.slice(0, 14 * 3 - 1)), '00');
      assert.equal(await h.call(APP, 0x58, '02 01 ' + name.slice(14 * 3) + ' ' + zeros(13)), '00');
      assert.equal(h.bmc.systemInfo.text(2), 'rack7-node12-long');
      assert.equal(await h.call(APP, 0x59, '00 02 01 00'), '00 11 01 6f 6e 67 ' + zeros(13));
      assert.equal(await h.call(APP, 0x58, '02 00 00 11'), 'c7');
      assert.equal(await h.call(APP, 0x58, '02 10' + ' 00'.repeat(16)), 'cc');
      assert.equal(await h.call(APP, 0x58, '02 00 00 11 ' + name.slice(0, 14 * 3 - 1), { privilege: Privilege.operator }), 'd4');
    });

    it('Set In Progress: 81h when already in progress', async () => {
      assert.equal(await h.call(APP, 0x58, '00 01'), '00');
      assert.equal(await h.call(APP, 0x59, '00 00 00 00'), '00 11 01');
      assert.equal(await h.call(APP, 0x58, '00 01'), '81');
      assert.equal(await h.call(APP, 0x58, '00 03'), 'cc');
      assert.equal(await h.call(APP, 0x58, '00 00'), '00');
    });
  });
});
