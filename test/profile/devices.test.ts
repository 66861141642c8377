import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { inspect } from 'node:util';
import { ConfigErrors } from '../../src/lib/errors';
import { createLogger } from '../../src/lib/logger';
import {
  DeviceSpec,
  Inventory,
  LanDeviceSpec,
  REPO_ROOT,
  SerialDeviceSpec,
  SimDeviceSpec,
  defaultDevicesFile,
  loadDevicesFile,
  loadInventory,
  redactDevice,
} from '../../src/profile';
import { ClientTarget, connect } from '../../src/client';
import { GetDeviceId } from '../../src/codec/commands/app';
import { decodeFru } from '../../src/codec/records/fru';
import { standardHandlers } from '../../src/bmc/handlers';
import { sessionHandlers } from '../../src/bmc/handlers/session';
import { startTestBmc } from '../helpers/test-bmc';

const F = path.resolve(__dirname, '../fixtures/devices');
const fx = (name: string) => path.join(F, name);
const FLEET_1000 = path.join(REPO_ROOT, 'devices/fleet-1000.yaml');

/** The problems a load throws, as "file: pointer: reason" lines with `dir` (default: the fixtures) and the repository shortened, wherever they appear. */
function problems(fn: () => unknown, dir = F): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigErrors) return e.problems.map((p) => p.message.split(dir + path.sep).join('').split(REPO_ROOT).join('<repo>'));
    throw e;
  }
  assert.fail('expected ConfigErrors');
}

const sims = (ds: readonly DeviceSpec[]) => ds.filter((d): d is SimDeviceSpec => d.kind === 'sim');
const plain = <T>(v: T): T => ({ ...v });

const ENV = { R650_PASSWORD: 'env-secret-r650', X12_PASSWORD: 'env-secret-x12', X12_KG: '0x0102030405', CONSOLE_PW: 'env-secret-console' };
const SECRETS = [...Object.values(ENV), 'inline-pw-1'];

const tmpDirs: string[] = [];
function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'bmcbridge-devices-'));
  tmpDirs.push(d);
  return d;
}

