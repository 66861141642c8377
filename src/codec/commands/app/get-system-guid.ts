import { defineCommand } from '../define';
import { empty, guid16, struct } from '../../fields';
import { NetFn } from '../../message/netfn';

// v2.0 §22.14. Appendix G allows it without a session (OpenIPMI lanserv's privilege table agrees),
// so a console can identify the managed system before it logs in.
export const GetSystemGuid = defineCommand({
  name: 'Get System GUID',
  netFn: NetFn.App,
  cmd: 0x37,
  spec: 'v2.0 §22.14',
  privilege: 'none',
  request: empty,
  response: struct({ guid: guid16 }),
});
