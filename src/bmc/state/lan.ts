import type { ProfileSpec } from '../../profile/types';
import { PROFILE_DEFAULTS } from '../../profile/defaults';
import { ConfigParameter, decodeParameter, encodeParameter } from '../../codec/commands/app/config-parameters';
import { AuthTypeSet, IpSource, LanParam, lanParameters } from '../../codec/commands/transport/lan-parameters';
import { Privilege } from '../../codec/message/netfn';
import type { DeviceStore } from './store';
import { ParameterStore } from './parameters';

type AuthTypeName = 'none' | 'md2' | 'md5' | 'password';
const ipSourceCode = { static: IpSource.static, dhcp: IpSource.dhcp, bios: IpSource.bios, other: IpSource.other } as const;

/**
 * The LAN channel's configuration parameters (v2.0 §23.1, Table 23-4), seeded from the
 * profile's `lan` and `security` sections and saved as written. Parameters 1 (auth type
 * support), 17, 22 and 23 (cipher suites) are read-only and follow the profile.
 */
export class LanConfig {
  readonly params: ParameterStore;
  private readonly readOnly = new Map<number, Buffer>();
  /** Decoded parameters every login reads, with the stored bytes they were decoded from. */
  private readonly decoded = new Map<number, { raw: Buffer; value: unknown }>();
  private suites?: number[];

  constructor(
    store: DeviceStore,
    private readonly profile: ProfileSpec,
  ) {
    const lan = { ...PROFILE_DEFAULTS.lan, ...profile.lan };
    const sec = profile.security;
    const enabled = authTypeSet(sec.authTypes);
    const suites = this.cipherSuites();
    const enc = <T>(p: ConfigParameter<T>, v: T): [number, Buffer] => [p.id, encodeParameter(p, v)];
    const defaults = new Map<number, Buffer>([
      enc(LanParam.authTypeEnables, { callback: enabled, user: enabled, operator: enabled, administrator: enabled, oem: authTypeSet([]) }),
      enc(LanParam.ipAddress, lan.ipAddress),
      enc(LanParam.ipAddressSource, { source: ipSourceCode[lan.ipSource] }),
      enc(LanParam.macAddress, lan.macAddress),
      enc(LanParam.subnetMask, lan.subnetMask),
      // v2.0 Table 23-4 defaults: TTL 40h, "don't fragment", precedence 000b, TOS 1000b.
      enc(LanParam.ipv4Header, { ttl: 0x40, flags: { flags: 2 }, service: { precedence: 0, tos: 8 } }),
      enc(LanParam.primaryRmcpPort, 623),
      enc(LanParam.bmcArpControl, { arpResponses: true, gratuitousArp: false }),
      enc(LanParam.gratuitousArpInterval, 4),
      enc(LanParam.defaultGateway, lan.defaultGateway),
      enc(LanParam.defaultGatewayMac, lan.defaultGatewayMac ?? PROFILE_DEFAULTS.lan.defaultGatewayMac),
      enc(LanParam.backupGateway, lan.backupGateway ?? PROFILE_DEFAULTS.lan.backupGateway),
      enc(LanParam.backupGatewayMac, lan.backupGatewayMac ?? PROFILE_DEFAULTS.lan.backupGatewayMac),
      enc(LanParam.communityString, lan.communityString ?? PROFILE_DEFAULTS.lan.communityString),
      enc(LanParam.vlanId, { enabled: lan.vlanId > 0, id: lan.vlanId }),
      enc(LanParam.vlanPriority, { priority: lan.vlanPriority ?? 0 }),
      enc(LanParam.cipherSuitePrivileges, Array.from({ length: 16 }, (_, id) => (suites.includes(id) ? Privilege.administrator : 0))),
    ]);
    this.params = new ParameterStore(store, 'lan', lanParameters, defaults);
    for (const [id, v] of [
      enc(LanParam.authTypeSupport, authTypeSet(sec.authTypes)),
      enc(LanParam.destinationCount, { count: 0 }),
      enc(LanParam.cipherSuiteEntrySupport, { count: suites.length }),
      enc(LanParam.cipherSuiteEntries, suites),
    ])
      this.readOnly.set(id, v);
  }

  /** A parameter's data bytes; undefined = not supported (80h). */
  get(id: number): Buffer | undefined {
    return this.readOnly.get(id) ?? this.params.get(id);
  }

  /**
   * A parameter decoded, decoded again only when its stored bytes change (a Set stores new
   * bytes): logins read parameters 2 and 24 each time, and decoding them cost more than the
   * rest of an Open Session.
   */
  private value<T>(p: ConfigParameter<T>): T {
    const raw = this.get(p.id)!;
    const hit = this.decoded.get(p.id);
    if (hit && hit.raw === raw) return hit.value as T;
    const value = decodeParameter(p, raw);
    this.decoded.set(p.id, { raw, value });
    return value;
  }

  /** The cipher suite IDs offered, in parameter 23 order (cipher 0 only when allowed). Follows the profile, so made once. */
  cipherSuites(): readonly number[] {
    const sec = this.profile.security;
    return (this.suites ??= [...(sec.allowCipherZero ? [0] : []), ...sec.cipherSuites.filter((s) => s !== 0)]);
  }

  /**
   * The highest privilege a session may reach with this cipher suite (parameter 24); 0 = not
   * offered. Suites 16 and up have no entry in parameter 24: Administrator.
   */
  cipherSuiteMaxPrivilege(suiteId: number): number {
    if (!this.cipherSuites().includes(suiteId)) return 0;
    if (suiteId > 15) return Privilege.administrator;
    return this.value(LanParam.cipherSuitePrivileges)[suiteId];
  }

  /** The v1.5 authentication types enabled for a privilege level (parameter 2). */
  authTypesEnabled(privilege: number): AuthTypeSet {
    const e = this.value(LanParam.authTypeEnables);
    const byLevel = [undefined, e.callback, e.user, e.operator, e.administrator, e.oem];
    return byLevel[privilege] ?? authTypeSet([]);
  }

  ipAddress(): string {
    return decodeParameter(LanParam.ipAddress, this.get(LanParam.ipAddress.id)!);
  }
}

export function authTypeSet(types: readonly AuthTypeName[]): AuthTypeSet {
  return { oem: false, password: types.includes('password'), md5: types.includes('md5'), md2: types.includes('md2'), none: types.includes('none') };
}
