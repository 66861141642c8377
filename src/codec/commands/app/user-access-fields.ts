/**
 * Per-channel user access bits shared by Set User Access (request byte 1, with the channel in
 * [3:0]) and Get User Access (response byte 4, with the privilege limit in [3:0]): v2.0 §22.26, §22.27.
 */
export const USER_ACCESS_BITS = {
  /** "User restricted to callback": only Callback level on non-callback connections. */
  callbackOnly: [6, 1],
  linkAuth: [5, 1],
  ipmiMessaging: [4, 1],
} as const;
