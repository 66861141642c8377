import type { Logger } from '../lib/logger';
import { silentLogger } from '../lib/logger';
import type { AnyCommandDef, RequestOf, ResponseOf } from '../codec/commands';
import { commandName, decodeAnswer, encodeCall } from './answer';
import type { IpmiLink, IpmiRequest, IpmiResponse, LinkStats } from './types';

/**
 * The IPMI client: `call(def, request)` with any command declared in codec/commands, over any
 * link (LAN RMCP+ or v1.5, serial basic or terminal mode, in-process). One client per device;
 * concurrent callers share its link and session.
 *
 *     const id = await client.call(GetDeviceId, {});   // typed ResponseOf<typeof GetDeviceId>
 *
 * A non-zero completion code throws CompletionCodeError with the command's own text
 * ("Get SDR: Reservation cancelled or invalid (0xc5)"); an answer that does not decode throws
 * DecodeError; an unreachable BMC TimeoutError naming host and port; a refused login
 * RmcpPlusStatusError or SessionError.
 */
export class IpmiClient {
  private readonly log: Logger;
  constructor(
    readonly link: IpmiLink,
    opts: { log?: Logger } = {},
  ) {
    this.log = (opts.log ?? silentLogger).child({ peer: link.target });
  }

  get target(): string {
    return this.link.target;
  }
  get stats(): LinkStats {
    return this.link.stats;
  }

  async call<D extends AnyCommandDef>(def: D, request: RequestOf<D>, opts: { lun?: number } = {}): Promise<ResponseOf<D>> {
    const rsp = await this.link.request(encodeCall(def, request, opts.lun));
    this.log.debug({ cmd: def.name, cc: rsp.cc }, 'answer');
    return decodeAnswer(def, rsp, this.link.target);
  }

  /** A raw request: the completion code is returned, not thrown. */
  async raw(req: IpmiRequest): Promise<IpmiResponse> {
    const rsp = await this.link.request(req);
    this.log.debug({ cmd: commandName(req), cc: rsp.cc }, 'raw answer');
    return rsp;
  }

  /** Close the session and the socket or port. */
  close(): Promise<void> {
    return this.link.close();
  }
}
