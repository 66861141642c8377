import assert from 'node:assert/strict';
import { NetFn, Privilege } from '../../src/codec/message/netfn';
import { harness, Harness } from './harness';

const CH = NetFn.Chassis;

describe('bmc: Chassis commands (v2.0 §28)', () => {
  let h: Harness;
  afterEach(() => h.close());

  describe('power', () => {
    beforeEach(() => (h = harness({ profile: { powerOnDelayMs: 2000 } })));

    it('Get Chassis Status: on, restore-previous, identify supported', async () => {
      assert.equal(await h.call(CH, 0x01, '', { privilege: Privilege.user }), '00 21 00 40');
    });

    it('Chassis Control needs Operator: a User-level session gets D4h and nothing changes', async () => {
      assert.equal(await h.call(CH, 0x02, '00', { privilege: Privilege.user }), 'd4');
      assert.equal(h.bmc.chassis.power, 'on');
      assert.equal(await h.call(CH, 0x02, '00', { privilege: Privilege.operator }), '00');
      assert.equal(h.bmc.chassis.power, 'off');
    });

    it('power down is immediate; power up waits for the profile power-on delay', async () => {
      assert.equal(await h.call(CH, 0x02, '00'), '00');
      assert.equal(await h.call(CH, 0x01), '00 20 00 40');
      assert.equal(await h.call(CH, 0x02, '01'), '00');
      h.clock.advance(1999);
      assert.equal(await h.call(CH, 0x01), '00 20 00 40', 'still off during the delay');
      h.clock.advance(1);
      // on, last power-on via IPMI (byte 2 bit 4)
      assert.equal(await h.call(CH, 0x01), '00 21 10 40');
      assert.equal(await h.call(CH, 0x07), '00 01 01', 'restart cause: chassis control on channel 1');
      assert.deepEqual(h.events, [
        { type: 'power', state: 'off', cause: 'chassis-control', channel: 1 },
        { type: 'power', state: 'on', cause: 'chassis-control', channel: 1 },
      ]);
    });

    it('power cycle: off now, on after the cycle interval plus the delay; D5h when off', async () => {
      assert.equal(await h.call(CH, 0x02, '02'), '00');
      assert.equal(h.bmc.chassis.power, 'off');
      h.clock.advance(2999);
      assert.equal(h.bmc.chassis.power, 'off');
      assert.equal(await h.call(CH, 0x02, '02'), 'd5', 'cycle while off');
      h.clock.advance(1);
      assert.equal(h.bmc.chassis.power, 'on');
    });

    it('hard reset, diagnostic interrupt and soft shutdown need power (D5h when off)', async () => {
      assert.equal(await h.call(CH, 0x02, '03'), '00');
      assert.equal(await h.call(CH, 0x02, '04'), '00');
      assert.deepEqual(h.events, [
        { type: 'system-reset', cause: 'chassis-control', channel: 1 },
        { type: 'diagnostic-interrupt', channel: 1 },
      ]);
      assert.equal(h.bmc.chassis.power, 'on');
      assert.equal(await h.call(CH, 0x02, '05'), '00');
      assert.equal(h.bmc.chassis.power, 'off', 'soft-off delay 0: off at once');
      assert.deepEqual(h.events.at(-1), { type: 'power', state: 'off', cause: 'soft-shutdown', channel: 1 });
      for (const op of ['02', '03', '04', '05']) assert.equal(await h.call(CH, 0x02, op), 'd5', `op ${op} while off`);
      assert.equal(await h.call(CH, 0x02, '00'), '00', 'power down while off is fine');
      assert.equal(await h.call(CH, 0x02, '06'), 'cc');
    });

    it('power up while already on changes nothing; power down cancels a pending power-on', async () => {
      assert.equal(await h.call(CH, 0x02, '01'), '00');
      assert.deepEqual(h.events, []);
      await h.call(CH, 0x02, '00');
      await h.call(CH, 0x02, '01');
      assert.equal(await h.call(CH, 0x02, '00'), '00');
      h.clock.advance(5000);
      assert.equal(h.bmc.chassis.power, 'off');
    });
  });

  describe('identify, policy, POH', () => {
    beforeEach(() => (h = harness()));

    it('Chassis Identify: 15 s by default, forced on, off', async () => {
      assert.equal(await h.call(CH, 0x04, ''), '00');
      assert.equal(await h.call(CH, 0x01), '00 21 00 50', 'temporary on');
      h.clock.advance(14_999);
      assert.equal(await h.call(CH, 0x01), '00 21 00 50');
      h.clock.advance(1);
      assert.equal(await h.call(CH, 0x01), '00 21 00 40');
      assert.equal(await h.call(CH, 0x04, '00 01'), '00');
      h.clock.advance(3_600_000);
      assert.equal(await h.call(CH, 0x01), '00 21 00 60', 'indefinite');
      assert.equal(await h.call(CH, 0x04, '00'), '00');
      assert.equal(await h.call(CH, 0x01), '00 21 00 40');
      assert.equal(await h.call(CH, 0x04, '05', { privilege: Privilege.user }), 'd4');
    });

    it('Set Power Restore Policy: reports support, 3 changes nothing, 4+ is CCh', async () => {
      assert.equal(await h.call(CH, 0x06, '02'), '00 07');
      assert.equal(await h.call(CH, 0x01), '00 41 00 40');
      assert.equal(await h.call(CH, 0x06, '03'), '00 07');
      assert.equal(await h.call(CH, 0x01), '00 41 00 40');
      assert.equal(await h.call(CH, 0x06, '00'), '00 07');
      assert.equal(await h.call(CH, 0x01), '00 01 00 40');
      assert.equal(await h.call(CH, 0x06, '04'), 'cc');
    });

    it('Get POH Counter counts powered hours only', async () => {
      assert.equal(await h.call(CH, 0x0f), '00 3c 00 00 00 00');
      h.clock.advance(26 * 3_600_000);
      assert.equal(await h.call(CH, 0x0f), '00 3c 1a 00 00 00');
      await h.call(CH, 0x02, '00');
      h.clock.advance(5 * 3_600_000);
      assert.equal(await h.call(CH, 0x0f), '00 3c 1a 00 00 00');
      await h.call(CH, 0x02, '01');
      h.clock.advance(3_600_000);
      assert.equal(await h.call(CH, 0x0f), '00 3c 1b 00 00 00');
    });

    it('Get Chassis Capabilities: everything at the BMC, diagnostic interrupt', async () => {
      assert.equal(await h.call(CH, 0x00), '00 04 20 20 20 20');
    });
  });

  describe('boot options', () => {
    beforeEach(() => (h = harness()));

    /** What `ipmitool chassis bootdev <dev>` sends (ipmitool 1.8.19 lib/ipmi_chassis.c). */
    async function bootdev(flags: string): Promise<void> {
      assert.equal(await h.call(CH, 0x08, '00 01'), '00');
      assert.equal(await h.call(CH, 0x08, '04 01 01'), '00');
      assert.equal(await h.call(CH, 0x08, '05 ' + flags), '00');
      assert.equal(await h.call(CH, 0x08, '00 02'), '00');
      assert.equal(await h.call(CH, 0x08, '00 00'), '00');
    }

    it('`chassis bootdev pxe` then `chassis bootparam get 5`: Force PXE, valid', async () => {
      assert.equal(await h.call(CH, 0x09, '05 00 00'), '00 01 05 00 00 00 00 00');
      await bootdev('80 04 00 00 00');
      assert.equal(await h.call(CH, 0x09, '05 00 00'), '00 01 05 80 04 00 00 00');
      assert.equal(await h.call(CH, 0x09, '04 00 00'), '00 01 04 00 01', 'write mask reads as 00h');
      assert.equal(await h.call(CH, 0x09, '00 00 00'), '00 01 00 00');
      assert.equal(h.bmc.boot.flags().device.selector, 1);
    });

    it('the valid bit clears 60 s after the flags were set without a Chassis Control command', async () => {
      await bootdev('80 04 00 00 00');
      h.clock.advance(59_999);
      assert.equal(await h.call(CH, 0x09, '05 00 00'), '00 01 05 80 04 00 00 00');
      h.clock.advance(1);
      assert.equal(await h.call(CH, 0x09, '05 00 00'), '00 01 05 00 04 00 00 00');
    });

    it('a Chassis Control command restarts the 60-second countdown', async () => {
      await bootdev('80 04 00 00 00');
      h.clock.advance(50_000);
      assert.equal(await h.call(CH, 0x02, '01'), '00', 'power up while on: no change');
      h.clock.advance(50_000);
      assert.equal(h.bmc.boot.flags().flags.valid, true);
      h.clock.advance(10_000);
      assert.equal(h.bmc.boot.flags().flags.valid, false);
    });

    it('pyghmi set_bootdev: parameter 3 bit 3 keeps the flags; a persistent override survives boots', async () => {
      assert.equal(await h.call(CH, 0x08, '03 08'), '00');
      assert.equal(await h.call(CH, 0x08, '05 e0 14 00 00 00'), '00');
      h.clock.advance(600_000);
      assert.equal(await h.call(CH, 0x09, '05 00 00'), '00 01 05 e0 14 00 00 00');
      await h.call(CH, 0x02, '02');
      h.clock.advance(1000);
      assert.equal(h.bmc.chassis.power, 'on');
      assert.equal(await h.call(CH, 0x09, '05 00 00'), '00 01 05 e0 14 00 00 00');
    });

    it('a one-time override is used up by the next boot', async () => {
      await bootdev('80 08 00 00 00');
      await h.call(CH, 0x02, '03');
      assert.equal(await h.call(CH, 0x09, '05 00 00'), '00 01 05 00 08 00 00 00');
    });

    it('parameter lock bit, unsupported parameters, lengths, Set In Progress', async () => {
      assert.equal(await h.call(CH, 0x08, '85'), '00');
      assert.equal(await h.call(CH, 0x09, '05 00 00'), '00 01 85 00 00 00 00 00');
      assert.equal(await h.call(CH, 0x08, '05'), '00');
      assert.equal(await h.call(CH, 0x09, '05 00 00'), '00 01 05 00 00 00 00 00');
      assert.equal(await h.call(CH, 0x09, '07 00 00'), '80');
      assert.equal(await h.call(CH, 0x08, '07 00'), '80');
      assert.equal(await h.call(CH, 0x08, '05 80 04'), 'c7');
      assert.equal(await h.call(CH, 0x08, '00 01'), '00');
      assert.equal(await h.call(CH, 0x08, '00 01'), '81');
      await h.call(CH, 0x02, '00');
      assert.equal(await h.call(CH, 0x09, '00 00 00'), '00 01 00 00', 'power-down returns it to set complete');
      assert.equal(await h.call(CH, 0x09, '05 00 00', { privilege: Privilege.user }), 'd4');
    });
  });
});
