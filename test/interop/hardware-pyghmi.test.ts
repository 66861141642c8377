import assert from 'node:assert/strict';
import { DEBIAN_PYTHON, requirePeers, run } from '../helpers/peers';
import { startHardwareBmc } from './hardware-common';

type Bmc = Awaited<ReturnType<typeof startHardwareBmc>>;

/** pyghmi's Command against a virtual BMC; the script prints one JSON document. */
async function pyghmi(port: number, body: string): Promise<any> {
  const script = `
import json, sys
from pyghmi.ipmi import command
c = command.Command(bmc='127.0.0.1', port=${port}, userid='admin', password='password')
out = {}
${body}
print(json.dumps(out, default=str))
`;
  const r = await run(DEBIAN_PYTHON, ['-c', script], { timeout: 90_000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

/** Issue 3 "Must work with", pyghmi (Debian python3-pyghmi): sensors, health, inventory, event log, firmware. */
describe('issue 3: pyghmi against the virtual BMC (sensors, health, inventory, SEL, firmware)', function () {
  requirePeers(this, [], ['pyghmi']);
  this.timeout(120_000);

  describe('the fixture profile', () => {
    let b: Bmc;
    beforeEach(async () => {
      b = await startHardwareBmc();
      b.bmc.sensors.setBehaviour('Ramp Temp', { kind: 'constant' }, 50);
    });
    afterEach(() => b.close());

    it('get_sensor_data and get_health: values, units and states from the profile; a failed fan is critical', async () => {
      const out = await pyghmi(
        b.port,
        `
out['sensors'] = [[s.name, s.value, s.units, s.health, s.states] for s in c.get_sensor_data()]
out['health'] = c.get_health()['health']
`,
      );
      assert.deepEqual(out.sensors.slice(0, 6), [
        ['CPU Temp', 48.0, '°C', 0, []],
        ['Inlet Temp', 24.0, '°C', 0, []],
        ['FAN1', 4800.0, 'RPM', 0, []],
        ['12V', 12.06, 'V', 0, []],
        ['Ramp Temp', 50.0, '°C', 0, []],
        ['Board Temp', 40.0, '°C', 0, []],
      ]);
      assert.deepEqual(out.sensors.find((s: unknown[]) => s[0] === 'PSU1 Status'), ['PSU1 Status', null, '', 0, ['Present']]);
      assert.equal(out.health, 0);
      b.bmc.sensors.setValue('FAN1', 0);
      const failed = await pyghmi(
        b.port,
        `
h = c.get_health()
out['health'] = h['health']
out['bad'] = [[s.name, s.value, s.health] for s in h['badreadings']]
`,
      );
      // pyghmi.constants.Health is a bit mask (ok 0, warning 1, critical 2, failed 4): at or below
      // LNR pyghmi says "failed", at or below LNC "warning".
      assert.equal(failed.health, 5);
      assert.deepEqual(failed.bad, [['FAN1', 0.0, 5]]);
    });

    it('get_event_log: decodes the profile entry and a threshold event as pyghmi users see them', async () => {
      b.bmc.sensors.setValue('CPU Temp', 96);
      const out = await pyghmi(b.port, `out['log'] = [[e['component'], e['event'], e.get('triggered_value'), e.get('threshold_value'), e['deassertion']] for e in c.get_event_log()]`);
      assert.deepEqual(out.log, [
        ['CPU Temp', 'Upper non-critical', 90, 85, false],
        ['CPU Temp', 'Upper non-critical', 96, 85, false],
        ['CPU Temp', 'Upper critical', 96, 95, false],
      ]);
    });

    it('get_firmware: the BMC firmware revision of the profile', async () => {
      const out = await pyghmi(b.port, `out['fw'] = dict(c.get_firmware())`);
      assert.deepEqual(out.fw['BMC Version'], { version: `${b.bmc.profile.identity.firmwareMajor}.${String(b.bmc.profile.identity.firmwareMinor).padStart(2, '0')}`.replace(/\.0(\d)$/, '.$1') });
    });
  });

  describe('the generic-1u profile (an 8 KB FRU 0)', () => {
    let b: Bmc;
    before(async () => {
      b = await startHardwareBmc('generic-1u');
    });
    after(() => b.close());

    it('get_inventory reads FRU 0 (8192 bytes, in large reads) and the power supply FRUs', async () => {
      const out = await pyghmi(b.port, `out['inv'] = dict(c.get_inventory())`);
      const system = out.inv.System ?? out.inv.Baseboard;
      assert.equal(system['Board product name'], 'S2600WTT');
      assert.equal(system['Board manufacturer'], 'Intel Corporation');
      assert.equal(system['Product name'], '1U Server');
      assert.equal(system['Chassis type'], 'Rack Mount Chassis');
      assert.equal(out.inv['Pwr Supply 1 FRU']['Product name'], 'DPS-750XB A');
      assert.equal(out.inv['Pwr Supply 2 FRU']['Serial Number'], 'E98791D0000000002');
    });

    it('get_sensor_data: every sensor of the profile, by its SDR name', async () => {
      const out = await pyghmi(b.port, `out['names'] = [s.name for s in c.get_sensor_data()]`);
      assert.deepEqual(
        out.names,
        b.bmc.profile.sensors!.map((s) => s.name),
      );
    });
  });
});
