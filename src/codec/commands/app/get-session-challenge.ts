import { defineCommand } from '../define';
import { asciiz, bytes, struct, u32le, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';

/** Command-specific completion codes (v2.0 §22.16). */
export const SessionChallengeCC = { invalidUserName: 0x81, nullUserDisabled: 0x82 } as const;

// v2.0 §22.16, Table 22-18
export const GetSessionChallenge = defineCommand({
  name: 'Get Session Challenge',
  netFn: NetFn.App,
  cmd: 0x39,
  spec: 'v2.0 §22.16, Table 22-18',
  privilege: 'none',
  request: struct({ authType: u8, userName: asciiz(16) }),
  response: struct({ tempSessionId: u32le, challenge: bytes(16) }),
  codes: {
    [SessionChallengeCC.invalidUserName]: 'invalid user name',
    [SessionChallengeCC.nullUserDisabled]: 'null user name (User 1) not enabled',
  },
});
