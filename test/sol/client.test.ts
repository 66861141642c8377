import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { CompletionCodeError, SessionError } from '../../src/lib/errors';
import { IpmiClient, connect } from '../../src/client';
import { ConsoleRecorder, SolConsole } from '../../src/client/sol';
import { DeactivatePayload, GetChannelPayloadSupport, GetChannelPayloadVersion, SuspendResumePayloadEncryption } from '../../src/codec/commands/app';
import { runIpmi } from '../../src/frontends/cli/ipmi';
import { requirePeers, run } from '../helpers/peers';
import { SolBmc, ipmitoolArgs, startSolBmc, until } from './helpers/sol-bmc';

/** The device layer's SOL (src/client/sol) and `bmcbridge ipmi sol` against the virtual BMC (issue 9). */
describe('SOL from the bmcbridge client', function () {
  this.timeout(60_000);
  let b: SolBmc;
  const clients: IpmiClient[] = [];
  const client = (o: { suite?: number; user?: string; password?: string; privilege?: 'user' | 'administrator'; iface?: 'lan' | 'lanplus' } = {}) => {
    const c = connect({
      kind: 'lan',
      host: b.host,
      port: b.port,
      user: o.user ?? 'admin',
      password: o.password ?? 'password',
      cipherSuite: o.suite ?? 17,
      privilege: o.privilege,
      interface: o.iface,
    });
    clients.push(c);
    return c;
  };
  const output = (sol: SolConsole) => {
    const box = { text: '' };
    sol.onData((d) => (box.text += d.toString('latin1')));
    return box;
  };

  before(async () => (b = await startSolBmc()));
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
    b.bmc.sol.deactivate('test cleanup', false);
  });
  after(async () => b.close());

  for (const [suite, security] of [
    [17, { encrypt: true, authenticate: true }],
    [3, { encrypt: true, authenticate: true }],
    [2, { encrypt: false, authenticate: true }],
    [1, { encrypt: false, authenticate: false }],
  ] as const)
    it(`cipher suite ${suite}: the payload is ${security.encrypt ? 'encrypted' : 'not encrypted'} and ${security.authenticate ? 'authenticated' : 'not authenticated'}; login and hostname work`, async () => {
      const sol = await SolConsole.open(client({ suite }));
      assert.deepEqual(b.bmc.sol.active!.security, security);
      const o = output(sol);
      sol.write('\r');
      await until(() => /login: $/.test(o.text), 'the login prompt');
      sol.write('root\rbmcbridge\rhostname\r');
      await until(() => o.text.includes('hostname\r\nvm1\r\nroot@vm1:~# '), 'the hostname');
      sol.write('exit\r');
      await until(() => o.text.endsWith('login: '), 'the logout');
      await sol.close();
      assert.equal(b.bmc.sol.active, undefined);
    });

  it('a second console gets 80h with the command\'s own text; steal takes it (Administrator); the first is told', async () => {
    const first = await SolConsole.open(client());
    let ended = '';
    first.onEnd((w) => (ended = w));
    await assert.rejects(SolConsole.open(client()), (e: unknown) => e instanceof CompletionCodeError && e.message === 'Activate Payload: Payload already active on another session (0x80)');
    const second = await SolConsole.open(client(), { steal: true });
    await until(() => ended !== '', 'the first console to hear of it');
    assert.equal(ended, `SOL deactivated by ${b.host}:${b.port}`);
    assert.equal(b.bmc.sol.active!.session.id, second.sessionId);
    await second.close();
  });

  it('an IPMI v1.5 link cannot carry SOL', async () => {
    await assert.rejects(SolConsole.open(client({ iface: 'lan' })), SessionError);
  });

  it('without forced encryption and authentication, a console may ask for neither', async () => {
    b.bmc.sol.config.set(2, Buffer.from([0x02]));
    try {
      const sol = await SolConsole.open(client({ suite: 17 }), { encrypt: false, authenticate: false });
      assert.deepEqual(b.bmc.sol.active!.security, { encrypt: false, authenticate: false });
      const o = output(sol);
      sol.write('\r');
      await until(() => /login: $/.test(o.text), 'the login prompt');
      await sol.close();
    } finally {
      b.bmc.sol.config.set(2, Buffer.from([0xc2]));
    }
  });

  it('Suspend/Resume Payload Encryption: refused while encryption is forced, allowed otherwise; 83h with no instance', async () => {
    const c = client();
    await assert.rejects(c.call(SuspendResumePayloadEncryption, { payload: { type: 1 }, instance: { number: 1 }, operation: { op: 0 } }), /The payload instance is not presently active \(0x83\)/);
    await SolConsole.open(c);
    await assert.rejects(c.call(SuspendResumePayloadEncryption, { payload: { type: 1 }, instance: { number: 1 }, operation: { op: 0 } }), /Operation not allowed under present configuration \(0x81\)/);
    await assert.rejects(c.call(SuspendResumePayloadEncryption, { payload: { type: 1 }, instance: { number: 1 }, operation: { op: 2 } }), /Operation not supported \(0x80\)/);
    b.bmc.sol.config.set(2, Buffer.from([0x42]));
    try {
      await c.call(SuspendResumePayloadEncryption, { payload: { type: 1 }, instance: { number: 1 }, operation: { op: 0 } });
      assert.equal(b.bmc.sol.active!.security.encrypt, false);
      await c.call(SuspendResumePayloadEncryption, { payload: { type: 1 }, instance: { number: 1 }, operation: { op: 1 } });
      assert.equal(b.bmc.sol.active!.security.encrypt, true);
    } finally {
      b.bmc.sol.config.set(2, Buffer.from([0xc2]));
    }
  });

  it('Get Channel Payload Support lists SOL; Get Channel Payload Version says 1.0 for IPMI and SOL on LAN, 80h otherwise', async () => {
    const c = client();
    assert.equal((await c.call(GetChannelPayloadSupport, { channel: { number: 1 } })).standard.sol, true);
    assert.deepEqual(await c.call(GetChannelPayloadVersion, { channel: { number: 0x0e }, payloadType: 1 }), { version: { major: 1, minor: 0 } });
    assert.deepEqual(await c.call(GetChannelPayloadVersion, { channel: { number: 1 }, payloadType: 0 }), { version: { major: 1, minor: 0 } });
    await assert.rejects(c.call(GetChannelPayloadVersion, { channel: { number: 1 }, payloadType: 2 }), /Payload type not available on given channel \(0x80\)/);
    await assert.rejects(c.call(GetChannelPayloadVersion, { channel: { number: 2 }, payloadType: 1 }), /\(0x80\)/);
  });

  it('ConsoleRecorder keeps the console open: records history and a log file, and activates again after losing it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmcbridge-rec-'));
    const file = path.join(dir, 'vm1.log');
    const rec = new ConsoleRecorder(client(), { file, historyBytes: 64, reopenMs: 100, steal: true });
    try {
      rec.start();
      await until(() => !!rec.console, 'the recorder to activate');
      rec.console!.write('\r');
      await until(() => rec.history().toString('latin1').endsWith('vm1 login: '), 'the login prompt in the history');
      // An administrator elsewhere takes the console away; the recorder takes it back.
      await client().call(DeactivatePayload, { payload: { type: 1 }, instance: { number: 1 }, auxiliary: Buffer.alloc(4) });
      await until(() => rec.counts.activations === 2, 'the second activation');
      rec.console!.write('\r');
      await until(() => rec.history().toString('latin1').endsWith('\r\nvm1 login: \r\nvm1 login: '), 'the second prompt');
      assert.equal(rec.history().toString('latin1'), '\r\nvm1 login: \r\nvm1 login: ');
      // The history keeps the last 64 bytes.
      rec.console!.write('\r\r\r\r\r\r');
      await until(() => rec.counts.bytes === 26 + 6 * 13, 'six more prompts');
      assert.equal(rec.history().toString('latin1'), '\r\nvm1 login: '.repeat(8).slice(-64));
      await rec.stop();
      assert.equal(fs.readFileSync(file, 'latin1'), '\r\nvm1 login: '.repeat(8));
      assert.equal(b.bmc.sol.active, undefined, 'stop() deactivated it');
    } finally {
      await rec.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('bmcbridge ipmi sol', () => {
    const base = () => ['-I', 'lanplus', '-H', b.host, '-p', String(b.port), '-U', 'admin', '-P', 'password'];
    const cli = async (args: string[], terminal?: { input: PassThrough; write(d: Buffer): void }) => {
      const io = { out: '', err: '' };
      const status = await runIpmi([...base(), ...args], { stdout: (t) => (io.out += t), stderr: (t) => (io.err += t), terminal });
      return { status, ...io };
    };

    it('sol info and sol set print what ipmitool prints', async function () {
      requirePeers(this.test!.parent!, ['ipmitool']);
      const ours = await cli(['sol', 'info']);
      const theirs = await run('ipmitool', [...ipmitoolArgs(b), 'sol', 'info']);
      assert.equal(ours.out, theirs.stdout);
      assert.deepEqual(await cli(['sol', 'set', 'retry-count', '5']), { status: 0, out: '', err: '' });
      assert.match((await run('ipmitool', [...ipmitoolArgs(b), 'sol', 'info'])).stdout, /Retry Count {21}: 5\n/);
      assert.equal((await cli(['sol', 'set', 'retry-count', '9'])).status, 2);
      assert.deepEqual(await cli(['sol', 'set', 'retry-count', '7']), { status: 0, out: '', err: '' });
      assert.deepEqual(await cli(['sol', 'deactivate']), { status: 1, out: '', err: 'Info: SOL payload already de-activated\n' });
    });

    it('sol activate: an interactive console with ~? help, ~B break, ~~ for a literal ~, and ~. to leave', async () => {
      const input = new PassThrough();
      let screen = '';
      const pending = cli(['sol', 'activate'], { input, write: (d) => (screen += d.toString('latin1')) });
      await until(() => screen.includes('[SOL Session operational.  Use ~? for help]\r\n'), 'the banner');
      input.write('~?');
      await until(() => screen.includes(' ~.  - terminate connection'), 'the help');
      input.write('\rroot\rbmcbridge\r');
      await until(() => screen.endsWith('root@vm1:~# '), 'the shell');
      input.write('echo a~b\r');
      await until(() => screen.endsWith('a~b\r\nroot@vm1:~# '), 'a ~ in the middle of a line passes');
      input.write('~~home\r');
      await until(() => screen.endsWith('-bash: ~home: command not found\r\nroot@vm1:~# '), '~~ sends one ~');
      input.write('~B');
      await until(() => screen.includes('~B [send break]'), 'the break');
      input.write('h');
      await until(() => screen.includes('sysrq: HELP'), 'the SysRq help');
      input.write('\rexit\r~.');
      const r = await pending;
      assert.deepEqual(r, { status: 0, out: '', err: '' });
      assert.ok(screen.endsWith('~. [terminated bmcbridge]\r\n'));
      assert.equal(b.bmc.sol.active, undefined);
    });
  });
});