describe('devices files: kinds, credentials, fleets', () => {
  after(() => {
    for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
  });

  describe('device kinds (test/fixtures/devices/kinds.yaml)', () => {
    let inv: Inventory;
    let byName: Map<string, DeviceSpec>;
    before(() => {
      inv = loadInventory(fx('kinds.yaml'), { env: ENV });
      byName = new Map(inv.devices.map((d) => [d.name, d]));
    });

    it('a lan device: defaults are port 623, lanplus, cipher suite auto (17 then 3, by the client), administrator', () => {
      assert.deepEqual(plain(byName.get('r650')), {
        name: 'r650',
        kind: 'lan',
        host: '192.0.2.50',
        port: 623,
        user: 'root',
        password: 'env-secret-r650',
        passwordFrom: 'env:R650_PASSWORD',
        interface: 'lanplus',
        cipherSuite: 'auto',
        privilege: 'administrator',
      });
    });

    it('a lan device with every option, K_g from the environment', () => {
      assert.deepEqual(plain(byName.get('x12')), {
        name: 'x12',
        kind: 'lan',
        host: 'bmc-x12.example.net',
        port: 1623,
        user: 'ADMIN',
        password: 'env-secret-x12',
        passwordFrom: 'env:X12_PASSWORD',
        kg: '0x0102030405',
        kgFrom: 'env:X12_KG',
        interface: 'lanplus',
        cipherSuite: 3,
        privilege: 'operator',
        keepaliveMs: 0,
        timeoutMs: 2000,
        retries: 5,
        backoff: 2,
        maxInFlight: 1,
      });
    });

    it('an IPMI v1.5 lan device with an inline password (accepted, with a warning)', () => {
      assert.deepEqual(plain(byName.get('old-bmc')), {
        name: 'old-bmc',
        kind: 'lan',
        host: '192.0.2.51',
        port: 623,
        user: 'admin',
        password: 'inline-pw-1',
        passwordFrom: 'inline',
        interface: 'lan',
        cipherSuite: 'auto',
        privilege: 'administrator',
        authType: 'md5',
      });
      assert.deepEqual(
        inv.warnings.map((w) => w.message.split(F + path.sep).join('')),
        ['kinds.yaml: /devices/4/password: inline password: anyone who can read this file can use it; prefer passwordEnv or passwordFile (line 38)'],
      );
      assert.deepEqual(
        { ...inv.warnings[0], message: undefined },
        {
          file: fx('kinds.yaml'),
          path: '/devices/4/password',
          reason: 'inline password: anyone who can read this file can use it; prefer passwordEnv or passwordFile (line 38)',
          message: undefined,
        },
      );
    });

    it('serial devices: credentials optional, baud 115200 by default', () => {
      assert.deepEqual(plain(byName.get('console')), {
        name: 'console',
        kind: 'serial',
        path: '/dev/ttyUSB0',
        baud: 19200,
        mode: 'terminal',
        user: 'admin',
        password: 'env-secret-console',
        passwordFrom: 'env:CONSOLE_PW',
      });
      assert.deepEqual(plain(byName.get('console-basic')), { name: 'console-basic', kind: 'serial', path: '/dev/ttyUSB1', baud: 115200, mode: 'basic' });
    });

    it('sim devices: serial baud 115200 by default; loadDevicesFile returns the sims only', () => {
      const [a, s] = sims(inv.devices);
      assert.deepEqual([a.name, a.lan, a.serial], ['sim-a', { host: '127.0.0.1', port: 0 }, undefined]);
      assert.deepEqual([s.name, s.lan, s.serial], ['sim-serial', undefined, { path: '/dev/ttyS7', mode: 'basic', baud: 115200 }]);
      assert.deepEqual(
        loadDevicesFile(fx('kinds.yaml'), { env: ENV }).map((d) => d.name),
        ['sim-a', 'sim-serial'],
      );
      assert.deepEqual(inv.devices.map((d) => d.kind), ['sim', 'sim', 'lan', 'lan', 'lan', 'serial', 'serial']);
      assert.ok(Object.isFrozen(inv.devices) && Object.isFrozen(byName.get('x12')));
    });

    it('secrets stay out of JSON (pino), util.inspect and log lines; a spread copy keeps them for the client', () => {
      const chunks: string[] = [];
      const sink = new Writable({ write: (c, _e, cb) => (chunks.push(String(c)), cb()) });
      const log = createLogger({ level: 'info', destination: sink });
      for (const d of inv.devices) {
        log.info({ spec: d }, 'device');
        log.info({ nested: { deeper: { spec: d } } }, 'device');
        const texts = [JSON.stringify(d), inspect(d, { depth: 10 }), JSON.stringify(redactDevice(d))];
        for (const t of texts) for (const s of SECRETS) assert.ok(!t.includes(s), `${d.name}: ${s} in ${t}`);
      }
      const logged = chunks.join('');
      for (const s of SECRETS) assert.ok(!logged.includes(s), `${s} logged`);
      assert.match(logged, /"password":"\[redacted\]"/);
      assert.match(JSON.stringify(byName.get('x12')), /"passwordFrom":"env:X12_PASSWORD","kg":"\[redacted\]","kgFrom":"env:X12_KG"/);
      assert.equal(({ ...(byName.get('x12') as LanDeviceSpec) }).password, 'env-secret-x12');
      assert.ok(!('toJSON' in { ...byName.get('x12') }));
      // A sim device's users are redacted too.
      const sim = loadDevicesFile(defaultDevicesFile())[0];
      assert.ok(!JSON.stringify(sim).includes('"password":"password"'));
      assert.equal(sim.profile.users[0].password, 'password');
    });

    it('lan and serial specs are client targets as they are', () => {
      const lan: ClientTarget = byName.get('x12') as LanDeviceSpec;
      const serial: ClientTarget = byName.get('console') as SerialDeviceSpec;
      assert.deepEqual([lan.kind, serial.kind], ['lan', 'serial']);
    });
  });

  describe('credentials from a file, and logging in with a loaded spec', () => {
    let dir: string;
    before(() => {
      dir = tmpDir();
      fs.mkdirSync(path.join(dir, 'secrets'));
      const secret = (name: string, text: string, mode: number) => {
        fs.writeFileSync(path.join(dir, 'secrets', name), text);
        fs.chmodSync(path.join(dir, 'secrets', name), mode);
      };
      secret('admin.pw', 'password\nsecond line is ignored\n', 0o600);
      secret('shared.pw', 'password\r\n', 0o644);
      secret('empty.pw', '\nfile-secret-after-an-empty-line\n', 0o600);
      secret('kg', '0x00112233445566778899\n', 0o600);
    });

    const write = (text: string) => {
      const file = path.join(dir, 'devices.yaml');
      fs.writeFileSync(file, text);
      return file;
    };

    it('reads the first line, relative to the devices file (not the working directory); warns when others can read it', () => {
      const file = write(`devices:
  - { name: a, kind: lan, host: 127.0.0.1, user: admin, passwordFile: secrets/admin.pw, kgFile: secrets/kg }
  - { name: b, kind: lan, host: 127.0.0.1, user: admin, passwordFile: secrets/shared.pw }
`);
      const cwd = process.cwd();
      process.chdir(os.tmpdir());
      try {
        const inv = loadInventory(file);
        const [a, b] = inv.devices as LanDeviceSpec[];
        assert.deepEqual([a.password, a.passwordFrom, a.kg, a.kgFrom], ['password', `file:${dir}/secrets/admin.pw`, '0x00112233445566778899', `file:${dir}/secrets/kg`]);
        assert.deepEqual([b.password, b.passwordFrom], ['password', `file:${dir}/secrets/shared.pw`]);
        assert.deepEqual(
          inv.warnings.map((w) => w.message),
          [`${file}: /devices/1/passwordFile: ${dir}/secrets/shared.pw is accessible to other users (mode 0644); chmod 600 it (line 3)`],
        );
      } finally {
        process.chdir(cwd);
      }
    });

    it('an empty first line, a missing file: errors naming the file', () => {
      const file = write(`devices:
  - { name: a, kind: lan, host: 127.0.0.1, user: admin, passwordFile: secrets/empty.pw }
  - { name: b, kind: serial, path: /dev/ttyS0, mode: basic, kgFile: /nonexistent/kg }
`);
      const got = problems(() => loadInventory(file), dir);
      assert.deepEqual(got, [
        'devices.yaml: /devices/0/passwordFile: secrets/empty.pw is empty (the password is its first line) (line 2)',
        'devices.yaml: /devices/1/kgFile: cannot read /nonexistent/kg: ENOENT (line 3)',
      ]);
      assert.ok(!got.join('\n').includes('file-secret'));
    });

    it('a loaded lan spec logs in to a virtual BMC through connect(): lanplus from a password file, IPMI v1.5 from the environment', async () => {
      const bmc = await startTestBmc([...standardHandlers, ...sessionHandlers]);
      try {
        const file = write(`devices:
  - { name: plus, kind: lan, host: 127.0.0.1, port: ${bmc.port}, user: admin, passwordFile: secrets/admin.pw }
  - { name: v15, kind: lan, host: 127.0.0.1, port: ${bmc.port}, user: operator, passwordEnv: OP_PW, interface: lan, privilege: operator }
`);
        const inv = loadInventory(file, { env: { OP_PW: 'oppass' } });
        for (const spec of inv.devices as LanDeviceSpec[]) {
          const client = connect(spec);
          try {
            const id = await client.call(GetDeviceId, {});
            assert.deepEqual([spec.name, id.manufacturerId, id.productId], [spec.name, 0xa2b3, 0x1234]);
          } finally {
            await client.close();
          }
        }
      } finally {
        await bmc.close();
      }
    });
  });

  describe('credential and kind errors (test/fixtures/devices/credentials-bad.yaml)', () => {
    it('every problem, with pointer, reason and line; no secret in any of them', () => {
      const got = problems(() => loadInventory(fx('credentials-bad.yaml'), { env: { BMC_PW: 'env-secret-bmc', EMPTY_PW: '' } }));
      assert.deepEqual(got, [
        'credentials-bad.yaml: /devices/9/port: must be >= 1 (line 62)',
        'credentials-bad.yaml: /devices/9/user: must NOT have more than 16 characters (line 58)',
        'credentials-bad.yaml: /devices/9/passwordEnv: must be an environment variable name (letters, digits and "_", not starting with a digit) (line 59)',
        'credentials-bad.yaml: /devices/9/cipherSuite: must be one of: auto, 0, 1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17 (line 60)',
        'credentials-bad.yaml: /devices/9/privilege: must be one of: callback, user, operator, administrator, oem (line 61)',
        'credentials-bad.yaml: /devices/10/mode: required field is missing (line 63)',
        'credentials-bad.yaml: /devices/10/baud: must be >= 300 (line 66)',
        'credentials-bad.yaml: /devices/11/kind: must be one of: sim, lan, serial (line 68)',
        'credentials-bad.yaml: /devices/12/kind: required field is missing (sim, lan, serial; or a fleet: entry) (line 70)',
        'credentials-bad.yaml: /devices/0/passwordEnv: give only one of passwordEnv, passwordFile and password (this device also has password) (line 8)',
        'credentials-bad.yaml: /devices/1/passwordEnv: required field is missing: give the password as passwordEnv (an environment variable), passwordFile (a file) or password (inline) (line 10)',
        'credentials-bad.yaml: /devices/2/passwordEnv: environment variable NOT_SET_ANYWHERE is not set (line 18)',
        'credentials-bad.yaml: /devices/3/passwordEnv: environment variable EMPTY_PW is empty (line 23)',
        'credentials-bad.yaml: /devices/4/passwordFile: cannot read secrets/missing.pw: ENOENT (line 28)',
        'credentials-bad.yaml: /devices/5/password: the password from the devices file is longer than 20 bytes (v2.0 §22.29) (line 33)',
        'credentials-bad.yaml: /devices/6/password: the password from the devices file is longer than 16 bytes (v2.0 §22.29) (line 39)',
        'credentials-bad.yaml: /devices/7/cipherSuite: cipher suites are for interface lanplus (IPMI v2.0 RMCP+); this device uses lan (IPMI v1.5) (line 46)',
        'credentials-bad.yaml: /devices/7/kg: K_g is for interface lanplus (IPMI v2.0 RMCP+); IPMI v1.5 sessions have none (line 47)',
        'credentials-bad.yaml: /devices/8/authType: authentication types are for interface lan (IPMI v1.5); this device uses lanplus (RMCP+) (line 53)',
        'credentials-bad.yaml: /devices/8/kg: the K_g from the devices file starts with 0x but is not an even number of hex digits (line 54)',
        'credentials-bad.yaml: /devices/14/name: duplicate device name "sim-on-ttyS1": also used by /devices/13 (line 76)',
        'credentials-bad.yaml: /devices/14/path: serial line /dev/ttyS1 also used by /devices/13 (line 78)',
        'credentials-bad.yaml: /devices/14/kgFile: cannot read secrets/missing.kg: ENOENT (line 81)',
      ]);
      const text = got.join('\n');
      for (const s of ['s3cret', 'env-secret-bmc']) assert.ok(!text.includes(s), s);
    });

    it('each problem is a ConfigError with the file, the JSON pointer and the reason', () => {
      try {
        loadInventory(fx('credentials-bad.yaml'), { env: {} });
        assert.fail('expected ConfigErrors');
      } catch (e) {
        assert.ok(e instanceof ConfigErrors);
        const p = e.problems.find((x) => x.path === '/devices/2/passwordEnv')!;
        assert.deepEqual([p.code, p.file, p.path, p.reason], ['BMCBRIDGE_ERR_CONFIG', fx('credentials-bad.yaml'), '/devices/2/passwordEnv', 'environment variable NOT_SET_ANYWHERE is not set (line 18)']);
      }
    });

    it('a password too long in the environment names the variable, not the value', () => {
      const file = path.join(tmpDir(), 'd.yaml');
      fs.writeFileSync(file, 'devices:\n  - { name: a, kind: lan, host: 127.0.0.1, user: admin, passwordEnv: LONG_PW }\n');
      assert.deepEqual(problems(() => loadInventory(file, { env: { LONG_PW: 'x'.repeat(21) } }), path.dirname(file)), [
        'd.yaml: /devices/0/passwordEnv: the password from environment variable LONG_PW is longer than 20 bytes (v2.0 §22.29) (line 2)',
      ]);
    });
  });

  describe('fleets (test/fixtures/devices/fleets.yaml)', () => {
    let inv: Inventory;
    let all: SimDeviceSpec[], rack: SimDeviceSpec[], edge: SimDeviceSpec[], quiet: SimDeviceSpec[];
    before(() => {
      inv = loadInventory(fx('fleets.yaml'), { stateRoot: '/var/lib/bmcbridge' });
      all = sims(inv.devices);
      rack = all.filter((d) => d.fleet?.name === 'rack1-bmc-{index:03}');
      edge = all.filter((d) => d.fleet?.name === 'edge{index}');
      quiet = all.filter((d) => d.fleet?.name === 'quiet-{index:02}');
    });

    it('expands into members: names from the pattern, consecutive ports or addresses, state directories', () => {
      assert.deepEqual(
        all.map((d) => [d.name, d.lan && `${d.lan.host}:${d.lan.port}`, d.fleet?.index, d.stateDir]),
        [
          ['lab-sim', '127.0.0.1:6999', undefined, '/var/lib/bmcbridge/lab-sim'],
          ['rack1-bmc-001', '127.0.0.1:7000', 1, '/var/lib/bmcbridge/rack1-bmc-001'],
          ['rack1-bmc-002', '127.0.0.1:7001', 2, '/var/lib/bmcbridge/rack1-bmc-002'],
          ['rack1-bmc-003', '127.0.0.1:7002', 3, '/var/lib/bmcbridge/rack1-bmc-003'],
          ['rack1-bmc-004', '127.0.0.1:7003', 4, '/var/lib/bmcbridge/rack1-bmc-004'],
          // an address range runs over .255 and .0: every 127/8 address is local
          ['edge0', '127.0.1.254:623', 0, path.join(F, 'state/edge/edge0')],
          ['edge1', '127.0.1.255:623', 1, path.join(F, 'state/edge/edge1')],
          ['edge2', '127.0.2.0:623', 2, path.join(F, 'state/edge/edge2')],
          ['quiet-09', undefined, 9, '/var/lib/bmcbridge/quiet-09'],
          ['quiet-10', undefined, 10, '/var/lib/bmcbridge/quiet-10'],
        ],
      );
      assert.deepEqual(new Set(rack.map((d) => d.profile.id)), new Set(['generic-1u']));
      assert.deepEqual(rack[0].profile.users, [{ name: 'admin', password: 'password', privilege: 'administrator' }]);
    });

    it('derives GUIDs and MACs from (fleet name, index): unique, the same on every load and whatever else the file holds', () => {
      const mac = (fleet: string, index: number) => {
        const h = crypto.createHash('sha1').update(`bmcbridge\0fleet\0${fleet}`).digest();
        return ['02', ...h.subarray(0, 3).toString('hex').match(/../g)!, (index >> 8).toString(16).padStart(2, '0'), (index & 0xff).toString(16).padStart(2, '0')].join(':');
      };
      assert.deepEqual(rack.map((d) => d.profile.lan.macAddress), [1, 2, 3, 4].map((i) => mac('rack1-bmc-{index:03}', i)));
      assert.deepEqual(edge.map((d) => d.profile.lan.macAddress), [0, 1, 2].map((i) => mac('edge{index}', i)));
      const guids = all.map((d) => d.profile.identity.guid);
      assert.equal(new Set(guids).size, all.length);
      assert.equal(new Set(rack.map((d) => d.profile.identity.systemGuid)).size, 4);
      for (const g of guids) assert.match(g, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      // The rack alone, in another file: the same identities.
      const dir = tmpDir();
      const text = fs.readFileSync(fx('fleets.yaml'), 'utf8').replace(/\.\.\/profiles\//g, `${path.resolve(F, '../profiles')}/`);
      const rackOnly = text.split('\n  - fleet:\n      name: edge')[0].replace(/ {2}- name: lab-sim[\s\S]*?port: 6999 \}\n\n/, '');
      fs.writeFileSync(path.join(dir, 'rack.yaml'), rackOnly);
      const again = sims(loadInventory(path.join(dir, 'rack.yaml')).devices);
      assert.deepEqual(again.map((d) => d.name), ['rack1-bmc-001', 'rack1-bmc-002', 'rack1-bmc-003', 'rack1-bmc-004']);
      assert.deepEqual(
        again.map((d) => [d.profile.identity.guid, d.profile.identity.systemGuid, d.profile.lan.macAddress]),
        rack.map((d) => [d.profile.identity.guid, d.profile.identity.systemGuid, d.profile.lan.macAddress]),
      );
    });

    it('memberOverrides: templates per member ({index:0N}, {name}, {host}, {port}, {ip:BASE}, {mac:BASE}) over the profile', () => {
      assert.deepEqual(
        rack.map((d) => [d.profile.lan.ipAddress, d.profile.lan.defaultGatewayMac, d.profile.identity.systemName, d.profile.lan.subnetMask]),
        [
          ['10.1.0.1', '02:00:5e:ff:00:01', 'rack1-bmc-001.example.net:7000', '255.255.255.0'],
          ['10.1.0.2', '02:00:5e:ff:00:02', 'rack1-bmc-002.example.net:7001', '255.255.255.0'],
          ['10.1.0.3', '02:00:5e:ff:00:03', 'rack1-bmc-003.example.net:7002', '255.255.255.0'],
          ['10.1.0.4', '02:00:5e:ff:00:04', 'rack1-bmc-004.example.net:7003', '255.255.255.0'],
        ],
      );
      const product = (d: SimDeviceSpec) => decodeFru(Buffer.from(d.profile.fru!.find((f) => f.id === 0)!.image, 'hex')).product!;
      assert.deepEqual(
        rack.map((d) => [String(product(d).serialNumber), String(product(d).assetTag), String(product(d).productName)]),
        [
          ['SRV10000001', 'rack1-bmc-001@127.0.0.1', '1U Server'],
          ['SRV10000002', 'rack1-bmc-002@127.0.0.1', '1U Server'],
          ['SRV10000003', 'rack1-bmc-003@127.0.0.1', '1U Server'],
          ['SRV10000004', 'rack1-bmc-004@127.0.0.1', '1U Server'],
        ],
      );
    });

    it('an address-range member reports its address as its BMC IP; overrides win over derived values (with a warning for the shared GUID)', () => {
      assert.deepEqual(edge.map((d) => d.profile.lan.ipAddress), ['127.0.1.254', '127.0.1.255', '127.0.2.0']);
      assert.deepEqual(quiet.map((d) => d.profile.lan.ipAddress), ['0.0.0.0', '0.0.0.0'], 'no listener, no address: the profile\'s');
      assert.deepEqual(new Set(edge.map((d) => d.profile.identity.systemGuid)), new Set(['01234567-89ab-cdef-0123-456789abcdef']));
      assert.deepEqual(
        inv.warnings.map((w) => w.message.split(F + path.sep).join('')),
        ['fleets.yaml: /devices/2: 2 devices share a system GUID with an earlier device, the first: edge1 has the system GUID 01234567-89ab-cdef-0123-456789abcdef of edge0 (line 24)'],
      );
    });
  });

  it('fleet errors (test/fixtures/devices/fleets-bad.yaml): ranges, names, templates, members, collisions', () => {
    assert.deepEqual(problems(() => loadInventory(fx('fleets-bad.yaml'))), [
      'fleets-bad.yaml: /devices/4/fleet/lan/host: unknown field (line 26)',
      'fleets-bad.yaml: /devices/4/fleet/lan/addressRange: must be a range of IPv4 addresses like 127.0.1.1-127.0.4.232 (line 26)',
      'fleets-bad.yaml: /devices/23/fleet/profile: required field is missing (line 119)',
      'fleets-bad.yaml: /devices/23/fleet/count: must be >= 1 (line 121)',
      'fleets-bad.yaml: /devices/1/fleet/lan/portStart: ports 65000-65599 for 600 members run past 65535 (the last start that fits is 64936) (line 11)',
      'fleets-bad.yaml: /devices/2/fleet/lan/addressRange: holds 4 addresses; the fleet has 5 members (line 16)',
      'fleets-bad.yaml: /devices/3/fleet/lan/addressRange: the first address is after the last (line 21)',
      'fleets-bad.yaml: /devices/5/fleet/name: must contain {index} (or {index:03} and the like), so that every member has its own name (line 28)',
      'fleets-bad.yaml: /devices/6/fleet/name: "{name}": only {index} or {index:0N} may be used here (line 32)',
      'fleets-bad.yaml: /devices/7/fleet/name: member names must be letters, digits, ".", "_" or "-", starting with a letter or digit (line 36)',
      'fleets-bad.yaml: /devices/8/fleet/name: member names must be at most 64 characters ("a-very-long-fleet-name-that-goes-on-and-on-and-on-for-ever-000001" has 65) (line 40)',
      'fleets-bad.yaml: /devices/9/fleet/count: the last index, 65539 (start 65530 + count 10 - 1), is beyond 65535 (line 45)',
      'fleets-bad.yaml: /devices/10/fleet/memberOverrides/identity/systemName: unknown placeholder "{rack}" (known: {index}, {index:0N}, {name}, {host}, {port}, {ip:BASE}, {mac:BASE}) (line 53)',
      'fleets-bad.yaml: /devices/10/fleet/memberOverrides/identity/productName: "{index:3}": the index format is 0 and a width up to 20, like {index:03} (line 53)',
      'fleets-bad.yaml: /devices/10/fleet/memberOverrides/lan/ipAddress: "{ip:255.255.255.0}": 255.255.255.0 + 299 (the last index) is beyond 255.255.255.255 (line 54)',
      'fleets-bad.yaml: /devices/10/fleet/memberOverrides/lan/subnetMask: "{ip:10.0.0}": give a base IPv4 address, like {ip:10.1.0.0} (line 54)',
      'fleets-bad.yaml: /devices/10/fleet/memberOverrides/lan/macAddress: "{mac:ff:ff:ff:ff:ff:00}": ff:ff:ff:ff:ff:00 + 299 (the last index) is beyond ff:ff:ff:ff:ff:ff (line 54)',
      'fleets-bad.yaml: /devices/10/fleet/memberOverrides/fru/0/product/assetTag: "{host}": the fleet has no lan listeners (line 55)',
      'fleets-bad.yaml: /devices/11/fleet/memberOverrides/lan/vlan: unknown field (member expanded-0) (line 61)',
      'fleets-bad.yaml: /devices/11/fleet/memberOverrides/lan/macAddress: must be a MAC address like 52:54:00:12:34:56 (member expanded-0) (line 61)',
      // 0.0.0.0:7102 takes port 7102 on every address
      'fleets-bad.yaml: /devices/12/fleet/lan: member UDP endpoint 127.0.0.1:7102 (ports-2) is also used by /devices/0 (line 66)',
      'fleets-bad.yaml: /devices/13/fleet/lan: 2 member UDP endpoints are also used by /devices/12, the first: 127.0.0.1:7100 (overlap-2) (line 71)',
      'fleets-bad.yaml: /devices/15/name: duplicate device name "lab-1": also used by /devices/14 (line 77)',
      'fleets-bad.yaml: /devices/16/fleet/memberOverrides/users/0/password: must NOT have more than 20 characters (member users-0) (line 86)',
      // reported once for the fleet, not once per member
      'fleets-bad.yaml: /devices/17/fleet/overrides/users/1/name: user name "x" is also used by /devices/17/fleet/overrides/users/0 (line 94)',
      'fleets-bad.yaml: /devices/18/fleet/memberOverrides/users/0/name: only user 1 (the null user) may have an empty name (member null-0) (line 101)',
      'fleets-bad.yaml: /devices/20/fleet/stateDir: member state directory shared/s0 is also used by /devices/19 (line 110)',
      'fleets-bad.yaml: /devices/22/fleet/name: 3 member names are also used by /devices/21, the first: "twin-0" (line 116)',
    ]);
  });

  describe('the shipped devices files', () => {
    it('devices/default.yaml: three sims, no warnings', () => {
      const inv = loadInventory(defaultDevicesFile());
      assert.deepEqual(inv.devices.map((d) => [d.name, d.kind]), [
        ['generic-1u-01', 'sim'],
        ['dell-r650-01', 'sim'],
        ['supermicro-x12-01', 'sim'],
      ]);
      assert.deepEqual(inv.warnings, []);
    });

    it('devices/fleet-1000.yaml: 1000 BMCs on 127.0.0.1:7000-7999, four profiles, every identity unique (load time printed)', () => {
      let t = process.hrtime.bigint();
      const inv = loadInventory(FLEET_1000);
      const first = Number(process.hrtime.bigint() - t) / 1e6;
      t = process.hrtime.bigint();
      loadInventory(FLEET_1000);
      const second = Number(process.hrtime.bigint() - t) / 1e6;
      console.log(`      fleet-1000.yaml: loaded 1000 devices in ${first.toFixed(0)} ms (first load in this process), ${second.toFixed(0)} ms (again)`);

      const ds = sims(inv.devices);
      assert.equal(ds.length, 1000);
      assert.deepEqual(inv.warnings, []);
      assert.deepEqual(
        ds.map((d) => d.lan!.port),
        Array.from({ length: 1000 }, (_, i) => 7000 + i),
      );
      assert.ok(ds.every((d) => d.lan!.host === '127.0.0.1'));
      assert.deepEqual([ds[0].name, ds[249].name, ds[250].name, ds[999].name], ['rack1-bmc-001', 'rack1-bmc-250', 'rack2-bmc-001', 'rack4-bmc-250']);
      const count = new Map<string, number>();
      for (const d of ds) count.set(d.profile.id, (count.get(d.profile.id) ?? 0) + 1);
      assert.deepEqual(Object.fromEntries(count), { 'generic-1u': 250, 'dell-poweredge-r650': 250, 'supermicro-x12': 250, 'hpe-proliant-dl360': 250 });
      const unique = (what: string, f: (d: SimDeviceSpec) => string) => assert.equal(new Set(ds.map(f)).size, 1000, what);
      unique('names', (d) => d.name);
      unique('GUIDs', (d) => d.profile.identity.guid);
      unique('system GUIDs', (d) => d.profile.identity.systemGuid);
      unique('MAC addresses', (d) => d.profile.lan.macAddress);
      unique('BMC IP addresses', (d) => d.profile.lan.ipAddress);
      const fru0 = (d: SimDeviceSpec) => decodeFru(Buffer.from(d.profile.fru!.find((f) => f.id === 0)!.image, 'hex'));
      unique('product serial numbers', (d) => String(fru0(d).product!.serialNumber));
      unique('board serial numbers', (d) => String(fru0(d).board!.serialNumber));
      assert.deepEqual([ds[0].profile.lan.ipAddress, ds[999].profile.lan.ipAddress], ['10.1.0.1', '10.4.0.250']);
      assert.equal(String(fru0(ds[251]).product!.serialNumber), '2RK0002', 'a seven-character Dell service tag');
      for (const d of ds) assert.deepEqual(d.profile.users, [{ name: 'admin', password: 'password', privilege: 'administrator' }]);
    });

    it('devices/fleet-1000.yaml: the commented alternative (127.0.1.1-127.0.4.232, port 623) loads as it is written', () => {
      const text = fs.readFileSync(FLEET_1000, 'utf8');
      const block = text.slice(text.indexOf('# devices:\n'));
      const uncommented = block.split('\n').map((l) => l.replace(/^# ?/, '')).join('\n');
      const dir = tmpDir();
      fs.writeFileSync(path.join(dir, 'fleet.yaml'), uncommented);
      const ds = sims(loadInventory(path.join(dir, 'fleet.yaml')).devices);
      assert.equal(ds.length, 1000);
      assert.deepEqual([ds[0].lan, ds[999].lan], [{ host: '127.0.1.1', port: 623 }, { host: '127.0.4.232', port: 623 }]);
      assert.equal(new Set(ds.map((d) => d.lan!.host)).size, 1000);
      assert.deepEqual([ds[0].name, ds[999].name], ['bmc-0001', 'bmc-1000']);
    });
  });
});
