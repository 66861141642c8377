import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../src/lib/errors';
import { Privilege } from '../../src/codec/message/netfn';
import { harness, profile, tempDir } from './harness';

const SM = 0x30;
const supermicro = { lan: { ...profile().lan, supermicroLanMode: 'failover' as const } };

describe('bmc: Supermicro OEM LAN interface mode (NetFn 30h, 70h, 0Ch)', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('C1h on a profile without lan.supermicroLanMode, as other vendors answer', async () => {
    const h = harness();
    try {
      assert.equal(await h.call(SM, 0x70, '0c 00'), 'c1');
    } finally {
      h.close();
    }
  });

  it('get, set (Administrator only), bad input, and the mode kept across a restart', async () => {
    let h = harness({ profile: supermicro, stateDir: dir });
    try {
      assert.equal(await h.call(SM, 0x70, '0c 00'), '00 02');
      assert.equal(await h.call(SM, 0x70, '0c 01 01', { privilege: Privilege.operator }), 'd4');
      assert.equal(await h.call(SM, 0x70, '0c 01 01'), '00');
      assert.equal(await h.call(SM, 0x70, '0c 00', { privilege: Privilege.user }), '00 01');
      // Out of range, reserved operation, other sub-functions, a set without its mode, a get with one.
      assert.equal(await h.call(SM, 0x70, '0c 01 03'), 'c9');
      assert.equal(await h.call(SM, 0x70, '0c 02 00'), 'cc');
      assert.equal(await h.call(SM, 0x70, '0d 00'), 'cc');
      assert.equal(await h.call(SM, 0x70, '0c 01'), 'c7');
      assert.equal(await h.call(SM, 0x70, '0c 00 01'), 'c7');
      assert.equal(await h.call(SM, 0x70, '0c'), 'c7');
      assert.equal(await h.call(SM, 0x70, '0c 00'), '00 01', 'nothing changed by the refused requests');
      assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, 'oem.json'), 'utf8')), { supermicroLanMode: 'shared' });
      h = h.restart();
      assert.equal(await h.call(SM, 0x70, '0c 00'), '00 01');
    } finally {
      h.close();
    }
  });

  it('a wrong oem.json is a ConfigError naming the file and the field', () => {
    fs.writeFileSync(path.join(dir, 'oem.json'), JSON.stringify({ supermicroLanMode: 'bonded' }));
    assert.throws(
      () => harness({ profile: supermicro, stateDir: dir }),
      (e: unknown) => e instanceof ConfigError && e.message === `${path.join(dir, 'oem.json')}: /supermicroLanMode: must be one of: dedicated, shared, failover`,
    );
  });
});
