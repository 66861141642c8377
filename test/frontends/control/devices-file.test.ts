import assert from 'node:assert/strict';
import path from 'node:path';
import { ConfigErrors } from '../../../src/lib/errors';
import { silentLogger } from '../../../src/lib/logger';
import { loadInventory } from '../../../src/profile';
import type { SimDeviceSpec } from '../../../src/profile/types';
import { Fleet } from '../../../src/main';
import { Control, Scenarios } from '../../../src/frontends/control';

const FIXTURES = path.join(__dirname, 'fixtures');

/** A devices file's `scenarios:` (docs/control.md): resolved and checked by the loader, run against its fleet. */
describe('scenarios listed in a devices file', () => {
  it('are resolved from the file\'s directory and run against the fleet it starts', async () => {
    const inv = loadInventory(path.join(FIXTURES, 'devices.yaml'));
    assert.deepEqual(inv.scenarios, [{ file: path.join(FIXTURES, 'at-start.yaml'), device: 'rack-a' }]);
    const fleet = new Fleet({ log: silentLogger, noListen: true });
    await fleet.start(inv.devices as SimDeviceSpec[]);
    const scenarios = new Scenarios(new Control(fleet, silentLogger));
    try {
      const runs = inv.scenarios!.map((s) => scenarios.start(scenarios.parseFile(s.file, s.device)));
      // The step at 0 s is made at once, on rack-a only.
      const open = (name: string) => fleet.devices.get(name)!.bmc.sensors.find('Intrusion')!.state;
      assert.deepEqual([open('rack-a'), open('rack-b')], [1, 0]);
      assert.deepEqual([runs[0].view().done, runs[0].view().next?.text], [1, 'rack-a FAN1: value 0']);
    } finally {
      scenarios.close();
      await fleet.stop();
    }
  });

  it('a missing file, an unknown device, a missing field: each problem with its line', () => {
    const problems = (name: string) => {
      try {
        loadInventory(path.join(FIXTURES, name));
        return [];
      } catch (e) {
        return (e as ConfigErrors).problems.map((p) => `${p.path}: ${p.reason}`);
      }
    };
    assert.deepEqual(problems('devices-bad.yaml'), [
      '/scenarios/2/file: required field is missing (line 4)',
      `/scenarios/0/file: scenario file not found: ${path.join(FIXTURES, 'no-such-scenario.yaml')} (line 2)`,
    ]);
    assert.deepEqual(problems('devices-bad-device.yaml'), ['/scenarios/0/device: no virtual BMC "rack-z" in this file (line 2)']);
  });
});
