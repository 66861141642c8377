import assert from 'node:assert/strict';
import { requirePeers } from '../helpers/peers';
import { PtyProcess } from './helpers/pty';
import { SolBmc, ipmitoolArgs, startSocketBmc, until } from './helpers/sol-bmc';
import { VmSerialPort, endMarker, pasteText } from './helpers/vm-port';

/**
 * A `socket` console back end wired to a test process standing in for a VM's serial port
 * (QEMU's -serial unix:...,server): what is typed in ipmitool arrives there and what it prints
 * arrives in ipmitool, in order, nothing lost or doubled, 64 KiB at once in each direction.
 */
describe('SOL socket back end with ipmitool (issue 9)', function () {
  this.timeout(120_000);
  requirePeers(this, ['ipmitool']);
  let vm: VmSerialPort;
  let b: SolBmc;
  let p: PtyProcess | undefined;

  before(async () => ({ vm, b } = await startSocketBmc()));
  afterEach(async () => {
    await p?.close();
    p = undefined;
    // A test that failed half-way leaves no instance behind for the next.
    b.bmc.sol.deactivate('test cleanup', false);
  });
  after(async () => {
    await b.close();
    await vm.close();
  });

  async function activate(): Promise<PtyProcess> {
    const pt = PtyProcess.spawn('ipmitool', [...ipmitoolArgs(b), 'sol', 'activate']);
    await pt.expect('[SOL Session operational.  Use ~? for help]\r\n');
    // ipmitool prints the banner before it puts the terminal in raw mode: wait for that.
    await new Promise((r) => setTimeout(r, 300));
    return pt;
  }

  it('keystrokes reach the VM and the VM output reaches ipmitool', async () => {
    p = await activate();
    const before = vm.all().length;
    await p.send('uname -a\r');
    await until(() => vm.all().length >= before + 9, 'the keystrokes at the VM');
    assert.equal(vm.all().subarray(before).toString('latin1'), 'uname -a\r');
    await vm.write('Linux vm1 6.1.0 #1 SMP x86_64 GNU/Linux\r\nvm1$ ');
    assert.match(await p.expect('vm1$ '), /Linux vm1 6\.1\.0 #1 SMP x86_64 GNU\/Linux\r\nvm1\$ $/);
    await p.send('~.');
    assert.equal(await p.waitExit(), 0);
  });

  it('64 KiB pasted into ipmitool while the VM prints 64 KiB: both arrive whole and in order', async () => {
    p = await activate();
    const typed = pasteText(65536, 'typed');
    const printed = pasteText(65536, 'printed');
    const start = vm.all().length;
    await Promise.all([p.send(typed), vm.write(printed)]);
    await until(() => vm.all().length >= start + typed.length, `${typed.length} bytes at the VM (have ${vm.all().length - start})`, 60_000);
    const atVm = vm.all().subarray(start);
    assert.equal(atVm.length, typed.length, 'nothing doubled');
    assert.ok(atVm.equals(typed), 'the VM received exactly what was typed, in order');
    // The last line printed, then the whole block, in the terminal.
    await p.expect(endMarker('printed'), 60);
    const screen = await p.output();
    const at = screen.indexOf(printed.subarray(0, 64));
    assert.ok(at >= 0, 'the first printed line reached ipmitool');
    assert.ok(screen.subarray(at, at + printed.length).equals(printed), 'ipmitool shows exactly what the VM printed, in order');
    const counters = b.bmc.sol.active!.engine.counters;
    assert.equal(counters.dropped, 0);
    // The paste did not end in a newline, and ipmitool only sees ~. right after one.
    await p.send('\r~.');
    assert.equal(await p.waitExit(), 0);
  });

  it('the VM going away and coming back: the console line reconnects, output flows again', async () => {
    vm.hangUp();
    await until(() => !b.bmc.sol.console.available, 'the back end to notice');
    await vm.waitConnected();
    await until(() => b.bmc.sol.console.available, 'the back end to reconnect');
    p = await activate();
    await vm.write('back again\r\n');
    await p.expect('back again\r\n');
    await p.send('~.');
    assert.equal(await p.waitExit(), 0);
  });
});
