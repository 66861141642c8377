import assert from 'node:assert/strict';
import { spawn, ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { requirePeers, run } from '../helpers/peers';

/** The `bmcbridge` command as a user runs it (through tsx, so no build is needed). */
const ROOT = path.resolve(__dirname, '../..');
const CLI = ['--require', 'tsx/cjs', path.join(ROOT, 'src', 'cli.ts')];
const bmcbridge = (args: string[], env: NodeJS.ProcessEnv = {}) => run(process.execPath, [...CLI, ...args], { env: { ...process.env, ...env }, timeout: 60000 });

describe('bmcbridge command line', function () {
  this.timeout(90000);
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bmcbridge-cli-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('a wrong flag: one line on stderr, exit code 2', async () => {
    const r = await bmcbridge(['start', '--bogus']);
    assert.equal(r.status, 2);
    assert.equal(r.stderr.trim(), "error: unknown option '--bogus'");
  });
  it('a missing devices file: one line, exit code 2', async () => {
    const r = await bmcbridge(['start', '--devices', path.join(tmp, 'nope.yaml')]);
    assert.equal(r.status, 2);
    assert.equal(r.stderr.trim(), `bmcbridge: devices file not found: ${path.join(tmp, 'nope.yaml')}`);
  });
  it('a broken devices file: every problem with file, path and line, exit code 1', async () => {
    const f = path.join(tmp, 'bad.yaml');
    fs.writeFileSync(f, 'devices:\n  - name: a\n    kind: sim\n    profile: no-such-profile\n  - name: b\n    kind: sim\n    profile: generic-1u\n    lan: { host: 127.0.0.1, port: 99999 }\n');
    const r = await bmcbridge(['start', '--devices', f, '--state', tmp]);
    assert.equal(r.status, 1);
    const lines = r.stderr.trim().split('\n').sort();
    assert.equal(lines.length, 2, r.stderr);
    assert.match(lines[0], new RegExp(`^bmcbridge: config error: ${f.replace(/[.]/g, '\\.')}: /devices/0/profile: .*no-such-profile`));
    assert.match(lines[1], new RegExp(`^bmcbridge: config error: ${f.replace(/[.]/g, '\\.')}: /devices/1/lan/port: .*65535`));
  });
  it('sim --user with a bad privilege: exit code 2', async () => {
    const r = await bmcbridge(['sim', '--profile', 'generic-1u', '--user', 'admin:pw:root']);
    assert.equal(r.status, 2);
    assert.equal(r.stderr.trim(), "bmcbridge: --user takes name:password[:privilege], got 'admin:pw:root'");
  });

  describe('start with a devices file, then SIGTERM', function () {
    requirePeers(this, ['ipmitool']);
    let child: ChildProcess | undefined;
    afterEach(() => child?.kill('SIGKILL'));
    it('prints the devices and how to try them; ipmitool reaches them; SIGTERM stops cleanly', async () => {
      const f = path.join(tmp, 'two.yaml');
      fs.writeFileSync(
        f,
        ['devices:', ...['a', 'b'].flatMap((n, i) => [`  - name: bmc-${n}`, '    kind: sim', '    profile: generic-1u', `    lan: { host: 127.0.0.1, port: ${17820 + i} }`, '    overrides:', '      users: [{ name: admin, password: password, privilege: administrator }]'])].join('\n') + '\n',
      );
      // As `npm start` runs it: npm sets npm_lifecycle_event, and bmcbridge is not on PATH then.
      child = spawn(process.execPath, [...CLI, 'start', '--devices', f, '--state', path.join(tmp, 'state'), '--no-wsman', '--metrics', '127.0.0.1:17829', '--log-level', 'warn'], { env: { ...process.env, npm_lifecycle_event: 'start' } });
      let out = '';
      child.stdout!.on('data', (d) => (out += d));
      for (let i = 0; i < 200 && !out.includes('Try:'); i++) await new Promise((r) => setTimeout(r, 100));
      assert.match(out, /^ {2}bmc-a {14}generic-1u {15}udp:\/\/127\.0\.0\.1:17820$/m);
      assert.match(out, /^ {2}bmc-b {14}generic-1u {15}udp:\/\/127\.0\.0\.1:17821$/m);
      assert.match(out, /ipmitool -I lanplus -C 17 -H 127\.0\.0\.1 -p 17820 -U admin -P password chassis status/);
      assert.match(out, /curl -s 'http:\/\/127\.0\.0\.1:17829\/ipmi\?target=bmc-a'/);
      assert.match(out, /^ {2}npx bmcbridge ctl --url http:\/\/127\.0\.0\.1:\d+ devices$/m);
      assert.match(out, /^ {2}npx bmcbridge ctl set bmc-a '[^']+' 0 {3}# fail a fan/m);
      const r = await run('ipmitool', ['-I', 'lanplus', '-C', '17', '-H', '127.0.0.1', '-p', '17821', '-U', 'admin', '-P', 'password', 'chassis', 'power', 'status']);
      assert.equal(r.stdout.trim(), 'Chassis Power is on');
      const exited = new Promise<number | null>((res) => child!.once('exit', (code) => res(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
      child = undefined;
    });
    it('run directly (not through npm), prints the commands as plain `bmcbridge`', async () => {
      const f = path.join(tmp, 'one.yaml');
      fs.writeFileSync(f, ['devices:', '  - name: bmc-c', '    kind: sim', '    profile: generic-1u', '    lan: { host: 127.0.0.1, port: 17822 }'].join('\n') + '\n');
      const env = { ...process.env };
      delete env.npm_lifecycle_event;
      child = spawn(process.execPath, [...CLI, 'start', '--devices', f, '--state', path.join(tmp, 'state-c'), '--no-wsman', '--no-metrics', '--log-level', 'warn'], { env });
      let out = '';
      child.stdout!.on('data', (d) => (out += d));
      for (let i = 0; i < 200 && !out.includes('fail a fan'); i++) await new Promise((r) => setTimeout(r, 100));
      assert.match(out, /^ {2}bmcbridge ctl --url http:\/\/127\.0\.0\.1:\d+ devices$/m);
      assert.doesNotMatch(out, /npx/);
      const exited = new Promise<number | null>((res) => child!.once('exit', (code) => res(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
      child = undefined;
    });
  });
});
