import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigErrors } from '../../src/lib/errors';
import { silentLogger } from '../../src/lib/logger';
import {
  REPO_ROOT,
  defaultDevicesFile,
  defaultProfilesDir,
  loadDevicesFile,
  loadProfileRef,
  securityWarnings,
} from '../../src/profile';
import { VirtualBmc } from '../../src/bmc/device';
import { standardHandlers } from '../../src/bmc/handlers';
import { Privilege } from '../../src/codec/message/netfn';
import { hex } from '../../src/codec/wire/checksum';

const F = path.resolve(__dirname, '../fixtures/profiles');
const fx = (name: string) => path.join(F, name);

/** The problems a load throws, as "file: pointer: reason" lines with the fixtures directory shortened. */
function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigErrors) return e.problems.map((p) => p.message.split(F + path.sep).join('').split(REPO_ROOT).join('<repo>'));
    throw e;
  }
  assert.fail('expected ConfigErrors');
}

/** The problems of fixtures/profiles/bad-rules.yaml, reported the same however it is reached. */
const BAD_RULES = [
  'bad-rules.yaml: /users/1/name: user name "admin" is also used by /users/0 (line 6)',
  'bad-rules.yaml: /users/2/id: user 1 is the null user: enabling it needs security.allowAnonymous: true (line 7)',
  'bad-rules.yaml: /users/3/id: user ID 11 is beyond maxUsers (10) (line 8)',
  'bad-rules.yaml: /users/4/password: must be at most 20 bytes (line 9)',
  'bad-rules.yaml: /users/4: user ID 12 is beyond maxUsers (10) (line 9)',
  'bad-rules.yaml: /security/cipherSuites/0: cipher suite 0 (no authentication) needs security.allowCipherZero: true (line 11)',
];

