import assert from 'node:assert/strict';
import { NetFn, Privilege } from '../../src/codec/message/netfn';
import { harness, Harness } from './harness';

const APP = NetFn.App;
const SET = 0x24;
const GET = 0x25;
const RESET = 0x22;

describe('bmc: watchdog timer (v2.0 §27)', () => {
  let h: Harness;
  beforeEach(() => (h = harness()));
  afterEach(() => h.close());

  it('starts un-initialized: Get reads zeros, Reset answers 80h', async () => {
    assert.equal(await h.call(APP, GET), '00 00 00 00 00 00 00 00 00');
    assert.equal(await h.call(APP, RESET), '80');
  });

  it('`mc watchdog off`, then reset: runs down from 300 s', async () => {
    assert.equal(await h.call(APP, SET, '04 00 00 10 b8 0b'), '00');
    assert.equal(await h.call(APP, GET), '00 04 00 00 00 b8 0b b8 0b');
    assert.equal(await h.call(APP, RESET), '00');
    assert.equal(await h.call(APP, GET), '00 44 00 00 00 b8 0b b8 0b');
    h.clock.advance(1000);
    assert.equal(await h.call(APP, GET), '00 44 00 00 00 b8 0b ae 0b', '299.0 s left');
    h.clock.advance(50);
    assert.equal(await h.call(APP, GET), '00 44 00 00 00 b8 0b ae 0b', 'counts in 100 ms steps');
  });

  it('expiry with no action sets the timer use flag and stops; Set clears flags it is given', async () => {
    await h.call(APP, SET, '04 00 00 00 0a 00');
    await h.call(APP, RESET);
    h.clock.advance(999);
    assert.deepEqual(h.events, []);
    h.clock.advance(1);
    assert.deepEqual(h.events, [{ type: 'watchdog', phase: 'expired', timerUse: 4, action: 0, interrupt: 0, log: true }]);
    assert.equal(await h.call(APP, GET), '00 04 00 00 10 0a 00 00 00');
    assert.equal(h.bmc.chassis.power, 'on');
    assert.equal(await h.call(APP, SET, '03 00 00 10 0a 00'), '00');
    assert.equal(await h.call(APP, GET), '00 03 00 00 00 0a 00 0a 00');
  });

  it('hard reset on expiry: restart cause "watchdog"', async () => {
    await h.call(APP, SET, '84 01 00 00 0a 00');
    await h.call(APP, RESET);
    h.clock.advance(1000);
    assert.deepEqual(h.events, [
      { type: 'watchdog', phase: 'expired', timerUse: 4, action: 1, interrupt: 0, log: false },
      { type: 'system-reset', cause: 'watchdog', channel: 0 },
    ]);
    assert.equal(await h.call(NetFn.Chassis, 0x07), '00 04 00');
  });

  it('power down on expiry', async () => {
    await h.call(APP, SET, '04 02 00 00 0a 00');
    await h.call(APP, RESET);
    h.clock.advance(1000);
    assert.equal(h.bmc.chassis.power, 'off');
    assert.deepEqual(h.events.at(-1), { type: 'power', state: 'off', cause: 'watchdog', channel: 0 });
  });

  it('power cycle on expiry: off, then on after the cycle interval', async () => {
    await h.call(APP, SET, '03 03 00 00 0a 00');
    await h.call(APP, RESET);
    h.clock.advance(1000);
    assert.equal(h.bmc.chassis.power, 'off');
    h.clock.advance(1000);
    assert.equal(h.bmc.chassis.power, 'on');
    assert.equal(await h.call(NetFn.Chassis, 0x07), '00 04 00');
    assert.equal(await h.call(APP, GET), '00 03 03 00 08 0a 00 00 00', 'stopped, OS load flag');
  });

  it('the pre-timeout interrupt fires its interval before the timeout', async () => {
    // NMI pre-timeout 2 s before a 5 s hard reset
    await h.call(APP, SET, '04 21 02 00 32 00');
    await h.call(APP, RESET);
    h.clock.advance(2999);
    assert.deepEqual(h.events, []);
    h.clock.advance(1);
    assert.deepEqual(h.events, [{ type: 'watchdog', phase: 'pre-timeout', timerUse: 4, action: 1, interrupt: 2, log: true }]);
    assert.equal(h.bmc.watchdog.preTimeoutOccurred, true);
    h.clock.advance(2000);
    assert.equal(h.events.length, 3);
    assert.equal(await h.call(APP, SET, '04 00 00 10 0a 00'), '00');
    assert.equal(h.bmc.watchdog.preTimeoutOccurred, false, 'Set clears the pre-timeout flag');
  });

  it('Set while running: stops it, unless "don\'t stop" is set', async () => {
    await h.call(APP, SET, '04 01 00 00 64 00');
    await h.call(APP, RESET);
    h.clock.advance(4000);
    assert.equal(await h.call(APP, SET, '44 01 00 00 32 00'), '00');
    assert.equal(await h.call(APP, GET), '00 44 01 00 00 32 00 32 00', 'running from the new 5 s');
    h.clock.advance(1000);
    assert.equal(await h.call(APP, SET, '04 01 00 00 32 00'), '00');
    assert.equal(await h.call(APP, GET), '00 04 01 00 00 32 00 32 00', 'stopped');
    h.clock.advance(60_000);
    assert.deepEqual(h.events, []);
  });

  it('a system power-down stops the timer', async () => {
    await h.call(APP, SET, '04 01 00 00 32 00');
    await h.call(APP, RESET);
    h.clock.advance(1000);
    await h.call(NetFn.Chassis, 0x02, '00');
    assert.equal(await h.call(APP, GET), '00 04 01 00 00 32 00 28 00');
    h.clock.advance(60_000);
    assert.equal(h.events.length, 1, 'only the power-off');
  });

  it('rejects reserved timer uses, actions and interrupts (CCh); Set and Reset need Operator', async () => {
    assert.equal(await h.call(APP, SET, '00 00 00 00 0a 00'), 'cc');
    assert.equal(await h.call(APP, SET, '06 00 00 00 0a 00'), 'cc');
    assert.equal(await h.call(APP, SET, '04 04 00 00 0a 00'), 'cc');
    assert.equal(await h.call(APP, SET, '04 40 00 00 0a 00'), 'cc');
    assert.equal(await h.call(APP, SET, '04 00 00 00 0a'), 'c7');
    assert.equal(await h.call(APP, SET, '04 00 00 00 0a 00', { privilege: Privilege.user }), 'd4');
    assert.equal(await h.call(APP, RESET, '', { privilege: Privilege.user }), 'd4');
    assert.equal(await h.call(APP, GET, '', { privilege: Privilege.user }), '00 00 00 00 00 00 00 00 00');
  });
});
