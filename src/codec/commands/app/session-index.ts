import type { AnyCommandDef } from '../define';
import { GetChannelAuthCapabilities } from './get-channel-auth-capabilities';
import { GetSessionChallenge } from './get-session-challenge';
import { ActivateSession } from './activate-session';
import { SetSessionPrivilegeLevel } from './set-session-privilege-level';
import { CloseSession } from './close-session';
import { GetSessionInfo } from './get-session-info';
import { GetChannelCipherSuites } from './get-channel-cipher-suites';

export {
  GetChannelAuthCapabilities,
  GetSessionChallenge,
  ActivateSession,
  SetSessionPrivilegeLevel,
  CloseSession,
  GetSessionInfo,
  GetChannelCipherSuites,
};

/** The session-management App commands (v2.0 §22.13-22.20), served by bmc/handlers/session.ts. */
export const sessionCommands: readonly AnyCommandDef[] = [
  GetChannelAuthCapabilities,
  GetSessionChallenge,
  ActivateSession,
  SetSessionPrivilegeLevel,
  CloseSession,
  GetSessionInfo,
  GetChannelCipherSuites,
];
