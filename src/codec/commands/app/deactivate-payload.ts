import { defineCommand } from '../define';
import { bits, bytes, empty, struct } from '../../fields';
import { NetFn } from '../../message/netfn';

export const DeactivatePayloadCC = { alreadyDeactivated: 0x80, typeDisabled: 0x81 } as const;

// v2.0 §24.2, Table 24-3; Appendix G: User. The auxiliary data is reserved for SOL (00h).
export const DeactivatePayload = defineCommand({
  name: 'Deactivate Payload',
  netFn: NetFn.App,
  cmd: 0x49,
  spec: 'v2.0 §24.2, Table 24-3',
  privilege: 'user',
  request: struct({
    payload: bits({ type: [0, 6] }),
    instance: bits({ number: [0, 4] }),
    auxiliary: bytes(4),
  }),
  response: empty,
  codes: {
    [DeactivatePayloadCC.alreadyDeactivated]: 'Payload already deactivated',
    [DeactivatePayloadCC.typeDisabled]: 'Payload type disabled',
  },
});
