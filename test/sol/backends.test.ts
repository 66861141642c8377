import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SerialPort } from 'serialport';
import { connect, IpmiClient } from '../../src/client';
import { SolConsole } from '../../src/client/sol';
import { requirePeers } from '../helpers/peers';
import { startPtyPair, PtyPair } from '../client/helpers/pty';
import { SolBmc, fastConsole, startSolBmc, until } from './helpers/sol-bmc';

/** The pty and command console back ends, the history and the console log file (issue 9), through the bmcbridge SOL client. */
describe('console back ends: pty, command, history and log file', function () {
  this.timeout(60_000);
  let b: SolBmc | undefined;
  let client: IpmiClient | undefined;
  afterEach(async () => {
    await client?.close();
    await b?.close();
    client = b = undefined;
  });
  const open = async (bmc: SolBmc) => {
    client = connect({ kind: 'lan', host: bmc.host, port: bmc.port, user: 'admin', password: 'password', cipherSuite: 17 });
    const sol = await SolConsole.open(client);
    const box = { text: '' };
    sol.onData((d) => (box.text += d.toString('latin1')));
    return { sol, box };
  };

  describe('pty', function () {
    requirePeers(this, ['socat']);
    let pair: PtyPair;
    let vm: SerialPort;
    before(async () => {
      pair = await startPtyPair();
      vm = new SerialPort({ path: pair.b, baudRate: 115200, autoOpen: false });
      await new Promise<void>((r, j) => vm.open((e) => (e ? j(e) : r())));
    });
    after(async () => {
      await new Promise<void>((r) => vm.close(() => r()));
      await pair.close();
    });

    it('characters both ways through a pty pair (the VM on the other end)', async () => {
      b = await startSolBmc({ console: { kind: 'pty', path: pair.a, baud: 115200, historyBytes: 4096, flowControl: false } });
      await until(() => b!.bmc.sol.console.available, 'the pty to open');
      const got: Buffer[] = [];
      vm.on('data', (d: Buffer) => got.push(d));
      const { sol, box } = await open(b);
      sol.write('ls /\r');
      await until(() => Buffer.concat(got).toString('latin1') === 'ls /\r', 'the keystrokes on the VM side');
      vm.write('bin  boot  dev  etc\r\n$ ');
      await until(() => box.text === 'bin  boot  dev  etc\r\n$ ', 'the VM output at the console');
      assert.equal(b.bmc.sol.console.history.contents().toString('latin1'), 'bin  boot  dev  etc\r\n$ ');
      await sol.close();
    });
  });

  it('command: the command\'s stdout is the output, its stdin the input; it is started again after it exits', async () => {
    b = await startSolBmc({ console: { kind: 'command', command: ['sh', '-c', 'echo "console up"; read line; echo "bye $line"'], restartMs: 50, historyBytes: 4096, flowControl: false } });
    const history = () => b!.bmc.sol.console.history.contents().toString('latin1');
    await until(() => history() === 'console up\n', 'the command to start');
    const { sol, box } = await open(b);
    sol.write('now\n');
    await until(() => history() === 'console up\nbye now\nconsole up\n', 'the answer, the exit and the restart');
    await until(() => box.text === 'bye now\nconsole up\n', 'both at the console');
    await sol.close();
  });

  it('history keeps the last historyBytes of output; the log file gets all of it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmcbridge-conlog-'));
    const logFile = path.join(dir, 'logs', 'vm1.log');
    try {
      b = await startSolBmc({ console: fastConsole({ historyBytes: 32, logFile }) });
      const { sol, box } = await open(b);
      sol.write('\r\r\r');
      await until(() => box.text === '\r\nvm1 login: '.repeat(3), 'three prompts');
      assert.equal(b.bmc.sol.console.history.contents().toString('latin1'), '\r\nvm1 login: '.repeat(3).slice(-32));
      await sol.close();
      await b.bmc.sol.close();
      assert.equal(fs.readFileSync(logFile, 'latin1'), '\r\nvm1 login: '.repeat(3));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
