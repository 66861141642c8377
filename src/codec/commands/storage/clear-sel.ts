import { defineCommand } from '../define';
import { bits, constant, map, oneOf, struct } from '../../fields';
import { NetFn } from '../../message/netfn';
import { reservationId } from './fields';

/** Byte 6 of the request (v2.0 Table 31-9): AAh = initiate erase, 00h = get erasure status. */
export const ClearSelAction = { getStatus: 0x00, initiate: 0xaa } as const;
/** Response erasure progress [3:0]: 0 = erasure in progress, 1 = erase completed. */
export const ClearSelProgress = { inProgress: 0, completed: 1 } as const;

// v2.0 §31.9, Table 31-9; Appendix G: Operator.
export const ClearSel = defineCommand({
  name: 'Clear SEL',
  netFn: NetFn.Storage,
  cmd: 0x47,
  spec: 'v2.0 §31.9, Table 31-9',
  privilege: 'operator',
  request: struct({
    reservationId,
    /** 'C' 'L' 'R' (43h 4Ch 52h); anything else is an invalid data field. */
    clr: constant(Buffer.from('CLR', 'latin1'), "'CLR'"),
    action: oneOf([ClearSelAction.getStatus, ClearSelAction.initiate], 'Clear SEL action'),
  }),
  response: struct({ progress: map(bits({ progress: [0, 4] }), (v) => v.progress, (progress: number) => ({ progress })) }),
});
