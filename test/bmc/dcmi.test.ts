import assert from 'node:assert/strict';
import { NetFn, Privilege } from '../../src/codec/message/netfn';
import type { Harness } from './harness';
import { hwHarness } from './hw';

const G = NetFn.Group;
const CH = NetFn.Chassis;
const T0 = '00 b9 55 69';

describe('bmc: DCMI commands (DCMI v1.5 §6) over the hardware fixture profile', () => {
  let h: Harness;
  beforeEach(() => (h = hwHarness()));
  afterEach(() => h.close());

  it('Get DCMI Capability Info: DCMI 1.5, parameter revision 2, each parameter from the profile', async () => {
    const call = (p: string) => h.call(G, 0x01, `dc ${p}`, { privilege: Privilege.user });
    // Identification, SEL, chassis power, temperature; power management; serial TMODE + primary LAN.
    assert.equal(await call('01'), '00 dc 01 05 02 0f 01 0a');
    // 16 SEL entries, no rollover; GUID + asset tag; inlet, CPU and baseboard temperatures; sampled every second.
    assert.equal(await call('02'), '00 dc 01 05 02 10 00 05 07 01');
    // Power management at slave address 20h (byte 40h), channel 0, revision 1.
    assert.equal(await call('03'), '00 dc 01 05 02 40 01');
    assert.equal(await call('04'), '00 dc 01 05 02 01 ff 02', 'primary LAN 1, no secondary LAN, serial 2');
    assert.equal(await call('05'), '00 dc 01 05 02 02 3c 45', 'rolling averages: 60 s and 5 min');
    assert.equal(await call('06'), 'cc dc');
  });

  it('Get Power Reading: idle + (max - idle) * load, over the statistics period; enhanced mode over a rolling period', async () => {
    // Load 0.5 of 100..300 W = 200 W; 3600 s period; timestamp = SEL time; measurement active.
    assert.equal(await h.call(G, 0x02, 'dc 01 00 00'), `00 dc c8 00 c8 00 c8 00 c8 00 ${T0} 80 ee 36 00 40`);
    assert.equal(await h.call(G, 0x02, 'dc 02 3c 00'), `00 dc c8 00 c8 00 c8 00 c8 00 ${T0} 60 ea 00 00 40`, '3Ch = 60 seconds');
    assert.equal(await h.call(G, 0x02, 'dc 02 01 00'), 'cc dc', '1 s is not a period parameter 5 offers');
    assert.equal(await h.call(G, 0x02, 'dc 03 00 00'), 'cc dc');
  });

  it('the statistics follow power: off for the last 30 s of a 60 s period (61 samples: 30 at 200 W, 31 at 10 W)', async () => {
    assert.equal(await h.call(CH, 0x02, '00'), '00');
    h.clock.advance(30_000);
    // current 10, min 10, max 200, average (30 * 200 + 31 * 10) / 61 = 103.
    assert.equal(await h.call(G, 0x02, 'dc 02 3c 00'), '00 dc 0a 00 0a 00 c8 00 67 00 1e b9 55 69 60 ea 00 00 40');
  });

  it('Get Power Limit: 80h with the values while no limit is active; Set, Activate; an active limit caps the power', async () => {
    assert.equal(await h.call(G, 0x03, 'dc 00 00'), '80 dc 00 00 00 18 01 e8 03 00 00 00 00 01 00', 'no action, 280 W, 1000 ms, 1 s');
    // `ipmitool dcmi power set_limit limit 150` sends the other fields as read.
    assert.equal(await h.call(G, 0x04, 'dc 00 00 00 00 96 00 e8 03 00 00 00 00 01 00', { privilege: Privilege.user }), 'd4', 'dispatch answers D4h before the group byte is echoed');
    assert.equal(await h.call(G, 0x04, 'dc 00 00 00 00 96 00 e8 03 00 00 00 00 01 00', { privilege: Privilege.operator }), '00 dc');
    assert.equal(await h.call(G, 0x05, 'dc 01 00 00'), '00 dc');
    assert.equal(await h.call(G, 0x03, 'dc 00 00'), '00 dc 00 00 00 96 00 e8 03 00 00 00 00 01 00');
    assert.equal((await h.call(G, 0x02, 'dc 01 00 00')).slice(0, 14), '00 dc 96 00 96', 'held to 150 W');
    assert.equal(await h.call(G, 0x05, 'dc 00 00 00'), '00 dc');
    assert.equal((await h.call(G, 0x03, 'dc 00 00')).slice(0, 5), '80 dc');
    assert.equal(await h.call(G, 0x05, 'dc 02 00 00'), 'cc', 'a request that does not decode: dispatch answers without the group byte');
  });

  it('Set Power Limit range checks: 84h below idle, 85h no correction time, 89h no sampling period, CCh reserved action', async () => {
    assert.equal(await h.call(G, 0x04, 'dc 00 00 00 00 50 00 e8 03 00 00 00 00 01 00'), '84 dc', '80 W < 100 W idle');
    assert.equal(await h.call(G, 0x04, 'dc 00 00 00 00 2c 01 00 00 00 00 00 00 01 00'), '85 dc');
    assert.equal(await h.call(G, 0x04, 'dc 00 00 00 00 2c 01 e8 03 00 00 00 00 00 00'), '89 dc');
    assert.equal(await h.call(G, 0x04, 'dc 00 00 00 12 2c 01 e8 03 00 00 00 00 01 00'), 'cc dc');
  });

  it('asset tag: FRU 0 product asset tag until set; Set writes chunks, the tag ends after the data', async () => {
    assert.equal(await h.call(G, 0x06, 'dc 00 10'), '00 dc 09 61 73 73 65 74 2d 30 30 37', '"asset-007"');
    assert.equal(await h.call(G, 0x06, 'dc 06 02'), '00 dc 09 30 30');
    assert.equal(await h.call(G, 0x06, 'dc 00 11'), 'cc dc', 'at most 16 bytes per read');
    assert.equal(await h.call(G, 0x08, 'dc 00 03 72 61 63', { privilege: Privilege.operator }), 'd4', 'Administrator only');
    assert.equal(await h.call(G, 0x08, 'dc 00 03 72 61 63'), '00 dc 03');
    assert.equal(await h.call(G, 0x08, 'dc 03 02 6b 31'), '00 dc 05');
    assert.equal(await h.call(G, 0x06, 'dc 00 10'), '00 dc 05 72 61 63 6b 31', '"rack1"');
    assert.equal(await h.call(G, 0x08, 'dc 3c 04 61 61 61 61'), 'cc dc', 'past 63 bytes');
  });

  it('management controller ID string: from the profile; Set with a terminating NUL', async () => {
    assert.equal(await h.call(G, 0x09, 'dc 00 10'), '00 dc 08 54 65 73 74 20 42 4d 43', '"Test BMC"');
    assert.equal(await h.call(G, 0x0a, 'dc 00 04 6e 6f 64 00'), '00 dc 03');
    assert.equal(await h.call(G, 0x09, 'dc 00 10'), '00 dc 03 6e 6f 64');
  });

  it('Get DCMI Sensor Info and Get Temperature Readings by DCMI or IPMI entity ID', async () => {
    assert.equal(await h.call(G, 0x07, 'dc 01 40 00 01'), '00 dc 01 01 02 00', 'inlet: record 2');
    assert.equal(await h.call(G, 0x07, 'dc 01 37 00 01'), '00 dc 01 01 02 00', 'entity 37h selects the same');
    assert.equal(await h.call(G, 0x07, 'dc 01 41 01 00'), '00 dc 01 01 01 00', 'CPU instance 1: record 1');
    assert.equal(await h.call(G, 0x07, 'dc 01 41 02 00'), '00 dc 01 00', 'no instance 2');
    assert.equal(await h.call(G, 0x10, 'dc 01 40 00 01'), '00 dc 01 01 18 01', 'inlet 24 C, instance 1');
    assert.equal(await h.call(G, 0x10, 'dc 01 41 00 01'), '00 dc 01 01 30 01');
    assert.equal(await h.call(G, 0x10, 'dc 01 42 00 01'), '00 dc 01 01 28 01', 'baseboard 40 C');
    assert.equal(await h.call(G, 0x10, 'dc 02 40 00 01'), 'cc dc', 'temperature sensors only');
    assert.equal(await h.call(G, 0x10, 'dc 01 50 00 01'), 'cc dc', 'not a DCMI entity');
  });

  it('a profile without a dcmi section has no DCMI (C1h)', async () => {
    h.close();
    h = hwHarness({ profile: { dcmi: undefined } });
    assert.equal(await h.call(G, 0x01, 'dc 01'), 'c1 dc');
    assert.equal(await h.call(G, 0x02, 'dc 01 00 00'), 'c1 dc');
  });
});
