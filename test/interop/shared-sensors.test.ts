import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { requirePeers, run } from '../helpers/peers';
import { RunningBmc, profileWithTestUsers, startTestBmc } from '../helpers/test-bmc';
import { standardHandlers } from '../../src/bmc/handlers';
import { sessionHandlers } from '../../src/bmc/handlers/session';

/** A profile with one shared compact record: two power supplies, numbered "PS 1" and "PS 2" (v2.0 §43.2). */
const PROFILE = `description: shared compact record
identity: { manufacturerId: 343, productId: 1 }
sensors:
  CPU Temp: { number: 1, type: Temperature, units: degrees C, thresholds: { unc: 80, ucr: 90 }, initial: 40 }
  "PS ": { number: 0x20, entity: [0x0a, 1], type: Power Supply, states: [Presence detected], share: { count: 2, modifier: numeric, offset: 1, entityInstances: true } }
`;

/**
 * Shared sensor records (profile `share`): ipmitool lists the record once, as it does for a real
 * BMC's shared records; FreeIPMI's --shared-sensors reads every sensor of it, each with its own state.
 */
describe('shared SDR records: ipmitool and FreeIPMI', function () {
  requirePeers(this, ['ipmitool', 'ipmi-sensors']);
  this.timeout(60_000);
  let b: RunningBmc;
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmcbridge-shared-'));
    fs.writeFileSync(path.join(dir, 'shared.yaml'), PROFILE);
    b = await startTestBmc([...standardHandlers, ...sessionHandlers], profileWithTestUsers(path.join(dir, 'shared.yaml')));
  });
  after(async () => {
    await b.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const ipmitool = (...args: string[]) => run('ipmitool', ['-I', 'lanplus', '-C', '17', '-H', '127.0.0.1', '-p', String(b.port), '-U', 'admin', '-P', 'password', ...args]);
  const sensors = async (...args: string[]) => {
    const r = await run('ipmi-sensors', ['-h', `127.0.0.1:${b.port}`, '-u', 'admin', '-p', 'password', '-l', 'ADMIN', '-D', 'LAN_2_0', '--sdr-cache-directory', dir, '--quiet-cache', '--no-header-output', ...args]);
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim().split('\n');
  };

  it('ipmitool sdr elist: the shared record once, under its base ID string', async () => {
    const r = await ipmitool('sdr', 'elist', 'compact');
    assert.equal(r.stdout, 'PS               | 20h | ok  | 10.1 | Presence detected\n');
  });

  it('ipmi-sensors --shared-sensors: one line per sensor, each with its own state', async () => {
    assert.deepEqual(await sensors('--sensor-types=Power_Supply'), ["2  | PS   | Power Supply | N/A        | N/A   | 'Presence detected'"]);
    assert.deepEqual(await sensors('--sensor-types=Power_Supply', '--shared-sensors'), [
      "2  | PS  1 | Power Supply | N/A        | N/A   | 'Presence detected'",
      "2  | PS  2 | Power Supply | N/A        | N/A   | 'Presence detected'",
    ]);
    // Pull the second supply: only its sensor (number 21h, "PS 2") changes.
    b.bmc.sensors.deassertState('PS 2', b.bmc.sensors.stateOffset('PS 2', 'Presence detected'));
    assert.deepEqual(await sensors('--sensor-types=Power_Supply', '--shared-sensors'), [
      "2  | PS  1 | Power Supply | N/A        | N/A   | 'Presence detected'",
      "2  | PS  2 | Power Supply | N/A        | N/A   | 'OK'",
    ]);
    const raw = await ipmitool('raw', '0x04', '0x2d', '0x21');
    // Byte 3: no state asserted; byte 4 [7] is reserved and reads 1 (v2.0 §35.14).
    assert.equal(raw.stdout, ' 00 c0 00 80\n');
  });
});
