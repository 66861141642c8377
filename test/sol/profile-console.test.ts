import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigErrors } from '../../src/lib/errors';
import { SimDeviceSpec, loadInventory } from '../../src/profile';

/** devices/*.yaml `console:` and `powerHooks:` sections (issue 9): defaults, paths, and problems naming file, pointer and reason. */
describe('devices file: console and powerHooks sections', () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmcbridge-console-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (text: string) => {
    const f = path.join(dir, `d${Math.random().toString(36).slice(2)}.yaml`);
    fs.writeFileSync(f, text);
    return f;
  };
  const entry = (extra: string) => `devices:\n  - name: vm1\n    kind: sim\n    profile: generic-1u\n${extra}`;
  const problems = (f: string): string[] => {
    try {
      loadInventory(f);
    } catch (e) {
      if (e instanceof ConfigErrors) return e.problems.map((p) => p.message.replace(f, '<file>'));
      throw e;
    }
    return assert.fail('expected ConfigErrors');
  };

  it('no section: no console or hooks in the spec (the BMC makes a simulated console on first use)', () => {
    const d = loadInventory(write(entry(''))).devices[0] as SimDeviceSpec;
    assert.equal(d.console, undefined);
    assert.equal(d.powerHooks, undefined);
  });

  it('simulated console: defaults filled in, login and log file as given (log file relative to the devices file)', () => {
    const d = loadInventory(write(entry('    console: { kind: simulated, login: { user: admin, password: s3cret }, logFile: logs/vm1.log }\n'))).devices[0] as SimDeviceSpec;
    assert.deepEqual(d.console, {
      kind: 'simulated',
      historyBytes: 65536,
      flowControl: false,
      logFile: path.join(dir, 'logs/vm1.log'),
      login: { user: 'admin', password: 's3cret' },
      lineDelayMs: 20,
      modemControl: false,
    });
  });

  it('socket, pty and command consoles; power hooks with relative program paths resolved', () => {
    const f = write(
      'devices:\n' +
        '  - { name: a, kind: sim, profile: generic-1u, console: { kind: socket, path: run/a.sock, historyBytes: 1024 } }\n' +
        '  - { name: b, kind: sim, profile: generic-1u, console: { kind: socket, host: 127.0.0.1, port: 4555, reconnectMs: 200 } }\n' +
        '  - { name: c, kind: sim, profile: generic-1u, console: { kind: pty, path: /dev/pts/9, baud: 9600, flowControl: true } }\n' +
        '  - name: d\n    kind: sim\n    profile: generic-1u\n    console: { kind: command, command: [virsh, console, d, --force] }\n' +
        '    powerHooks: { command: [./hooks/vm-power, d], statusCommand: [virsh, domstate, d], timeoutMs: 5000 }\n',
    );
    const [a, b, c, d] = loadInventory(f).devices as SimDeviceSpec[];
    assert.deepEqual(a.console, { kind: 'socket', historyBytes: 1024, flowControl: false, path: path.join(dir, 'run/a.sock'), reconnectMs: 1000 });
    assert.deepEqual(b.console, { kind: 'socket', historyBytes: 65536, flowControl: false, host: '127.0.0.1', port: 4555, reconnectMs: 200 });
    assert.deepEqual(c.console, { kind: 'pty', historyBytes: 65536, flowControl: true, path: '/dev/pts/9', baud: 9600 });
    assert.deepEqual(d.console, { kind: 'command', historyBytes: 65536, flowControl: false, command: ['virsh', 'console', 'd', '--force'], restartMs: 1000 });
    assert.deepEqual(d.powerHooks, { command: [path.join(dir, 'hooks/vm-power'), 'd'], statusCommand: ['virsh', 'domstate', 'd'], timeoutMs: 5000, statusCacheMs: 1000 });
  });

  it('problems name the file, the pointer and the reason, all together', () => {
    const f = write(
      'devices:\n' +
        '  - { name: a, kind: sim, profile: generic-1u, console: { kind: telnet } }\n' +
        '  - { name: b, kind: sim, profile: generic-1u, console: { kind: socket } }\n' +
        '  - { name: c, kind: sim, profile: generic-1u, console: { kind: socket, path: /x, port: 1 } }\n' +
        '  - { name: d, kind: sim, profile: generic-1u, console: { kind: pty, baud: 12 } }\n' +
        '  - { name: e, kind: sim, profile: generic-1u, console: { kind: command, command: [] } }\n' +
        '  - { name: f, kind: sim, profile: generic-1u, console: { kind: simulated, colour: blue } }\n' +
        '  - { name: g, kind: sim, profile: generic-1u, powerHooks: { timeoutMs: 1000 } }\n' +
        '  - { name: h, kind: sim, profile: generic-1u, powerHooks: { command: virsh } }\n',
    );
    assert.deepEqual(problems(f).sort(), [
      '<file>: /devices/0/console/kind: must be one of: simulated, pty, socket, command (line 2)',
      '<file>: /devices/1/console/host: a socket console needs path (a Unix socket), or host and port (TCP) (line 3)',
      '<file>: /devices/2/console/path: give either path (a Unix socket) or host and port (TCP), not both (line 4)',
      '<file>: /devices/3/console/baud: must be >= 300 (line 5)',
      '<file>: /devices/3/console/path: required field is missing (line 5)',
      '<file>: /devices/4/console/command: must NOT have fewer than 1 items (line 6)',
      '<file>: /devices/5/console/colour: unknown field (line 7)',
      '<file>: /devices/6/powerHooks/command: powerHooks needs command (run for power and boot device changes), statusCommand (prints the power state), or both (line 8)',
      '<file>: /devices/7/powerHooks/command: must be a list (line 9)',
    ]);
  });
});
