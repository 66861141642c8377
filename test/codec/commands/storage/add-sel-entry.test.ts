import { AddSelEntry } from '../../../../src/codec/commands/storage';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(AddSelEntry, {
  request: [
    {
      // peers/ipmi_sim/outputs/sel_add_input.txt "0x04 0x02 0x05 0x01 0x57 0xe7 0xdc": ipmitool's
      // lib/ipmi_sel.c ipmi_sel_add_entries_fromfile fills record ID 0, type 02h, timestamp 0, generator 0041h.
      name: 'ipmitool sel add: 12V upper non-critical going high',
      source: 'ipmitool 1.8.19 sel add (lib/ipmi_sel.c), v2.0 Table 31-6',
      hex: '00 00 02 00 00 00 00 41 00 04 02 05 01 57 e7 dc',
      value: {
        kind: 'system',
        recordId: 0,
        timestamp: 0,
        generatorId: 0x41,
        evmRev: 4,
        sensorType: 2,
        sensorNumber: 5,
        eventDirType: { deassertion: false, eventType: 1 },
        eventData1: 0x57,
        eventData2: 0xe7,
        eventData3: 0xdc,
      },
    },
  ],
  // ipmi_sim listed it as entry 5 (peers/ipmi_sim/outputs/lanplusc3.sel_list_after_add.txt).
  response: [{ name: 'assigned record ID 5', source: 'ipmi_sim 2.0.33 (sel elist after add)', hex: '05 00', value: { recordId: 5 } }],
  requestErrors: [{ name: 'a 15-byte record', hex: '00 00 02 00 00 00 00 41 00 04 02 05 01 57 e7', reason: 'short' }],
});
