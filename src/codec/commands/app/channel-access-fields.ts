/**
 * The access bits shared by Get Channel Access (response byte 1) and Set Channel Access
 * (request byte 2, which adds the set selector in [7:6]): v2.0 §22.22, §22.23.
 * Each "disabled" bit is 1 when the feature is off.
 */
export const CHANNEL_ACCESS_BITS = {
  alertingDisabled: [5, 1],
  perMessageAuthDisabled: [4, 1],
  userLevelAuthDisabled: [3, 1],
  accessMode: [0, 3],
} as const;

/** Access modes, bits [2:0]. */
export const ChannelAccessMode = { disabled: 0, preBootOnly: 1, alwaysAvailable: 2, shared: 3 } as const;
