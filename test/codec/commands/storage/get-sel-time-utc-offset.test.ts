import { GetSelTimeUtcOffset } from '../../../../src/codec/commands/storage';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetSelTimeUtcOffset, {
  request: [{ name: 'empty', source: 'v2.0 Table 31-11a', hex: '', value: {} }],
  response: [
    { name: 'UTC-5 (-300 minutes)', source: 'v2.0 Table 31-11a', hex: 'd4 fe', value: { utcOffsetMinutes: -300 } },
    { name: 'UTC+9 (540 minutes)', source: 'v2.0 Table 31-11a', hex: '1c 02', value: { utcOffsetMinutes: 540 } },
    { name: 'unspecified (07FFh)', source: 'v2.0 Table 31-11a', hex: 'ff 07', value: { utcOffsetMinutes: 0x7ff } },
  ],
});
