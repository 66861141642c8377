import type { Logger } from '../lib/logger';
import { IpmiClient } from './client';
import { DispatchFn, InProcessBmc, InProcessLink, InProcessOptions } from './in-process';
import { LanLink, LanOptions } from './lan/link';
import { SerialLink, SerialOptions } from './serial';

/** Where a device is and how to reach it: the union the CLI and the device inventory build. */
export type ClientTarget =
  | ({ kind: 'lan' } & LanOptions)
  | ({ kind: 'serial' } & SerialOptions)
  | ({ kind: 'in-process'; bmc: InProcessBmc | DispatchFn } & InProcessOptions);

/** A client for a target. Nothing is sent until the first call (LAN logs in then). */
export function connect(target: ClientTarget, log?: Logger): IpmiClient {
  switch (target.kind) {
    case 'lan':
      return new IpmiClient(new LanLink({ log, ...target }), { log: target.log ?? log });
    case 'serial':
      return new IpmiClient(new SerialLink({ log, ...target }), { log: target.log ?? log });
    case 'in-process':
      return new IpmiClient(new InProcessLink(target.bmc, target), { log });
  }
}
