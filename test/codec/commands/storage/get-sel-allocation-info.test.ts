import { GetSelAllocationInfo } from '../../../../src/codec/commands/storage';
import { describeCommand } from '../../../helpers/vectors';

// ipmi_sim answers C1h; the vector follows the spec table: 256 entries of 16 bytes.
describeCommand(GetSelAllocationInfo, {
  request: [{ name: 'empty', source: 'v2.0 Table 31-3', hex: '', value: {} }],
  response: [
    {
      name: '256 units of 16 bytes, 252 free',
      source: 'v2.0 Table 31-3',
      hex: '00 01 10 00 fc 00 fc 00 01',
      value: { allocationUnits: 256, allocationUnitSize: 16, freeAllocationUnits: 252, largestFreeBlock: 252, maxRecordSize: 1 },
    },
  ],
});
