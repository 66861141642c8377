import type { DeviceSupportSpec } from './types';

/**
 * Default values of optional profile fields. The loader fills them in; bmc/state reads them for
 * fields a hand-built ProfileSpec (tests) may leave out, so each default is written here only.
 */
export const PROFILE_DEFAULTS = {
  deviceId: 0x20,
  deviceRevision: 1,
  providesSdrs: false,
  firmwareMajor: 1,
  firmwareMinor: 0,
  /** Everything a BMC of a rack server reports, except bridging and IPMB event generation. */
  capabilities: {
    sensor: true,
    sdrRepository: true,
    sel: true,
    fru: true,
    ipmbEventReceiver: true,
    ipmbEventGenerator: false,
    bridge: false,
    chassis: true,
  } satisfies DeviceSupportSpec,
  maxUsers: 10,
  powerOnDelayMs: 0,
  initialPower: 'on' as const,
  powerCycleIntervalMs: 1000,
  softOffDelayMs: 0,
  powerRestorePolicy: 'previous' as const,
  lan: {
    ipAddress: '0.0.0.0',
    ipSource: 'static' as const,
    macAddress: '00:00:00:00:00:00',
    subnetMask: '0.0.0.0',
    defaultGateway: '0.0.0.0',
    defaultGatewayMac: '00:00:00:00:00:00',
    backupGateway: '0.0.0.0',
    backupGatewayMac: '00:00:00:00:00:00',
    communityString: 'public',
    vlanId: 0,
    vlanPriority: 0,
  },
  security: {
    /** Every suite the session layer implements except 0 (issue 2: 1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17). */
    cipherSuites: [1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17],
    allowCipherZero: false,
    allowAnonymous: false,
    authTypes: ['md5', 'password'] as Array<'none' | 'md2' | 'md5' | 'password'>,
    maxSessions: 8,
    sessionTimeoutSec: 60,
  },
};
