import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { requirePeers, run } from '../helpers/peers';
import { CommandPowerHooks } from '../../src/bmc/state/power-hooks';
import { testProfile } from '../helpers/test-bmc';
import { SolBmc, captureLogger, ipmitoolArgs, startSolBmc, until } from './helpers/sol-bmc';

/**
 * A hook script standing in for a VM manager (what VirtualBMC does with libvirt): it records each
 * call (arguments and the BMCBRIDGE_* environment), keeps the "VM" power state in a file, which
 * the status script prints, and fails (stderr and exit status 3) while a FAIL file exists.
 */
const HOOK = `#!/bin/sh
dir=$(dirname "$0")
echo "$* device=$BMCBRIDGE_DEVICE action=$BMCBRIDGE_ACTION boot=$BMCBRIDGE_BOOT_DEVICE persistent=$BMCBRIDGE_BOOT_PERSISTENT mode=$BMCBRIDGE_BOOT_MODE" >> "$dir/calls"
if [ -e "$dir/FAIL" ]; then echo "error: failed to get domain 'vm1'" >&2; exit 3; fi
if [ -e "$dir/SLOW" ]; then sleep 3; fi
if [ -e "$dir/SLOW2" ]; then sleep 2; fi
shift 2 # --domain vm1
case "$1 $2" in
  "power on"|"power cycle"|"power reset") echo running > "$dir/state" ;;
  "power off"|"power soft") echo "shut off" > "$dir/state" ;;
esac
exit 0
`;
const STATUS = `#!/bin/sh
cat "$(dirname "$0")/state"
`;

