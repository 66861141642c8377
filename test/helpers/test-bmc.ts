import { VirtualBmc } from '../../src/bmc/device';
import { LanServer } from '../../src/bmc/server';
import { BoundHandler } from '../../src/bmc/dispatch';
import type { ProfileSpec } from '../../src/profile/types';
import { loadProfileRef } from '../../src/profile';
import { silentLogger, createLogger } from '../../src/lib/logger';

/** A profile for session tests: three users at three levels, the default security settings. */
export function testProfile(over: Partial<ProfileSpec> = {}): ProfileSpec {
  return {
    id: 'test',
    file: '<test>',
    identity: {
      deviceId: 0x20,
      deviceRevision: 1,
      providesSdrs: true,
      firmwareMajor: 2,
      firmwareMinor: 5,
      manufacturerId: 0xa2b3,
      productId: 0x1234,
      guid: '01234567-89ab-cdef-0123-456789abcdef',
      systemGuid: '11111111-2222-3333-4444-555555555555',
    },
    users: [
      { name: 'admin', password: 'password', privilege: 'administrator' },
      { name: 'operator', password: 'oppass', privilege: 'operator' },
      { name: 'viewer', password: 'viewpass', privilege: 'user' },
    ],
    maxUsers: 10,
    lan: { ipAddress: '10.0.0.2', ipSource: 'static', macAddress: '52:54:00:12:34:56', subnetMask: '255.255.255.0', defaultGateway: '10.0.0.1', vlanId: 0 },
    security: {
      cipherSuites: [1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17],
      allowCipherZero: false,
      allowAnonymous: false,
      authTypes: ['md5', 'password'],
      maxSessions: 8,
      sessionTimeoutSec: 60,
    },
    powerOnDelayMs: 0,
    initialPower: 'on',
    ...over,
  } as ProfileSpec;
}

export interface RunningBmc {
  bmc: VirtualBmc;
  server: LanServer;
  port: number;
  close(): Promise<void>;
}

export async function startTestBmc(handlers: Iterable<BoundHandler<VirtualBmc>>, profile = testProfile(), stateDir?: string): Promise<RunningBmc> {
  const log = process.env.TEST_LOG ? createLogger({ level: process.env.TEST_LOG }) : silentLogger;
  const bmc = new VirtualBmc({ name: 'test', profile, log, handlers, stateDir });
  const server = new LanServer(bmc);
  const addr = await server.listen('127.0.0.1', 0);
  return {
    bmc,
    server,
    port: addr.port,
    close: async () => {
      await server.close();
      bmc.close();
    },
  };
}

/**
 * A profile file (a path, or an id in profiles/) as loaded, with testProfile's users and security
 * so the peer tools can log in: the hardware tests run real peers against real profiles.
 */
export function profileWithTestUsers(ref: string, over: Partial<ProfileSpec> = {}): ProfileSpec {
  const t = testProfile();
  return { ...loadProfileRef(ref), users: t.users, security: t.security, ...over };
}
