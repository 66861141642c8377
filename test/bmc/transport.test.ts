import assert from 'node:assert/strict';
import { NetFn, Privilege } from '../../src/codec/message/netfn';
import { harness, Harness } from './harness';

const TR = NetFn.Transport;
const get = (h: Harness, param: number, o?: { privilege?: number; channel?: number }) =>
  h.call(TR, 0x02, `01 ${param.toString(16).padStart(2, '0')} 00 00`, o);

describe('bmc: LAN configuration parameters (v2.0 §23.1, Table 23-4)', () => {
  let h: Harness;
  beforeEach(() => (h = harness()));
  afterEach(() => h.close());

  it('answers every parameter `ipmitool lan print 1` reads, from the profile', async () => {
    const expected: Record<number, string> = {
      0: '00 11 00',
      1: '00 11 14', // MD5 and straight password supported
      2: '00 11 14 14 14 14 00',
      3: '00 11 c0 a8 00 78',
      4: '00 11 01',
      5: '00 11 52 54 00 12 34 56',
      6: '00 11 ff ff ff 00',
      7: '00 11 40 40 10',
      10: '00 11 02',
      11: '00 11 04',
      12: '00 11 c0 a8 00 01',
      13: '00 11 00 00 00 00 00 00',
      14: '00 11 00 00 00 00',
      15: '00 11 00 00 00 00 00 00',
      16: '00 11 70 75 62 6c 69 63 00 00 00 00 00 00 00 00 00 00 00 00',
      20: '00 11 00 00',
      21: '00 11 00',
      22: '00 11 02',
      23: '00 11 00 03 11',
      24: '00 11 00 00 40 00 00 00 00 00 00', // suite 3 (high nibble of byte 2): Administrator; 17 has no nibble
      26: '80',
    };
    for (const [p, want] of Object.entries(expected)) assert.equal(await get(h, Number(p)), want, `parameter ${p}`);
    assert.equal(await h.call(TR, 0x02, '81 03 00 00'), '00 11', 'revision only');
  });

  it('`ipmitool lan set 1 ipaddr 10.1.2.3`: lock, write, read back, commit, unlock', async () => {
    assert.equal(await get(h, 0), '00 11 00');
    assert.equal(await h.call(TR, 0x01, '01 00 01'), '00');
    assert.equal(await get(h, 0), '00 11 01');
    assert.equal(await h.call(TR, 0x01, '01 03 0a 01 02 03'), '00');
    assert.equal(await get(h, 3), '00 11 0a 01 02 03');
    assert.equal(await h.call(TR, 0x01, '01 00 02'), '00');
    assert.equal(await h.call(TR, 0x01, '01 00 00'), '00');
    assert.equal(await get(h, 0), '00 11 00');
    assert.equal(h.bmc.lan.ipAddress(), '10.1.2.3');
  });

  it('refuses read-only, unknown and malformed writes with their codes', async () => {
    assert.equal(await h.call(TR, 0x01, '01 01 15'), '82');
    assert.equal(await h.call(TR, 0x01, '01 16 01'), '82');
    assert.equal(await h.call(TR, 0x01, '01 17 00 03'), '82');
    assert.equal(await h.call(TR, 0x01, '01 1a 00'), '80');
    assert.equal(await h.call(TR, 0x01, '01 03 0a 01 02'), 'c7');
    assert.equal(await h.call(TR, 0x01, '01 03 0a 01 02 03 04'), 'c7');
    assert.equal(await h.call(TR, 0x01, '01 04 05'), 'cc', 'IP source 5 is reserved');
    assert.equal(await h.call(TR, 0x01, '01 00 01'), '00');
    assert.equal(await h.call(TR, 0x01, '01 00 01'), '81');
    assert.equal(await h.call(TR, 0x01, '01 00 03'), 'cc');
  });

  it('auth type enables must be a subset of the supported types', async () => {
    // Read first, so that a value remembered from before the write would show.
    assert.deepEqual(h.bmc.lan.authTypesEnabled(Privilege.administrator), { oem: false, password: true, md5: true, md2: false, none: false });
    assert.equal(await h.call(TR, 0x01, '01 02 15 14 14 14 00'), 'cc', '"none" is not supported');
    assert.equal(await h.call(TR, 0x01, '01 02 00 04 04 04 00'), '00');
    assert.equal(await get(h, 2), '00 11 00 04 04 04 00');
    assert.deepEqual(h.bmc.lan.authTypesEnabled(Privilege.administrator), { oem: false, password: false, md5: true, md2: false, none: false });
  });

  it('cipher suite privilege levels and VLAN are writable', async () => {
    assert.equal(h.bmc.lan.cipherSuiteMaxPrivilege(3), Privilege.administrator, 'before the write');
    assert.equal(await h.call(TR, 0x01, '01 18 00 00 30 00 00 00 00 00 00'), '00');
    assert.equal(h.bmc.lan.cipherSuiteMaxPrivilege(3), Privilege.operator);
    assert.equal(h.bmc.lan.cipherSuiteMaxPrivilege(17), Privilege.administrator, 'no nibble for 17');
    assert.equal(h.bmc.lan.cipherSuiteMaxPrivilege(1), 0, 'not offered');
    assert.equal(await h.call(TR, 0x01, '01 18 00 46 00 00 00 00 00 00 00'), 'cc', 'level 6');
    assert.equal(await h.call(TR, 0x01, '01 14 2c 81'), '00');
    assert.equal(await get(h, 20), '00 11 2c 81');
  });

  it('only the LAN channel has LAN parameters; reading needs Operator, writing Administrator', async () => {
    assert.equal(await h.call(TR, 0x02, '0e 03 00 00'), '00 11 c0 a8 00 78', '0Eh = this channel');
    assert.equal(await h.call(TR, 0x02, '02 03 00 00'), 'cc');
    assert.equal(await h.call(TR, 0x02, '0e 03 00 00', { channel: 2 }), 'cc', '0Eh from the serial channel');
    assert.equal(await get(h, 3, { privilege: Privilege.user }), 'd4');
    assert.equal(await get(h, 3, { privilege: Privilege.operator }), '00 11 c0 a8 00 78');
    assert.equal(await h.call(TR, 0x01, '01 03 0a 01 02 03', { privilege: Privilege.operator }), 'd4');
  });
});