describe('power hooks (issue 9)', function () {
  this.timeout(60_000);
  requirePeers(this, ['ipmitool']);
  let dir: string;
  let b: SolBmc;
  let logs: ReturnType<typeof captureLogger>;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmcbridge-hooks-'));
    fs.writeFileSync(path.join(dir, 'vm-power'), HOOK, { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'vm-status'), STATUS, { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'state'), 'shut off\n');
    logs = captureLogger();
    b = await startSolBmc({
      name: 'vm1',
      log: logs.log,
      profile: testProfile({ initialPower: 'off' }),
      powerHooks: { command: [path.join(dir, 'vm-power'), '--domain', 'vm1'], statusCommand: [path.join(dir, 'vm-status')], timeoutMs: 1000, statusCacheMs: 0 },
    });
  });
  after(async () => {
    await b.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    fs.rmSync(path.join(dir, 'calls'), { force: true });
    fs.rmSync(path.join(dir, 'FAIL'), { force: true });
    fs.rmSync(path.join(dir, 'SLOW'), { force: true });
    fs.rmSync(path.join(dir, 'SLOW2'), { force: true });
  });

  const ipmitool = (...args: string[]) => run('ipmitool', [...ipmitoolArgs(b), ...args]);
  const calls = () => (fs.existsSync(path.join(dir, 'calls')) ? fs.readFileSync(path.join(dir, 'calls'), 'utf8').trim().split('\n') : []);

  it('chassis power on/off/cycle/reset/soft run the hook with the action, device and boot device; the state follows', async () => {
    assert.equal((await ipmitool('chassis', 'power', 'on')).stdout, 'Chassis Power Control: Up/On\n');
    assert.equal((await ipmitool('chassis', 'power', 'status')).stdout, 'Chassis Power is on\n');
    assert.equal((await ipmitool('chassis', 'power', 'cycle')).stdout, 'Chassis Power Control: Cycle\n');
    assert.equal((await ipmitool('chassis', 'power', 'reset')).stdout, 'Chassis Power Control: Reset\n');
    assert.equal((await ipmitool('chassis', 'power', 'soft')).stdout, 'Chassis Power Control: Soft\n');
    await until(() => !b.bmc.chassis.isOn, 'the soft-off');
    assert.equal((await ipmitool('chassis', 'power', 'off')).stdout, 'Chassis Power Control: Down/Off\n');
    assert.deepEqual(calls(), [
      '--domain vm1 power on device=vm1 action=on boot=none persistent=0 mode=legacy',
      '--domain vm1 power cycle device=vm1 action=cycle boot=none persistent=0 mode=legacy',
      '--domain vm1 power reset device=vm1 action=reset boot=none persistent=0 mode=legacy',
      '--domain vm1 power soft device=vm1 action=soft boot=none persistent=0 mode=legacy',
      '--domain vm1 power off device=vm1 action=off boot=none persistent=0 mode=legacy',
    ]);
    assert.equal((await ipmitool('chassis', 'power', 'status')).stdout, 'Chassis Power is off\n');
  });

  it('chassis bootdev pxe runs "bootdev pxe"; the next power on carries the boot device', async () => {
    assert.equal((await ipmitool('chassis', 'bootdev', 'pxe')).stdout, 'Set Boot Device to pxe\n');
    assert.equal((await ipmitool('chassis', 'bootdev', 'disk', 'options=persistent,efiboot')).stdout, 'Set Boot Device to disk\n');
    assert.equal((await ipmitool('chassis', 'power', 'on')).status, 0);
    assert.deepEqual(calls(), [
      '--domain vm1 bootdev pxe device=vm1 action=bootdev boot=pxe persistent=0 mode=legacy',
      '--domain vm1 bootdev disk device=vm1 action=bootdev boot=disk persistent=1 mode=efi',
      '--domain vm1 power on device=vm1 action=on boot=disk persistent=1 mode=efi',
    ]);
    assert.equal((await ipmitool('chassis', 'power', 'off')).status, 0);
  });

  it('a failing hook answers CEh, changes nothing, and is logged with its exit status and stderr', async () => {
    fs.writeFileSync(path.join(dir, 'FAIL'), '');
    const flagsBefore = b.bmc.boot.flags();
    const r = await ipmitool('chassis', 'power', 'on');
    assert.notEqual(r.status, 0);
    assert.equal(r.stderr, 'Set Chassis Power Control to Up/On failed: Command response could not be provided\n');
    assert.equal(b.bmc.chassis.isOn, false);
    // ipmitool 1.8.19 reports a failed boot flags write on stderr but exits 0.
    const boot = await ipmitool('chassis', 'bootdev', 'cdrom');
    assert.equal(boot.stderr, 'Set Chassis Boot Parameter 5 failed: Command response could not be provided\n');
    assert.deepEqual(b.bmc.boot.flags(), flagsBefore, 'the boot flags were not stored');
    const logged = logs.lines.filter((l) => l.msg === 'power hook failed');
    assert.deepEqual(
      logged.slice(-2).map((l) => [l.hook, l.exitStatus, l.stderr]),
      [
        ['on', 3, "error: failed to get domain 'vm1'"],
        ['bootdev', 3, "error: failed to get domain 'vm1'"],
      ],
    );
  });

  it('a hook that outlives its timeout is killed (with what it started) and answers C3h', async () => {
    fs.writeFileSync(path.join(dir, 'SLOW'), '');
    const t = Date.now();
    const r = await ipmitool('chassis', 'power', 'on');
    assert.ok(Date.now() - t < 2500, `answered after the 1 s timeout, not after the 3 s sleep (${Date.now() - t} ms)`);
    assert.notEqual(r.status, 0);
    assert.equal(r.stderr, 'Set Chassis Power Control to Up/On failed: Timeout\n');
    assert.ok(logs.lines.some((l) => l.msg === 'power hook timed out and was killed' && l.hook === 'on'));
    assert.equal(b.bmc.chassis.isOn, false);
    // ipmitool retransmitted at 1 s, about when the answer left: that copy runs (and times out) too.
    await new Promise((r) => setTimeout(r, 200));
    await (b.bmc.chassis.hooks as CommandPowerHooks).idle();
  });

  it('a hook slower than ipmitool\'s retransmission runs once: the retransmitted request joins it', async () => {
    const slow = await startSolBmc({
      name: 'vm1',
      profile: testProfile({ initialPower: 'off' }),
      powerHooks: { command: [path.join(dir, 'vm-power'), '--domain', 'vm1'], timeoutMs: 10_000, statusCacheMs: 0 },
    });
    try {
      fs.writeFileSync(path.join(dir, 'SLOW2'), '');
      const r = await run('ipmitool', [...ipmitoolArgs(slow), 'chassis', 'power', 'on']);
      assert.equal(r.stdout, 'Chassis Power Control: Up/On\n');
      assert.deepEqual(calls(), ['--domain vm1 power on device=vm1 action=on boot=none persistent=0 mode=legacy']);
    } finally {
      await slow.close();
      fs.writeFileSync(path.join(dir, 'state'), 'shut off\n');
    }
  });

  it('a power change from inside the BMC (the watchdog, the control API\'s power button) reaches the hook in the background', async () => {
    b.bmc.chassis.powerUp('power-button', 0);
    await (b.bmc.chassis.hooks as CommandPowerHooks).idle();
    b.bmc.chassis.powerDown('watchdog', 0);
    await (b.bmc.chassis.hooks as CommandPowerHooks).idle();
    assert.deepEqual(calls().map((l) => l.split(' device=')[0]), ['--domain vm1 power on', '--domain vm1 power off']);
  });

  it('the status command is the truth: a VM started behind the BMC shows as on, and the chassis follows', async () => {
    fs.writeFileSync(path.join(dir, 'state'), 'running\n');
    assert.equal((await ipmitool('chassis', 'power', 'status')).stdout, 'Chassis Power is on\n');
    assert.equal(b.bmc.chassis.isOn, true);
    fs.writeFileSync(path.join(dir, 'state'), 'shut off\n');
    assert.equal((await ipmitool('chassis', 'power', 'status')).stdout, 'Chassis Power is off\n');
    assert.equal(b.bmc.chassis.isOn, false);
    fs.writeFileSync(path.join(dir, 'state'), 'confused\n');
    const r = await ipmitool('chassis', 'power', 'status');
    assert.notEqual(r.status, 0);
    assert.ok(logs.lines.some((l) => l.msg === 'power status command printed no power state'));
    fs.writeFileSync(path.join(dir, 'state'), 'shut off\n');
  });
});
