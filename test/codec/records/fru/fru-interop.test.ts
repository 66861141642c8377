import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeFru } from '../../../../src/codec/records/fru';
import { requirePeers, run } from '../../../helpers/peers';
import { FULL_FRU, GEN_EMU_FRU } from './fixtures';

/** Our encoder's images, read back by FreeIPMI's parser (`ipmi-fru --fru-file`, freeipmi-tools 1.6). */
describe('FRU images read by FreeIPMI ipmi-fru --fru-file', function () {
  requirePeers(this, ['ipmi-fru']);
  let dir = '';
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmcbridge-fru-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function fruPrint(img: Buffer): Promise<string[]> {
    const file = path.join(dir, 'fru.bin');
    fs.writeFileSync(file, img);
    const r = await run('ipmi-fru', [`--fru-file=${file}`]);
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.split('\n').map((l: string) => l.trimStart());
  }

  it('the ipmi_sim reference image prints as it did from ipmi_sim', async () => {
    const lines = await fruPrint(encodeFru(GEN_EMU_FRU));
    for (const l of [
      'FRU Chassis Type: Rack Mount Chassis',
      'FRU Chassis Serial Number: VCHASSIS-SN-42',
      'FRU Board Manufacturing Date/Time: 02/24/16 - 01:39:00',
      'FRU Board Part Number: BRD-PN-1',
      'FRU Product Asset Tag: asset-007',
    ])
      assert.ok(lines.includes(l), `missing "${l}" in\n${lines.join('\n')}`);
  });

  it('6-bit ASCII, binary and custom fields, and the power supply multirecord', async () => {
    const lines = await fruPrint(encodeFru(FULL_FRU));
    for (const l of [
      'FRU Chassis Type: Main Server Chassis',
      'FRU Chassis Part Number: CH-42 ',
      'FRU Chassis Custom Info: rack A',
      'FRU Chassis Custom Info: slot 7',
      'FRU Board Part Number: 01h 02h 03h',
      'FRU Product Custom Info: extra',
      'FRU Power Supply Overall Capacity: 750 Watts',
      'FRU Power Supply Low End Input Voltage 1: 90000 mV',
      'FRU Power Supply High End Input Voltage 2: 264000 mV',
      'FRU Power Supply Peak Capacity: 800 Watts',
      'FRU Power Supply Hold Up Time: 1 s',
      'FRU Power Supply Voltage 1: 5V',
      'FRU Power Supply Voltage 2: 3.3V',
      'FRU Power Supply Total Combined Wattage: 100 Watts',
      'FRU OEM Manufacturer ID: Intel Corporation (157h)',
    ])
      assert.ok(lines.includes(l), `missing "${l}" in\n${lines.join('\n')}`);
  });
});
