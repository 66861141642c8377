import assert from 'node:assert/strict';
import { VirtualBmc } from '../../src/bmc/device';
import { SerialServer } from '../../src/bmc/serial';
import { standardHandlers } from '../../src/bmc/handlers';
import { sessionHandlers } from '../../src/bmc/handlers/session';
import { loadProfileRef } from '../../src/profile';
import type { ProfileSpec } from '../../src/profile/types';
import { silentLogger } from '../../src/lib/logger';
import { ManualClock } from '../../src/lib/clock';
import { BmcDevice, connect } from '../../src/client';
import { repositoryForDevices } from '../../src/model/sources/client';
import { requirePeers, run } from '../helpers/peers';
import { PtyPair, startPtyPair } from '../client/helpers/pty';
import { collect, fields, sensorListRow, START, table } from './common';

/**
 * The same ClientSource over the client's serial link: the serial virtual BMC (basic and
 * terminal mode) on one end of a socat pty pair, the model and ipmitool `-I serial-basic` /
 * `-I serial-terminal` taking turns on the other end (a serial line has one user at a time).
 */
for (const mode of ['basic', 'terminal'] as const) {
  describe(`integration: the model over a serial ${mode}-mode link agrees with ipmitool`, function () {
    requirePeers(this, ['socat', 'ipmitool']);
    this.timeout(60000);
    let pty: PtyPair;
    let bmc: VirtualBmc;
    let server: SerialServer;
    before(async () => {
      pty = await startPtyPair();
      const profile = { ...loadProfileRef('supermicro-x12'), users: [{ name: 'admin', password: 'password', privilege: 'administrator' }] } as ProfileSpec;
      bmc = new VirtualBmc({ name: 'serial', profile, log: silentLogger, handlers: [...standardHandlers, ...sessionHandlers], clock: new ManualClock(START) });
      server = new SerialServer(bmc, { path: pty.b, mode });
      await server.open();
    });
    after(async () => {
      await server?.close();
      bmc?.close();
      await pty?.close();
    });
    const ipmitool = (...cmd: string[]) => run('ipmitool', ['-I', `serial-${mode}`, '-D', `${pty.a}:115200`, ...cmd], { timeout: 20000 });

    it('NumericSensor values as `sensor list`, RecordLog as `sel info`, EnabledState as `chassis power status`', async () => {
      const list = await ipmitool('sensor', 'list');
      assert.equal(list.status, 0, list.stderr);
      const theirs = table(list.stdout)
        .filter((c) => c[2] !== 'discrete')
        .map((c) => [c[0], c[1], c[3], ...c.slice(4, 10)]);
      const selInfo = fields((await ipmitool('sel', 'info')).stdout);
      const power = (await ipmitool('chassis', 'power', 'status')).stdout.trim();

      const device = new BmcDevice(connect({ kind: 'serial', path: pty.a, mode }));
      try {
        const repo = repositoryForDevices([{ name: 'x12', device }]);
        const ours = (await collect(repo.enumerate('NumericSensor'))).map((i) => sensorListRow(i.properties));
        assert.ok(ours.length >= 10, `${ours.length} threshold sensors`);
        assert.deepEqual(ours, theirs);
        const log = (await collect(repo.enumerate('RecordLog')))[0].properties;
        assert.equal(String(log.CurrentNumberOfRecords), selInfo.Entries);
        assert.equal((await collect(repo.enumerate('LogRecord'))).length, Number(selInfo.Entries));
        assert.equal(power, 'Chassis Power is on');
        assert.equal((await repo.get('ComputerSystem', { CreationClassName: 'ComputerSystem', Name: 'x12' })).properties.EnabledState, 2);
      } finally {
        await device.close();
      }
    });
  });
}
