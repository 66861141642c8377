import assert from 'node:assert/strict';
import { LanParam, lanParameters } from '../../../../src/codec/commands/transport/lan-parameters';
import { describeCodec } from '../../../helpers/vectors';
import { encode } from '../../../../src/codec/fields';

const all = { oem: false, password: true, md5: true, md2: true, none: true };
const none = { oem: false, password: false, md5: false, md2: false, none: false };

describeCodec('Authentication Type Enables (v2.0 §23.1, Table 23-4, parameter 2)', LanParam.authTypeEnables.codec, [
  {
    name: 'ipmi_sim: all four types for every level, none for OEM',
    source: 'capture: ipmitool 1.8.19 `raw 0x0c 0x02 0x01 0x02 0x00 0x00` against ipmi_sim 2.0.33',
    hex: '17 17 17 17 00',
    value: { callback: all, user: all, operator: all, administrator: all, oem: none },
  },
]);
describeCodec('IP Address (parameter 3)', LanParam.ipAddress.codec, [
  { name: '10.1.2.3', source: 'ipmitool 1.8.19 `lan set 1 ipaddr 10.1.2.3` (MS byte first)', hex: '0a 01 02 03', value: '10.1.2.3' },
], [{ name: 'three bytes', hex: '0a 01 02', reason: 'short' }]);
describeCodec('IP Address Source (parameter 4)', LanParam.ipAddressSource.codec, [
  { name: 'static', source: 'v2.0 §23.1, Table 23-4 (1h)', hex: '01', value: { source: 1 } },
]);
describeCodec('MAC Address (parameter 5)', LanParam.macAddress.codec, [
  { name: '52:54:00:12:34:56', source: 'v2.0 §23.1, Table 23-4 (6 bytes, MS first)', hex: '52 54 00 12 34 56', value: '52:54:00:12:34:56' },
]);
describeCodec('IPv4 Header Parameters (parameter 7)', LanParam.ipv4Header.codec, [
  {
    name: 'spec defaults: TTL 40h, don\'t fragment, TOS minimize delay',
    source: 'v2.0 §23.1, Table 23-4 (40h 40h 10h)',
    hex: '40 40 10',
    value: { ttl: 0x40, flags: { flags: 2 }, service: { precedence: 0, tos: 8 } },
  },
]);
describeCodec('Community String (parameter 16)', LanParam.communityString.codec, [
  { name: 'public', source: 'capture: ipmi_sim 2.0.33 parameter 16', hex: '70 75 62 6c 69 63' + ' 00'.repeat(12), value: 'public' },
]);
describeCodec('802.1q VLAN ID (parameter 20)', LanParam.vlanId.codec, [
  { name: 'disabled', source: 'capture: ipmi_sim 2.0.33 parameter 20 (00 00)', hex: '00 00', value: { enabled: false, id: 0 } },
  { name: 'VLAN 300 enabled', source: 'v2.0 §23.1, Table 23-4 (ID LS byte, then enable bit 7 + ID [11:8])', hex: '2c 81', value: { enabled: true, id: 300 } },
]);
describeCodec('Cipher Suite Entry Support (parameter 22)', LanParam.cipherSuiteEntrySupport.codec, [
  { name: '15 entries', source: 'capture: ipmi_sim 2.0.33 parameter 22', hex: '0f', value: { count: 15 } },
]);
describeCodec('Cipher Suite Entries (parameter 23)', LanParam.cipherSuiteEntries.codec, [
  { name: 'suites 3 and 17', source: 'v2.0 §23.1, Table 23-4 (reserved byte, then IDs)', hex: '00 03 11', value: [3, 17] },
], [{ name: '17 IDs', hex: '00' + ' 01'.repeat(17), reason: 'oversize' }]);
describeCodec('Cipher Suite Privilege Levels (parameter 24)', LanParam.cipherSuitePrivileges.codec, [
  {
    name: 'suites 0-2 administrator, suite 3 operator, rest unused',
    source: 'v2.0 §23.1, Table 23-4 (low nibble of byte 2 = suite 0; FreeIPMI 1.6 ipmi-config indexes by ID)',
    hex: '00 44 34 00 00 00 00 00 00',
    value: [4, 4, 4, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  },
]);

describe('LAN parameter table', () => {
  it('marks parameters 1, 17, 22 and 23 read-only', () => {
    assert.deepEqual(lanParameters.all().filter((p) => p.readOnly).map((p) => p.id), [1, 17, 22, 23]);
  });
  it('refuses to encode a malformed address', () => {
    assert.throws(() => encode(LanParam.ipAddress.codec, '10.1.2'), RangeError);
    assert.throws(() => encode(LanParam.macAddress.codec, '52:54:00:12:34'), RangeError);
  });
});