describe('profile loader', () => {
  describe('the shipped profiles and devices', () => {
    it('finds profiles/ from the module, not the working directory', () => {
      const cwd = process.cwd();
      process.chdir(os.tmpdir());
      try {
        assert.equal(defaultProfilesDir(), path.resolve(__dirname, '../../profiles'));
        assert.equal(loadProfileRef('generic-1u').file, path.resolve(__dirname, '../../profiles/generic-1u.yaml'));
      } finally {
        process.chdir(cwd);
      }
    });

    it('loads the four profiles: real manufacturer IDs, no users', () => {
      const ids = fs.readdirSync(defaultProfilesDir()).filter((f) => f.endsWith('.yaml')).sort();
      assert.deepEqual(ids, ['dell-poweredge-r650.yaml', 'generic-1u.yaml', 'hpe-proliant-dl360.yaml', 'supermicro-x12.yaml']);
      const [dell, generic, hpe, smc] = ids.map((f) => loadProfileRef(f.replace('.yaml', '')));
      assert.deepEqual([dell, generic, hpe, smc].map((p) => p.identity.manufacturerId), [674, 343, 11, 10876]);
      assert.deepEqual([dell, generic, hpe, smc].map((p) => p.maxUsers), [16, 15, 12, 10]);
      for (const p of [dell, generic, hpe, smc]) {
        assert.deepEqual(p.users, [], `${p.id} ships no users`);
        assert.equal(p.security.allowAnonymous, false);
        assert.equal(p.security.allowCipherZero, false);
        assert.deepEqual(securityWarnings(p), []);
      }
      assert.deepEqual(dell.security.cipherSuites, [3, 17]);
    });

    it('devices/default.yaml: three BMCs on 127.0.0.1:6230-6232, admin/password at Administrator', () => {
      const devices = loadDevicesFile(defaultDevicesFile());
      assert.deepEqual(
        devices.map((d) => [d.name, d.profile.id, d.lan]),
        [
          ['generic-1u-01', 'generic-1u', { host: '127.0.0.1', port: 6230 }],
          ['dell-r650-01', 'dell-poweredge-r650', { host: '127.0.0.1', port: 6231 }],
          ['supermicro-x12-01', 'supermicro-x12', { host: '127.0.0.1', port: 6232 }],
        ],
      );
      for (const d of devices) assert.deepEqual(d.profile.users, [{ name: 'admin', password: 'password', privilege: 'administrator' }]);
      assert.equal(new Set(devices.map((d) => d.profile.identity.guid)).size, 3, 'each device has its own GUID');
      assert.equal(devices[1].profile.lan.ipAddress, '192.0.2.21', 'override');
      assert.equal(devices[1].profile.lan.subnetMask, '255.255.255.0', 'kept from the profile');
      assert.ok(Object.isFrozen(devices[1].profile.lan));
    });

    it('a VirtualBmc built from the Dell-like profile answers Get Device ID with its identity', async () => {
      const spec = loadDevicesFile(defaultDevicesFile())[1];
      const bmc = new VirtualBmc({ name: spec.name, profile: spec.profile, log: silentLogger, handlers: standardHandlers });
      try {
        const r = await bmc.dispatch({ netFn: 6, cmd: 1, data: Buffer.alloc(0) }, { privilege: Privilege.user, channel: 1, requester: { addr: 0x81, lun: 0 } });
        // provides SDRs (81h), firmware 6.10, IPMI 2.0, Dell 674 = A2 02 00, product 0100h
        assert.equal(hex(Buffer.concat([Buffer.from([r.cc]), r.data])), '00 20 81 06 10 02 9f a2 02 00 00 01');
      } finally {
        bmc.close();
      }
    });
  });

  describe('defaults and overrides', () => {
    it('fills every default for a minimal profile, derives a stable GUID, freezes the result', () => {
      const p = loadProfileRef(fx('minimal.yaml'));
      assert.equal(p.id, 'minimal');
      assert.deepEqual(
        { ...p.identity, guid: undefined, systemGuid: undefined },
        {
          deviceId: 0x20,
          deviceRevision: 1,
          providesSdrs: false,
          firmwareMajor: 1,
          firmwareMinor: 0,
          manufacturerId: 343,
          productId: 1,
          auxFirmware: undefined,
          guid: undefined,
          systemGuid: undefined,
          manufacturerName: undefined,
          productName: undefined,
          systemFirmwareVersion: undefined,
          systemName: undefined,
          capabilities: { sensor: true, sdrRepository: true, sel: true, fru: true, ipmbEventReceiver: true, ipmbEventGenerator: false, bridge: false, chassis: true },
        },
      );
      assert.match(p.identity.guid, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.equal(loadProfileRef(fx('minimal.yaml')).identity.guid, p.identity.guid, 'stable');
      assert.notEqual(p.identity.systemGuid, p.identity.guid);
      assert.deepEqual(p.security, {
        cipherSuites: [1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17],
        allowCipherZero: false,
        allowAnonymous: false,
        authTypes: ['md5', 'password'],
        maxSessions: 8,
        sessionTimeoutSec: 60,
      });
      assert.deepEqual([p.maxUsers, p.powerOnDelayMs, p.initialPower, p.powerRestorePolicy], [10, 0, 'on', 'previous']);
      assert.ok(Object.isFrozen(p.identity.capabilities));
      assert.throws(() => ((p as { maxUsers: number }).maxUsers = 3), TypeError);
    });

    it('merges overrides deeply, replaces lists, resolves state directories', () => {
      const [one, two] = loadDevicesFile(fx('devices-good.yaml'), { stateRoot: '/var/lib/bmcbridge' });
      assert.equal(one.profile.identity.guid, '01234567-89ab-cdef-0123-456789abcdef');
      assert.equal(one.profile.identity.manufacturerId, 343);
      assert.deepEqual(one.profile.users, [{ name: 'admin', password: 'secret', privilege: 'administrator' }]);
      assert.equal(one.profile.lan.ipAddress, '10.1.2.3');
      assert.equal(one.profile.lan.communityString, 'public');
      assert.equal(one.profile.identity.systemName, 'one', 'system name defaults to the device name');
      assert.equal(one.stateDir, path.join(F, 'state/one'), 'relative to the devices file');
      assert.equal(two.stateDir, '/var/lib/bmcbridge/two', 'under the state root');
      assert.equal(two.profile.file, path.join(REPO_ROOT, 'profiles/generic-1u.yaml'));
      assert.deepEqual(two.serial, { path: '/dev/ttyS9', mode: 'terminal', baud: 115200 });
      assert.equal(two.lan, undefined);
      assert.equal(loadDevicesFile(fx('devices-good.yaml'))[1].stateDir, undefined, 'no state root: memory only');
    });

    it('warns about insecure settings', () => {
      const p = loadProfileRef(fx('minimal.yaml'));
      const weak = { ...p, security: { ...p.security, allowCipherZero: true, allowAnonymous: true, authTypes: ['none' as const, 'md2' as const] } };
      assert.deepEqual(securityWarnings(weak), [
        'cipher suite 0 is enabled: sessions without authentication, integrity or encryption',
        'anonymous login is enabled: the null user (ID 1) can open sessions',
        'IPMI 1.5 authentication type "none" is enabled: passwords are not checked for it',
        'IPMI 1.5 authentication type MD2 is enabled: MD2 is a broken hash, kept only for tools and BMCs that still use it',
      ]);
    });
  });

  describe('errors: every problem, with file, pointer, reason and line', () => {
    it('schema violations', () => {
      assert.deepEqual(problems(() => loadProfileRef(fx('bad-schema.yaml'))), [
        'bad-schema.yaml: /powerOnDelay: unknown field (line 14)',
        'bad-schema.yaml: /identity/colour: unknown field (line 7)',
        'bad-schema.yaml: /identity/manufacturerId: must be <= 1048575 (line 4)',
        'bad-schema.yaml: /identity/productId: must be >= 0 (line 5)',
        'bad-schema.yaml: /identity/guid: must be a GUID like 01234567-89ab-cdef-0123-456789abcdef (line 6)',
        'bad-schema.yaml: /users/0/password: required field is missing (line 9)',
        'bad-schema.yaml: /users/0/privilege: must be one of: callback, user, operator, administrator, oem (line 10)',
        'bad-schema.yaml: /lan/ipAddress: must be an IPv4 address like 192.0.2.10 (line 12)',
        'bad-schema.yaml: /lan/vlanId: must be an integer (line 13)',
      ]);
    });

    it('YAML syntax', () => {
      assert.deepEqual(problems(() => loadProfileRef(fx('bad-yaml.yaml'))), [
        'bad-yaml.yaml: /: YAML syntax: Nested mappings are not allowed in compact mappings (line 3, column 19)',
        'bad-yaml.yaml: /: YAML syntax: Implicit keys need to be on a single line (line 3, column 19)',
      ]);
    });

    it('rules beyond the schema: users, the null user, cipher suite 0', () => {
      assert.deepEqual(problems(() => loadProfileRef(fx('bad-rules.yaml'))), BAD_RULES);
    });

    it('a devices file: kinds, overrides, duplicates, unknown profiles, and its profiles\' own problems', () => {
      assert.deepEqual(problems(() => loadDevicesFile(fx('devices-bad.yaml'))), [
        // device b is `kind: lan` with a sim's fields: the lan kind's own schema reports them
        'devices-bad.yaml: /devices/2/host: required field is missing (line 11)',
        'devices-bad.yaml: /devices/2/user: required field is missing (line 11)',
        'devices-bad.yaml: /devices/2/profile: unknown field (line 13)',
        'devices-bad.yaml: /devices/4/overrides/identity/guid: must be a GUID like 01234567-89ab-cdef-0123-456789abcdef (line 21)',
        'devices-bad.yaml: /devices/1/name: duplicate device name "a": also used by /devices/0 (line 7)',
        'devices-bad.yaml: /devices/1/lan: UDP endpoint 127.0.0.1:7000 also used by /devices/0 (line 10)',
        'devices-bad.yaml: /devices/3/profile: no profile "no-such-profile" in <repo>/profiles (looked for no-such-profile.yaml, no-such-profile.yml, no-such-profile.json) (line 16)',
        'devices-bad.yaml: /devices/5/overrides/users/1/name: user name "x" is also used by /devices/5/overrides/users/0 (line 28)',
        ...BAD_RULES,
      ]);
    });

    it('missing files and unknown profile ids', () => {
      assert.deepEqual(problems(() => loadDevicesFile(fx('nope.yaml'))), ['nope.yaml: /: cannot read: ENOENT']);
      assert.deepEqual(problems(() => loadProfileRef('no-such', { profilesDir: F })), [
        'no-such: /: no profile "no-such" in <repo>/test/fixtures/profiles (looked for no-such.yaml, no-such.yml, no-such.json)',
      ]);
    });
  });
});
