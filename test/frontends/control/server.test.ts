import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../../../src/lib/errors';
import { ControlClient, createControlServer, isLoopback, loadToken } from '../../../src/frontends/control';
import { testFleet } from './fixture';

/** The control API's own listener: loopback only unless told otherwise, the token's sources, real HTTP. */
describe('control server', () => {
  it('loopback addresses only, unless allowRemote', () => {
    assert.deepEqual(
      ['127.0.0.1', '127.8.9.1', '::1', '[::1]', '::ffff:127.0.0.1', 'localhost', '0.0.0.0', '192.0.2.7', '::', 'example.org'].map(isLoopback),
      [true, true, true, true, true, true, false, false, false, false],
    );
    const f = testFleet(['bmc1']);
    try {
      assert.throws(
        () => createControlServer({ fleet: f, host: '0.0.0.0' }),
        (e: unknown) => e instanceof UsageError && e.message === 'the control API listens on loopback addresses only, not 0.0.0.0: it can fail fans and cut power (--control-allow-remote binds it anyway)',
      );
      // Allowed when asked for (not bound here: building the server is enough).
      void createControlServer({ fleet: f, host: '0.0.0.0', allowRemote: true, token: 'x' }).close();
    } finally {
      f.close();
    }
  });

  it('the token: a file (first line) before the environment; an empty one is refused', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmcbridge-token-'));
    try {
      const file = path.join(dir, 'token');
      fs.writeFileSync(file, '  abc123  \nsecond line\n');
      assert.equal(loadToken({ file, env: { BMCBRIDGE_CONTROL_TOKEN: 'env-token' } }), 'abc123');
      assert.equal(loadToken({ env: { BMCBRIDGE_CONTROL_TOKEN: 'env-token' } }), 'env-token');
      assert.equal(loadToken({ env: {} }), undefined);
      assert.throws(() => loadToken({ env: { BMCBRIDGE_CONTROL_TOKEN: ' ' } }), /^UsageError: \$BMCBRIDGE_CONTROL_TOKEN is empty: give a token, or none at all$/);
      fs.writeFileSync(file, '\n');
      assert.throws(() => loadToken({ file }), /is empty/);
      assert.throws(() => loadToken({ file: path.join(dir, 'missing') }), /control token file .*missing: ENOENT/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves the API over HTTP on 127.0.0.1; close() stops it', async () => {
    const f = testFleet(['bmc1']);
    const s = createControlServer({ fleet: f, port: 0 });
    try {
      const a = await s.listen();
      assert.equal(a.host, '127.0.0.1');
      const c = new ControlClient({ url: `http://127.0.0.1:${a.port}/` });
      const r = await c.request('PUT', ControlClient.path`/v1/devices/${'bmc1'}/sensors/${'CPU Temp'}/value`, { value: 96 });
      assert.deepEqual([r.status, (r.body as { status: string }).status], [200, 'ucr']);
      await s.close();
      await assert.rejects(c.request('GET', '/v1/devices'), /cannot reach the control API/);
    } finally {
      f.close();
    }
  });
});
