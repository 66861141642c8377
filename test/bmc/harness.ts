import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VirtualBmc } from '../../src/bmc/device';
import { standardHandlers } from '../../src/bmc/handlers';
import type { BmcEvent } from '../../src/bmc/state/events';
import { ManualClock } from '../../src/lib/clock';
import { silentLogger } from '../../src/lib/logger';
import { Privilege } from '../../src/codec/message/netfn';
import { fromHex, hex } from '../../src/codec/wire/checksum';
import type { ProfileSpec } from '../../src/profile/types';

/** A complete profile for handler tests: three users at three levels, a static LAN config. */
export function profile(over: Partial<ProfileSpec> = {}): ProfileSpec {
  return {
    id: 'test',
    file: '<test>',
    identity: {
      deviceId: 0x20,
      deviceRevision: 1,
      providesSdrs: false,
      firmwareMajor: 2,
      firmwareMinor: 10,
      manufacturerId: 674,
      productId: 0x0100,
      guid: '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f0',
      systemGuid: '11223344-5566-4778-8899-aabbccddeeff',
      systemFirmwareVersion: '1.4.2',
      systemName: 'node01',
    },
    users: [
      { name: 'admin', password: 'password', privilege: 'administrator' },
      { name: 'operator', password: 'oppass', privilege: 'operator' },
      { name: 'viewer', password: 'viewpass', privilege: 'user' },
    ],
    maxUsers: 10,
    lan: {
      ipAddress: '192.168.0.120',
      ipSource: 'static',
      macAddress: '52:54:00:12:34:56',
      subnetMask: '255.255.255.0',
      defaultGateway: '192.168.0.1',
      vlanId: 0,
    },
    security: {
      cipherSuites: [3, 17],
      allowCipherZero: false,
      allowAnonymous: false,
      authTypes: ['md5', 'password'],
      maxSessions: 4,
      sessionTimeoutSec: 60,
    },
    powerOnDelayMs: 0,
    initialPower: 'on',
    ...over,
  };
}

export interface Harness {
  bmc: VirtualBmc;
  clock: ManualClock;
  events: BmcEvent[];
  /** Send a request (hex data) and get "cc" or "cc data..." as spaced hex. */
  call(netFn: number, cmd: number, data?: string, opts?: { privilege?: number; channel?: number }): Promise<string>;
  /** A new VirtualBmc on the same state directory (an emulator restart); the old one is closed. */
  restart(over?: Partial<ProfileSpec>): Harness;
  close(): void;
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'bmcbridge-test-'));
}

export function harness(opts: { profile?: Partial<ProfileSpec>; stateDir?: string; clock?: ManualClock } = {}): Harness {
  const clock = opts.clock ?? new ManualClock();
  const events: BmcEvent[] = [];
  const bmc = new VirtualBmc({
    name: 'test',
    profile: profile(opts.profile),
    stateDir: opts.stateDir,
    clock,
    log: silentLogger,
    handlers: standardHandlers,
    onEvent: (e) => events.push(e),
  });
  const h: Harness = {
    bmc,
    clock,
    events,
    async call(netFn, cmd, data = '', o = {}) {
      const r = await bmc.dispatch(
        { netFn, cmd, data: fromHex(data) },
        { privilege: o.privilege ?? Privilege.administrator, channel: o.channel ?? 1, requester: { addr: 0x81, lun: 0 } },
      );
      return hex(Buffer.concat([Buffer.from([r.cc]), r.data]));
    },
    restart(over) {
      bmc.close();
      return harness({ profile: { ...opts.profile, ...over }, stateDir: opts.stateDir, clock });
    },
    close: () => bmc.close(),
  };
  return h;
}
