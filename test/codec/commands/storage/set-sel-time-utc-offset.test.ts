import { SetSelTimeUtcOffset } from '../../../../src/codec/commands/storage';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(SetSelTimeUtcOffset, {
  request: [
    { name: 'UTC-14:00 (-840 minutes)', source: 'v2.0 Table 31-11b', hex: 'b8 fc', value: { utcOffsetMinutes: -840 } },
    { name: 'UTC', source: 'v2.0 Table 31-11b', hex: '00 00', value: { utcOffsetMinutes: 0 } },
  ],
  response: [{ name: 'empty', source: 'v2.0 Table 31-11b', hex: '', value: {} }],
});
