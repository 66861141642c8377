import { CompletionCodeError, DecodeError, RmcpPlusStatusError, SessionError, TimeoutError, TransportError } from '../../lib/errors';
import { CC } from '../../codec/message/completion-codes';
import { RakpStatus } from '../../codec/session/rakp';

/**
 * Why a collector failed: the `reason` label of ipmi_collector_error and of the failure log
 * line. ipmi_exporter only says `ipmi_up 0` (users asked why, upstream #293).
 *
 * - timeout: the BMC did not answer (retransmissions exhausted)
 * - deadline: the scrape's time (X-Prometheus-Scrape-Timeout-Seconds) ran out first
 * - auth: login refused (unknown user, wrong password, role or privilege not allowed)
 * - session: other session failures (no cipher suite match, session lost, BMC out of sessions)
 * - transport: the network refused (ICMP unreachable, socket error)
 * - unsupported: the BMC does not implement the command (C1h, C2h, CBh, D5h, D6h)
 * - privilege: the session's privilege is too low (D4h)
 * - completion_code: any other non-zero completion code
 * - protocol: an answer that could not be decoded
 * - overload: no collection slot became free before the deadline (maxConcurrentCollections)
 * - internal: a bug; logged at error level with the stack
 */
export type Reason =
  | 'timeout'
  | 'deadline'
  | 'auth'
  | 'session'
  | 'transport'
  | 'unsupported'
  | 'privilege'
  | 'completion_code'
  | 'protocol'
  | 'overload'
  | 'internal';

/** RMCP+ status codes that mean "these credentials are not accepted" (v2.0 §13.24, Table 13-15). */
const AUTH_STATUS: ReadonlySet<number> = new Set([
  RakpStatus.InvalidRole,
  RakpStatus.UnauthorizedRole,
  RakpStatus.InvalidNameLength,
  RakpStatus.UnauthorizedName,
  RakpStatus.UnauthorizedGuid,
  RakpStatus.InvalidIntegrityCheckValue,
]);
const UNSUPPORTED_CC = new Set<number>([CC.InvalidCommand, CC.InvalidForLun, CC.NotPresent, CC.NotSupportedInPresentState, CC.SubFunctionDisabled]);

export function reasonOf(err: unknown): Reason {
  if (err instanceof TimeoutError) return 'timeout';
  if (err instanceof RmcpPlusStatusError) return AUTH_STATUS.has(err.status) ? 'auth' : 'session';
  if (err instanceof SessionError) return /password|authcode|hmac|unauthori[sz]ed|user name|login refused|integrity check/i.test(err.message) ? 'auth' : 'session';
  if (err instanceof TransportError) return 'transport';
  if (err instanceof CompletionCodeError) {
    if (UNSUPPORTED_CC.has(err.completionCode)) return 'unsupported';
    if (err.completionCode === CC.InsufficientPrivilege) return 'privilege';
    return 'completion_code';
  }
  if (err instanceof DecodeError) return 'protocol';
  return 'internal';
}
