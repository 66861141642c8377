import { GetSdrRepositoryAllocationInfo } from '../../../../src/codec/commands/storage';
import { describeCommand } from '../../../helpers/vectors';

// ipmi_sim answers C1h (not implemented); the vector follows the spec table.
describeCommand(GetSdrRepositoryAllocationInfo, {
  request: [{ name: 'empty', source: 'v2.0 Table 33-4', hex: '', value: {} }],
  response: [
    {
      name: '256 units of 16 bytes, 240 free, records up to 4 units',
      source: 'v2.0 Table 33-4',
      hex: '00 01 10 00 f0 00 f0 00 04',
      value: { allocationUnits: 256, allocationUnitSize: 16, freeAllocationUnits: 240, largestFreeBlock: 240, maxRecordSize: 4 },
    },
  ],
  responseErrors: [{ name: 'truncated', hex: '00 01 10 00 f0 00 f0 00', reason: 'short' }],
});
