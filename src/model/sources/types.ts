import type { ResponseOf } from '../../codec/commands/define';
import type { GetDeviceId } from '../../codec/commands/app/get-device-id';
import type { GetChassisStatus } from '../../codec/commands/chassis/get-chassis-status';
import type { ChassisControlOp } from '../../codec/commands/chassis/chassis-control';
import type { SdrRecord } from '../../codec/records/sdr';
import type { SelRecord } from '../../codec/records/sel';
import type { FruImage } from '../../codec/records/fru';
import type { PrivilegeName } from '../../codec/message/netfn';
import type { ThresholdValues } from '../../codec/sensor/thresholds';

export type { ThresholdValues };

/**
 * What the model reads from one managed device, in IPMI terms. The integrator implements it
 * over the IPMI client (src/client, LAN/serial BMCs) and over in-process virtual BMCs; tests use
 * test/model/fixture-source.ts. Every method may be slow (an IPMI round trip or several); the
 * repository caches and shares results (repository.ts), so implementations need not.
 *
 * Errors: a BMC's non-zero completion code is a CompletionCodeError (lib/errors) naming the
 * command; an unreachable device throws TimeoutError, TransportError or SessionError. Nothing
 * else is expected; anything else is reported as a device failure too.
 */
export interface DeviceSource {
  /** The device's name in the inventory: unique in the fleet; becomes ComputerSystem.Name. */
  readonly name: string;
  /**
   * Highest privilege the bridge's session to this BMC has (bounds raw pass-through). Default
   * 'administrator' (an in-process virtual BMC).
   */
  readonly privilege?: PrivilegeName;

  /** Get Device ID (v2.0 §20.1, Table 20-2), Get System GUID (§22.14), Get Device GUID (§20.8). */
  identity(): Promise<DeviceIdentity>;
  /** The SDR repository, every record decoded (Reserve SDR Repository + Get SDR, v2.0 §33). */
  sdrs(): Promise<SdrRecord[]>;
  /** Get Sensor Reading (v2.0 §35.14, Table 35-15) for one sensor. */
  readSensor(sensor: SensorAddress): Promise<SensorReading>;
  /** Get Sensor Thresholds (v2.0 §35.9, Table 35-9): raw values of the readable thresholds (absent = not readable). */
  readThresholds(sensor: SensorAddress): Promise<ThresholdValues>;
  /** Set Sensor Thresholds (v2.0 §35.8, Table 35-8): sets the thresholds present, raw. */
  setSensorThresholds(sensor: SensorAddress, values: ThresholdValues): Promise<void>;
  /** Get SEL Info (v2.0 §31.2, Table 31-2). */
  selInfo(): Promise<SelInfo>;
  /** Every SEL entry in order (Get SEL Entry, v2.0 §31.5), decoded. */
  selEntries(): Promise<SelRecord[]>;
  /** Reserve SEL + Clear SEL (v2.0 §31.9), returning once erasure has completed. */
  clearSel(): Promise<void>;
  /** Read a FRU device whole (Get FRU Inventory Area Info + Read FRU Data, v2.0 §34); undefined = not present (CBh). */
  readFru(fruDeviceId: number): Promise<FruImage | undefined>;
  /** Get Chassis Status (v2.0 §28.2, Table 28-3). */
  chassisStatus(): Promise<ChassisStatus>;
  /** Chassis Control (v2.0 §28.3): ChassisControlOp.powerDown ... softShutdown. */
  chassisControl(op: ChassisControlOpValue): Promise<void>;
  /** Configured users (Get User Name, Get User Access per channel, v2.0 §22.27-22.29). */
  users(): Promise<UserInfo[]>;
  /** A raw request; the completion code is returned, not thrown (Microsoft_IPMI.RequestResponse semantics). */
  raw(req: RawIpmiRequest): Promise<RawIpmiResponse>;
}

export type DeviceIdResponse = ResponseOf<typeof GetDeviceId>;
export type ChassisStatus = ResponseOf<typeof GetChassisStatus>;
export type ChassisControlOpValue = (typeof ChassisControlOp)[keyof typeof ChassisControlOp];

export interface DeviceIdentity {
  deviceId: DeviceIdResponse;
  /** Get System GUID as text, RFC 4122 form (36 characters); undefined when the BMC has none. */
  systemGuid?: string;
  /** Get Device GUID as text. */
  deviceGuid?: string;
  /** The BMC's IPMB slave address (8-bit form); 20h when not stated. */
  bmcAddress?: number;
}

/** A sensor's address: the SDR's owner ID (8-bit form, 20h = BMC), owner LUN and sensor number. */
export interface SensorAddress {
  ownerId: number;
  lun: number;
  sensorNumber: number;
}

/** Get Sensor Reading response bytes 2-5 (v2.0 Table 35-15). */
export interface SensorReading {
  /** Byte 2: the raw reading (meaningless for discrete-only sensors). */
  raw: number;
  /** Byte 3 [7]: event messages enabled. */
  eventMessagesEnabled: boolean;
  /** Byte 3 [6]: sensor scanning enabled. */
  scanningEnabled: boolean;
  /** Byte 3 [5]: reading/state unavailable. */
  unavailable: boolean;
  /**
   * Bytes 4-5, byte 4 in bits [7:0] and byte 5 in [14:8]: for threshold sensors bits [5:0] =
   * at or beyond LNC, LC, LNR, UNC, UC, UNR; for discrete sensors the asserted state offsets 0-14.
   */
  states: number;
}

/** Get SEL Info response (v2.0 Table 31-2). */
export interface SelInfo {
  /** SEL version, 51h = v1.5/2.0. */
  version: number;
  entries: number;
  /** Free space in bytes. */
  freeSpace: number;
  /** Seconds since 1970 (or since BMC init when <= 20000000h); FFFFFFFFh = never. */
  lastAddTimestamp: number;
  lastEraseTimestamp: number;
  /** Operation support byte [7]: events were dropped because the SEL was full. */
  overflow: boolean;
}

export interface UserInfo {
  id: number;
  name: string;
  enabled: boolean;
  /** Per channel: privilege limit 1 callback .. 5 OEM, 15 no access (Get User Access byte 4 [3:0]). */
  channels: Array<{ channel: number; privilegeLimit: number; ipmiMessaging: boolean; linkAuth: boolean; callbackOnly: boolean }>;
}

export interface RawIpmiRequest {
  netFn: number;
  cmd: number;
  lun: number;
  /** 8-bit slave address of the responder; 20h = the BMC. */
  responderAddress: number;
  data: Buffer;
}
export interface RawIpmiResponse {
  completionCode: number;
  data: Buffer;
}
