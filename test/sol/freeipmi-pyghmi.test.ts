import assert from 'node:assert/strict';
import { DEBIAN_PYTHON, requirePeers, run } from '../helpers/peers';
import path from 'node:path';
import { PtyProcess } from './helpers/pty';
import { SolBmc, free623Address, ipmitoolArgs, loginRunHostname, startSolBmc, until } from './helpers/sol-bmc';

const PYGHMI_CONSOLE = path.join(__dirname, 'helpers', 'pyghmi_console.py');

/**
 * FreeIPMI's ipmiconsole (1.6.10) and pyghmi's console (1.5.34) on the same simulated console.
 * ipmiconsole has no port option and always uses UDP 623, so its BMC listens on a loopback
 * address of its own at port 623 (this needs the right to bind a port below 1024).
 */
describe('SOL with FreeIPMI ipmiconsole (issue 9)', function () {
  this.timeout(120_000);
  requirePeers(this, ['ipmiconsole', 'ipmitool']);
  let b: SolBmc | undefined;
  const open: PtyProcess[] = [];

  before(async function () {
    const host = await free623Address();
    if (!host) {
      if (process.env.PEERS_REQUIRED === '1') throw new Error('cannot bind UDP port 623 on loopback (ipmiconsole has no port option)');
      // eslint-disable-next-line no-console
      console.log('      [SKIPPED] ipmiconsole needs a BMC on UDP port 623, and binding it is not allowed here');
      return this.skip();
    }
    b = await startSolBmc({ host, port: 623 });
  });
  afterEach(async () => {
    for (const p of open.splice(0)) await p.close();
    b?.bmc.sol.deactivate('test cleanup', false);
  });
  after(async () => b?.close());

  const ipmiconsole = (...extra: string[]) => {
    const p = PtyProcess.spawn('ipmiconsole', ['-h', b!.host, '-u', 'admin', '-p', 'password', '-I', '3', '-l', 'ADMIN', ...extra]);
    open.push(p);
    return p;
  };

  it('logs in on the console, runs hostname, leaves with &.', async () => {
    const p = ipmiconsole();
    await p.expect('[SOL established]\r\n');
    await loginRunHostname(p);
    await p.send('&.');
    assert.equal(await p.waitExit(), 0);
    await until(() => b!.bmc.sol.active === undefined, 'ipmiconsole to deactivate SOL');
  });

  it('takes the console from an ipmitool session (its default), and is told when another session deactivates it', async () => {
    const t = PtyProcess.spawn('ipmitool', [...ipmitoolArgs(b!), 'sol', 'activate']);
    open.push(t);
    await t.expect('[SOL Session operational');
    const ipmitoolSession = b!.bmc.sol.active!.session.id;
    const p = ipmiconsole();
    await p.expect('[SOL established]\r\n');
    assert.notEqual(b!.bmc.sol.active!.session.id, ipmitoolSession);
    // Another session deactivates it: the BMC's "SOL deactivating" packet ends ipmiconsole.
    const d = await run('ipmitool', [...ipmitoolArgs(b!), 'sol', 'deactivate']);
    assert.equal(d.status, 0, d.stderr);
    await p.expect('[SOL session stolen]\r\n');
    await p.expect('[closing the connection]\r\n');
    assert.equal(await p.waitExit(), 0);
  });

  it('--dont-steal refuses a console in use', async () => {
    const t = PtyProcess.spawn('ipmitool', [...ipmitoolArgs(b!), 'sol', 'activate']);
    open.push(t);
    await t.expect('[SOL Session operational');
    const p = ipmiconsole('--dont-steal');
    assert.match(await p.expect(/\[error received\]: [^\r\n]*\r\n/), /SOL in use/);
  });
});

describe('SOL with pyghmi console (issue 9)', function () {
  this.timeout(120_000);
  requirePeers(this, [], ['pyghmi']);
  let b: SolBmc;
  before(async () => (b = await startSolBmc()));
  after(async () => b.close());

  const pyghmi = async (steps: unknown[]) => {
    const r = await run(DEBIAN_PYTHON, [PYGHMI_CONSOLE, b.host, String(b.port), 'admin', 'password', JSON.stringify(steps)], { timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as { ok: boolean; error: string | null; output: string; errors: unknown[] };
  };

  it('logs in, runs hostname, sends a break (SysRq h), and deactivates on close', async () => {
    const r = await pyghmi([
      ['send', '\r'],
      ['expect', 'vm1 login: '],
      ['send', 'root\r'],
      ['expect', 'Password: '],
      ['send', 'bmcbridge\r'],
      ['expect', 'root@vm1:~# '],
      ['send', 'hostname\r'],
      ['expect', 'vm1\r\nroot@vm1:~# '],
      ['break'],
      ['send', 'h'],
      ['expect', 'sysrq: HELP'],
      ['send', '\rexit\r'],
      ['expect', 'vm1 login: '],
    ]);
    assert.deepEqual([r.ok, r.error, r.errors], [true, null, []]);
    assert.match(r.output, /root@vm1:~# hostname\r\nvm1\r\nroot@vm1:~# /);
    // The SysRq help proves the break reached the system; close() deactivated the payload.
    assert.equal(b.bmc.sol.active, undefined);
  });

  it('is told "Remote IPMI console disconnected" when an administrator deactivates it from another session', async () => {
    const steps = [['send', '\r'], ['expect', 'login: '], ['sleep', 3]];
    const pending = pyghmi(steps);
    await until(() => !!b.bmc.sol.active && b.bmc.sol.active.engine.lastConsoleSeq > 0, 'pyghmi to send a packet');
    const d = await run('ipmitool', [...ipmitoolArgs(b), 'sol', 'deactivate']);
    assert.equal(d.status, 0, d.stderr);
    const r = await pending;
    assert.deepEqual(r.errors, [{ error: 'Remote IPMI console disconnected' }]);
  });
});
