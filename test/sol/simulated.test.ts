import assert from 'node:assert/strict';
import { ManualClock } from '../../src/lib/clock';
import { silentLogger } from '../../src/lib/logger';
import { VirtualBmc } from '../../src/bmc/device';
import type { SimulatedConsoleSpec } from '../../src/profile/console-types';
import { defaultConsole } from '../../src/profile/console-types';
import { testProfile } from '../helpers/test-bmc';

/**
 * The simulated console (issue 9) on a virtual BMC with a manual clock: the boot driven by the
 * chassis power state, the getty and shell, and the OS events it logs to the SEL.
 */
describe('simulated console', () => {
  let clock: ManualClock;
  let bmc: VirtualBmc;
  let out: string;
  const make = (spec: Partial<SimulatedConsoleSpec> = {}, initialPower: 'on' | 'off' = 'off') => {
    clock = new ManualClock(Date.UTC(2026, 0, 1, 12, 30, 0));
    bmc = new VirtualBmc({
      name: 'vm1',
      profile: testProfile({ initialPower, powerOnDelayMs: 0, softOffDelayMs: 1000 }),
      log: silentLogger,
      handlers: [],
      clock,
      console: { ...defaultConsole(), lineDelayMs: 10, ...spec },
    });
    out = '';
    bmc.sol.console.subscribe({ output: (d) => (out += d.toString('latin1')) });
  };
  const type = (s: string) => bmc.sol.console.write(Buffer.from(s, 'latin1'));
  /** Everything printed since the last call. */
  const take = () => {
    const t = out;
    out = '';
    return t;
  };
  const osEvents = () =>
    bmc.sel
      .list()
      .filter((r) => r.kind === 'system' && r.generatorId === 0x0041)
      .map((r) => (r.kind === 'system' ? [r.sensorType, r.sensorNumber, r.eventDirType.eventType, r.eventData1, r.eventData2, r.eventData3] : []));
  const boot = () => {
    bmc.chassis.powerUp('chassis-control', 1);
    clock.advance(10 * 60);
    assert.match(take(), /vm1 login: $/);
  };
  const login = () => {
    type('root\rbmcbridge\r');
    assert.match(take(), /root@vm1:~# $/);
  };
  afterEach(() => bmc.close());

  it('power on prints POST, boot loader and kernel lines one per lineDelayMs, then the login prompt; OS Boot goes to the SEL', () => {
    make();
    assert.equal(bmc.sol.console.available, false);
    bmc.chassis.powerUp('chassis-control', 1);
    assert.equal(take(), 'bmcbridge Virtual Server\r\n');
    clock.advance(10);
    assert.equal(take(), 'bmcbridge virtual firmware 2.05\r\n');
    clock.advance(10 * 60);
    const rest = take();
    assert.match(rest, /Booting from Hard Disk\.\.\.\r\nGRUB loading\.\r\n/);
    assert.match(rest, /\[    0\.000000\] Command line: BOOT_IMAGE=\/boot\/vmlinuz-6\.1\.0-bmcbridge-amd64 root=\/dev\/sda1 ro console=tty0 console=ttyS1,115200n8\r\n/);
    assert.match(rest, /\[    2\.104000\] systemd\[1\]: Hostname set to <vm1>\.\r\n/);
    assert.ok(rest.endsWith('\r\nDebian GNU/Linux 12 vm1 ttyS1\r\n\r\nvm1 login: '));
    assert.deepEqual(osEvents(), [[0x1f, 0x00, 0x6f, 0x01, 0xff, 0xff]]);
  });

  it('boot flags pick the firmware path: PXE times out and falls back to the disk', () => {
    make();
    bmc.boot.params.set(5, Buffer.from([0x80, 0x04, 0, 0, 0]));
    bmc.chassis.powerUp('chassis-control', 1);
    clock.advance(10 * 60);
    assert.match(take(), /Booting from PXE \(NIC 52:54:00:12:34:56\)\.\.\.\r\nPXE-E18: Server response timeout\.\r\nPXE-M0F: Exiting PXE ROM\.\r\n\r\nBooting from Hard Disk/);
  });

  it('getty and shell: echo, backspace, ^C, wrong password, hostname, whoami, uname, uptime, dmesg, unknown commands, logout', () => {
    make();
    boot();
    type('rooo\x7f\x7ft\r');
    assert.equal(take(), 'rooo\b \b\b \bt\r\nPassword: ');
    type('nope\r');
    assert.equal(take(), '\r\n\r\nLogin incorrect\r\nvm1 login: ');
    type('root\rbmcbridge\r');
    assert.equal(take(), 'root\r\nPassword: \r\nLinux vm1 6.1.0-bmcbridge-amd64 #1 SMP PREEMPT_DYNAMIC x86_64\r\n\r\nroot@vm1:~# ');
    type('hostname\r\n');
    assert.equal(take(), 'hostname\r\nvm1\r\nroot@vm1:~# ');
    type('whoami\r');
    assert.equal(take(), 'whoami\r\nroot\r\nroot@vm1:~# ');
    type('uname -a\r');
    assert.equal(take(), 'uname -a\r\nLinux vm1 6.1.0-bmcbridge-amd64 #1 SMP PREEMPT_DYNAMIC x86_64 GNU/Linux\r\nroot@vm1:~# ');
    clock.advance(125 * 60_000);
    type('uptime\r');
    assert.equal(take(), 'uptime\r\n 14:35:00 up 2:05,  1 user,  load average: 0.00, 0.00, 0.00\r\nroot@vm1:~# ');
    type('dmesg\r');
    assert.match(take(), /^dmesg\r\n\[    0\.000000\] Linux version 6\.1\.0-bmcbridge-amd64 [^\r]*\r\n(\[[ .0-9]+\] [^\r]*\r\n){9}root@vm1:~# $/);
    type('sl\x03');
    assert.equal(take(), 'sl^C\r\nroot@vm1:~# ');
    type('frobnicate --now\r');
    assert.equal(take(), 'frobnicate --now\r\n-bash: frobnicate: command not found\r\nroot@vm1:~# ');
    type('\x04');
    assert.equal(take(), 'logout\r\n\r\nDebian GNU/Linux 12 vm1 ttyS1\r\n\r\nvm1 login: ');
  });

  it('poweroff shuts down, logs OS graceful shutdown, and powers the chassis off through the BMC', () => {
    make();
    boot();
    login();
    type('poweroff\r');
    clock.advance(100);
    assert.match(take(), /poweroff\r\n\[  OK  \] Stopped Serial Getty on ttyS1\.\r\n.*reboot: Power down\r\n$/s);
    assert.equal(bmc.chassis.isOn, false);
    assert.deepEqual(osEvents(), [
      [0x1f, 0x00, 0x6f, 0x01, 0xff, 0xff],
      [0x20, 0x00, 0x6f, 0x03, 0xff, 0xff],
    ]);
    type('anyone?\r');
    clock.advance(1000);
    assert.equal(take(), '', 'a powered-off machine prints nothing');
  });

  it('panic (echo c > /proc/sysrq-trigger): kernel panic text, OS Critical Stop in the SEL, then silence until a reset', () => {
    make();
    boot();
    login();
    type('echo c > /proc/sysrq-trigger\r');
    const text = take();
    assert.match(text, /Kernel panic - not syncing: sysrq triggered crash\r\n/);
    assert.match(text, /---\[ end Kernel panic - not syncing: sysrq triggered crash \]---\r\n$/);
    assert.deepEqual(osEvents()[1], [0x20, 0x00, 0x6f, 0x01, 0xff, 0xff]);
    type('hostname\r');
    assert.equal(take(), '');
    bmc.chassis.hardReset('chassis-control', 1);
    clock.advance(10 * 60);
    assert.match(take(), /^bmcbridge Virtual Server\r\n.*vm1 login: $/s);
  });

  it('a break then a key is a magic SysRq: h help, b reboot, o power off', () => {
    make();
    boot();
    bmc.sol.console.sendBreak();
    type('h');
    assert.match(take(), /sysrq: HELP : loglevel\(0-9\) reboot\(b\) crash\(c\) poweroff\(o\)/);
    type('h');
    assert.equal(take(), 'h', 'without a break, h is just a key');
    bmc.sol.console.sendBreak();
    clock.advance(6000);
    type('x');
    assert.equal(take(), 'x', 'the SysRq window is 5 s');
    bmc.sol.console.sendBreak();
    type('b');
    clock.advance(10 * 60);
    assert.match(take(), /sysrq: Resetting\r\nbmcbridge Virtual Server\r\n.*vm1 login: $/s);
    bmc.sol.console.sendBreak();
    type('o');
    assert.equal(bmc.chassis.isOn, false);
  });

  it('power off mid-boot stops the boot; the NMI of Chassis Control 4h is reported by the kernel', () => {
    make();
    bmc.chassis.powerUp('chassis-control', 1);
    clock.advance(30);
    bmc.chassis.powerDown('chassis-control', 1);
    take();
    clock.advance(10_000);
    assert.equal(take(), '');
    assert.deepEqual(osEvents(), []);
    boot();
    bmc.chassis.diagnosticInterrupt(1);
    assert.match(take(), /Uhhuh\. NMI received for unknown reason 3d on CPU 0\.\r\n.*Dazed and confused, but trying to continue\r\n$/s);
  });

  it('a machine that is on when the BMC starts waits at the login prompt, silently, with no new SEL entry', () => {
    make({}, 'on');
    clock.advance(10_000);
    assert.equal(take(), '');
    type('\r');
    assert.equal(take(), '\r\nvm1 login: ');
    assert.deepEqual(osEvents(), []);
  });

  it('modem control: dropping DCD hangs up the login session', () => {
    make({ modemControl: true });
    boot();
    login();
    bmc.sol.console.carrier(false);
    bmc.sol.console.carrier(true);
    type('\r');
    assert.equal(take(), '\r\nvm1 login: ');
  });

  it('a paused console holds the output and delivers it in order on resume', () => {
    make();
    boot();
    bmc.sol.console.hold('test', true);
    type('root\r');
    assert.equal(take(), '');
    bmc.sol.console.hold('test', false);
    assert.equal(take(), 'root\r\nPassword: ');
  });
});
