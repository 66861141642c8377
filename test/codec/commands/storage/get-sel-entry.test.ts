import assert from 'node:assert/strict';
import { GetSelEntry } from '../../../../src/codec/commands/storage';
import { decode } from '../../../../src/codec/fields';
import { decodeSel } from '../../../../src/codec/records/sel';
import { fromHex } from '../../../../src/codec/wire/checksum';
import { describeCommand } from '../../../helpers/vectors';

const FIRST = '02 00 01 00 02 eb 03 00 00 20 00 04 01 01 01 57 5a 55';

describeCommand(GetSelEntry, {
  request: [
    { name: 'first entry, whole record', source: 'capture: ipmitool 1.8.19 `raw 0x0a 0x43 0x00 0x00 0x00 0x00 0x00 0xff` against ipmi_sim 2.0.33 (peers/ipmi_sim/gen_emu.py)', hex: '00 00 00 00 00 ff', value: { reservationId: 0, recordId: 0, offset: 0, bytesToRead: 0xff } },
    { name: 'last entry', source: 'v2.0 Table 31-5', hex: '00 00 ff ff 00 ff', value: { reservationId: 0, recordId: 0xffff, offset: 0, bytesToRead: 0xff } },
  ],
  response: [
    {
      name: 'record 1 (CPU Temp UNC going high), next 2',
      source: 'capture: ipmitool 1.8.19 `raw 0x0a 0x43 0x00 0x00 0x00 0x00 0x00 0xff` against ipmi_sim 2.0.33 (peers/ipmi_sim/gen_emu.py)',
      hex: FIRST,
      value: { nextRecordId: 2, data: fromHex('01 00 02 eb 03 00 00 20 00 04 01 01 01 57 5a 55') },
    },
    {
      name: 'the last record: next FFFFh (exporter sim, BIOS progress from 0041h)',
      source: 'capture: ipmitool 1.8.19 `raw 0x0a 0x43 0x00 0x00 0x05 0x00 0x00 0xff` against ipmi_sim 2.0.33 (peers/exporter/gen_sdr.py)',
      hex: 'ff ff 05 00 02 f4 03 00 00 41 00 04 0f 00 6f 02 ff ff',
      value: { nextRecordId: 0xffff, data: fromHex('05 00 02 f4 03 00 00 41 00 04 0f 00 6f 02 ff ff') },
    },
  ],
});

describe('Get SEL Entry data decodes as a SEL record', () => {
  it('record 1 is the CPU Temp upper non-critical assertion, with ipmi_sim\'s own SEL clock (3EBh)', () => {
    const { data } = decode(GetSelEntry.response, fromHex(FIRST));
    const rec = decodeSel(data);
    assert.equal(rec.kind, 'system');
    assert.deepEqual(rec, {
      kind: 'system',
      recordId: 1,
      timestamp: 0x3eb,
      generatorId: 0x20,
      evmRev: 4,
      sensorType: 1,
      sensorNumber: 1,
      eventDirType: { deassertion: false, eventType: 1 },
      eventData1: 0x57,
      eventData2: 90,
      eventData3: 85,
    });
  });
});
