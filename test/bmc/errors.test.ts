import assert from 'node:assert/strict';
import { NetFn } from '../../src/codec/message/netfn';
import { harness, Harness } from './harness';

describe('bmc: request errors through dispatch', () => {
  let h: Harness;
  beforeEach(() => (h = harness()));
  afterEach(() => h.close());

  it('C1h for an unknown command or NetFn', async () => {
    assert.equal(await h.call(NetFn.App, 0x99), 'c1');
    assert.equal(await h.call(NetFn.Chassis, 0x0b), 'c1');
    assert.equal(await h.call(0x30, 0x01), 'c1');
  });

  it('C7h for short or overlong request data', async () => {
    assert.equal(await h.call(NetFn.Chassis, 0x02, ''), 'c7');
    assert.equal(await h.call(NetFn.App, 0x44, '01'), 'c7');
    assert.equal(await h.call(NetFn.App, 0x01, '00'), 'c7');
    assert.equal(await h.call(NetFn.Transport, 0x02, '01 03 00'), 'c7');
  });

  it('C8h for a request over the message size or a field over its limit', async () => {
    assert.equal(await h.call(NetFn.Transport, 0x01, '01 10' + ' 41'.repeat(250)), 'c8');
    assert.equal(await h.call(NetFn.App, 0x47, '82 02' + ' 41'.repeat(21)), 'c8');
  });

  it('CCh for a bad field value', async () => {
    assert.equal(await h.call(NetFn.App, 0x42, '05'), 'cc');
    assert.equal(await h.call(NetFn.Chassis, 0x02, '0f'), 'cc');
    assert.equal(await h.call(NetFn.App, 0x46, '00'), 'cc');
  });
});
