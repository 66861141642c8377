/**
 * Frozen, validated specs built by the profile loader from profiles/*.yaml and devices/*.yaml.
 * Later issues add sensors, FRU, SEL and DCMI sections.
 */
import type { PrivilegeName } from '../codec/message/netfn';
import type { HardwareSpec } from './hardware-types';

export * from './hardware-types';
export * from './device-types';

export interface IdentitySpec {
  deviceId: number;
  deviceRevision: number;
  providesSdrs: boolean;
  firmwareMajor: number;
  /** 0..99, sent as BCD. */
  firmwareMinor: number;
  /** IANA enterprise number (20 bits). */
  manufacturerId: number;
  productId: number;
  auxFirmware?: number[];
  /** 36-character textual GUID (RFC 4122 form). */
  guid: string;
  systemGuid: string;
  manufacturerName?: string;
  productName?: string;
  systemFirmwareVersion?: string;
  systemName?: string;
  /** Get Device ID "Additional Device Support" (v2.0 §20.1, Table 20-2); defaults in profile/defaults.ts. */
  capabilities?: DeviceSupportSpec;
}

export interface DeviceSupportSpec {
  sensor: boolean;
  sdrRepository: boolean;
  sel: boolean;
  fru: boolean;
  ipmbEventReceiver: boolean;
  ipmbEventGenerator: boolean;
  bridge: boolean;
  chassis: boolean;
}

export interface UserSpec {
  id?: number;
  name: string;
  password: string;
  privilege: PrivilegeName;
  enabled?: boolean;
}

export interface LanSpec {
  ipAddress: string;
  ipSource: 'static' | 'dhcp' | 'bios' | 'other';
  macAddress: string;
  subnetMask: string;
  defaultGateway: string;
  defaultGatewayMac?: string;
  /** 0 = VLAN disabled. */
  vlanId: number;
  vlanPriority?: number;
  backupGateway?: string;
  backupGatewayMac?: string;
  /** SNMP community string, at most 18 bytes (default "public"). */
  communityString?: string;
  /**
   * Supermicro's OEM LAN interface mode (NetFn 30h, command 70h, 0Ch): when set, the BMC answers
   * that command (ipmi_exporter's sm-lan-mode collector, `ipmitool raw 0x30 0x70 0x0c ...`).
   */
  supermicroLanMode?: 'dedicated' | 'shared' | 'failover';
}

export interface SecuritySpec {
  /** Cipher suites offered over RMCP+; cipher 0 only when allowCipherZero is true. */
  cipherSuites: number[];
  allowCipherZero: boolean;
  /** Null user and anonymous (empty name/password) login. */
  allowAnonymous: boolean;
  /** IPMI 1.5 authentication types enabled: none, md2, md5, straight (password). */
  authTypes: Array<'none' | 'md2' | 'md5' | 'password'>;
  /** K_g (BMC key) as a string; empty = the user's key is used (v2.0 §13.31). */
  kg?: string;
  maxSessions: number;
  /** Idle timeout of a session in seconds (default 60). */
  sessionTimeoutSec: number;
}

/** The hardware sections (issue 3) are optional: a hand-built spec without them has no sensors, FRU or DCMI. */
export interface ProfileSpec extends HardwareSpec {
  /** The profile's id (file name without extension). */
  id: string;
  /** Where it was loaded from (for error messages). */
  file: string;
  description?: string;
  identity: IdentitySpec;
  users: UserSpec[];
  maxUsers: number;
  lan: LanSpec;
  security: SecuritySpec;
  /** Milliseconds between Chassis Control power up and the power state turning on. */
  powerOnDelayMs: number;
  /** Power state at first start (no saved state yet). */
  initialPower: 'on' | 'off';
  /** Off time of a power cycle (Chassis Control 2h, watchdog power cycle) before power-on starts. */
  powerCycleIntervalMs?: number;
  /** Time the "OS" takes to shut down after a soft shutdown request (Chassis Control 5h). */
  softOffDelayMs?: number;
  powerRestorePolicy?: 'always-off' | 'previous' | 'always-on';
}
