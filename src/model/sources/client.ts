import { CompletionCodeError } from '../../lib/errors';
import { CC, completionText } from '../../codec/message/completion-codes';
import { BMC_SA } from '../../codec/message/ipmb';
import type { PrivilegeName } from '../../codec/message/netfn';
import { GetDeviceGuid, GetSystemGuid } from '../../codec/commands/app';
import { ChannelMedium, GetChannelInfo } from '../../codec/commands/app/get-channel-info';
import { GetUserAccess, UserEnableStatus } from '../../codec/commands/app/get-user-access';
import { GetUserName } from '../../codec/commands/app/get-user-name';
import { ChassisControlOp } from '../../codec/commands/chassis/chassis-control';
import { GetSensorReading, GetSensorThresholds, SetSensorThresholds } from '../../codec/commands/sensor-event';
import type { SdrRecord } from '../../codec/records/sdr';
import type { SelRecord } from '../../codec/records/sel';
import type { FruImage } from '../../codec/records/fru';
import { THRESHOLDS, thresholdMask, type ThresholdName } from '../../codec/sensor/thresholds';
import type { BmcDevice } from '../../client/ops/device';
import { Repository, RepositoryOptions } from '../repository';
import type {
  ChassisControlOpValue,
  ChassisStatus,
  DeviceIdentity,
  DeviceSource,
  RawIpmiRequest,
  RawIpmiResponse,
  SelInfo,
  SensorAddress,
  SensorReading,
  ThresholdValues,
  UserInfo,
} from './types';

/**
 * A DeviceSource over the IPMI client's BmcDevice: one BMC reached over LAN (RMCP+ or v1.5),
 * serial (basic or terminal mode) or in-process, whichever link the device's IpmiClient has.
 * Each method is one DeviceSource operation in IPMI commands; the BmcDevice keeps what is
 * worth keeping between reads (SDRs until the repository changes, the SEL incrementally, FRU
 * read sizes), the Repository decides how often to ask (its per-device max ages).
 *
 *     const device = new BmcDevice(connect({ kind: 'lan', host, port, user, password }));
 *     const repo = repositoryForDevices([{ name: 'rack1-bmc', device }]);
 */
export interface ClientSourceOptions {
  /** The privilege the client's session has on the BMC (bounds Microsoft_IPMI pass-through); default administrator. */
  privilege?: PrivilegeName;
}

/** Channel numbers a BMC may have besides IPMB 0 (v2.0 §6.3, Table 6-1: 1-Bh implementation-specific). */
const FIRST_CHANNEL = 0x01;
const LAST_CHANNEL = 0x0b;
/** Media whose users log in with sessions: where per-channel user privileges matter (v2.0 Table 6-3). */
const SESSION_MEDIA: ReadonlySet<number> = new Set([ChannelMedium.lan8023, ChannelMedium.otherLan, ChannelMedium.serial]);
/** Get User Access privilege limit 0Fh: no access (v2.0 Table 22-29 byte 4 [3:0]). */
const NO_ACCESS = 0x0f;

/** A GUID from its IPMI wire order (the RFC 4122 text's 16 bytes reversed, v2.0 §20.8) to RFC 4122 text. */
export function guidText(wire: Buffer): string {
  const h = Buffer.from(wire).reverse().toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Sensors and raw requests the client can reach directly: owner 20h (the BMC). Others need a
 * bridged request (Send Message, v2.0 §22.7), which the client does not send; the source
 * answers D3h "destination unavailable" (v2.0 Table 5-2) for them, as a bridge that cannot
 * deliver, so the model reports that sensor without a reading and the rest of the device as usual.
 */
function unreachable(command: string, ownerId: number): CompletionCodeError {
  return new CompletionCodeError(
    CC.DestinationUnavailable,
    `${completionText(CC.DestinationUnavailable)}: owner 0x${ownerId.toString(16).padStart(2, '0')} needs a bridged request, which this client does not send`,
    command,
  );
}

const OP_NAMES = Object.fromEntries(Object.entries(ChassisControlOp).map(([k, v]) => [v, k])) as Record<number, keyof typeof ChassisControlOp>;

export class ClientSource implements DeviceSource {
  readonly privilege: PrivilegeName;
  /** Session-based channels (LAN, serial), found once: a BMC's channel set does not change. */
  private channels?: Promise<number[]>;

  constructor(
    readonly name: string,
    readonly device: BmcDevice,
    opts: ClientSourceOptions = {},
  ) {
    this.privilege = opts.privilege ?? 'administrator';
  }

  private get client() {
    return this.device.client;
  }

  /** Get Device ID (v2.0 §20.1), Get System GUID (§22.14), Get Device GUID (§20.8); a GUID the BMC refuses is absent. */
  async identity(): Promise<DeviceIdentity> {
    const optionalGuid = (p: Promise<{ guid: Buffer }>) =>
      p.then(
        (r) => guidText(r.guid),
        (e: unknown) => {
          if (e instanceof CompletionCodeError) return undefined;
          throw e;
        },
      );
    const [deviceId, systemGuid, deviceGuid] = await Promise.all([
      this.device.deviceId(),
      optionalGuid(this.client.call(GetSystemGuid, {})),
      optionalGuid(this.client.call(GetDeviceGuid, {})),
    ]);
    return { deviceId, systemGuid, deviceGuid };
  }

  /** The decoded records of the SDR repository; records that did not decode are left out. */
  async sdrs(): Promise<SdrRecord[]> {
    const out: SdrRecord[] = [];
    for (const e of await this.device.sdrs()) if (e.record) out.push(e.record);
    return out;
  }

  /** Get Sensor Reading (v2.0 §35.14, Table 35-15) on the sensor's LUN. */
  async readSensor(s: SensorAddress): Promise<SensorReading> {
    if (s.ownerId !== BMC_SA) throw unreachable(GetSensorReading.name, s.ownerId);
    const r = await this.client.call(GetSensorReading, { sensorNumber: s.sensorNumber }, { lun: s.lun });
    return {
      raw: r.reading,
      eventMessagesEnabled: r.flags.eventMessagesEnabled,
      scanningEnabled: r.flags.scanningEnabled,
      unavailable: r.flags.readingUnavailable,
      // Bytes 4 and 5 are optional (a threshold sensor may stop after byte 4); byte 5 [7] is reserved.
      states: ((r.states ?? 0) | ((r.states2 ?? 0) << 8)) & 0x7fff,
    };
  }

  /** Get Sensor Thresholds (v2.0 §35.9): the raw values the readable mask names. */
  async readThresholds(s: SensorAddress): Promise<ThresholdValues> {
    if (s.ownerId !== BMC_SA) throw unreachable(GetSensorThresholds.name, s.ownerId);
    const r = await this.client.call(GetSensorThresholds, { sensorNumber: s.sensorNumber }, { lun: s.lun });
    const out: ThresholdValues = {};
    for (const [i, t] of THRESHOLDS.entries()) if (r.readableMask & (1 << i)) out[t] = r.thresholds[t];
    return out;
  }

  /** Set Sensor Thresholds (v2.0 §35.8): the set mask names the thresholds given; the others are sent as 0 and ignored. */
  async setSensorThresholds(s: SensorAddress, values: ThresholdValues): Promise<void> {
    if (s.ownerId !== BMC_SA) throw unreachable(SetSensorThresholds.name, s.ownerId);
    const given = THRESHOLDS.filter((t) => values[t] !== undefined);
    const thresholds = Object.fromEntries(THRESHOLDS.map((t) => [t, values[t] ?? 0])) as Record<ThresholdName, number>;
    await this.client.call(SetSensorThresholds, { sensorNumber: s.sensorNumber, setMask: thresholdMask(given), thresholds }, { lun: s.lun });
  }

  /** Get SEL Info (v2.0 §31.2, Table 31-2). */
  async selInfo(): Promise<SelInfo> {
    const r = await this.device.selInfo();
    return {
      version: r.selVersion,
      entries: r.entries,
      freeSpace: r.freeSpace,
      lastAddTimestamp: r.mostRecentAddition,
      lastEraseTimestamp: r.mostRecentErase,
      overflow: r.operationSupport.overflow,
    };
  }

  /** Every SEL entry, read incrementally by the BmcDevice (unchanged entries are the same objects). */
  async selEntries(): Promise<SelRecord[]> {
    return (await this.device.sel()).map((e) => e.record);
  }

  /** Reserve SEL, Clear SEL (initiate erase), then Clear SEL (get status) until erased (v2.0 §31.9). */
  clearSel(): Promise<void> {
    return this.device.clearSel();
  }

  /** Get FRU Inventory Area Info + Read FRU Data (v2.0 §34); undefined when the device is absent. */
  readFru(fruDeviceId: number): Promise<FruImage | undefined> {
    return this.device.fru(fruDeviceId);
  }

  chassisStatus(): Promise<ChassisStatus> {
    return this.device.chassisStatus();
  }

  chassisControl(op: ChassisControlOpValue): Promise<void> {
    return this.device.chassisControl(OP_NAMES[op]);
  }

  /**
   * Every user slot (1 .. maximum user IDs from Get User Access, v2.0 §22.27) with its name (Get
   * User Name, §22.29; a slot the BMC refuses is nameless) and its access on each session-based
   * channel (LAN and serial, from Get Channel Info, §22.24). A slot is enabled when Get User
   * Access says so; BMCs before errata 3 report no enable status (00b), and then a slot with
   * access on some channel counts as enabled.
   */
  async users(): Promise<UserInfo[]> {
    const channels = await this.sessionChannels();
    if (!channels.length) return [];
    const first = await this.client.call(GetUserAccess, { channel: { number: channels[0] }, user: { id: 1 } });
    const out: UserInfo[] = [];
    for (let id = 1; id <= first.maxUsers.count; id++) {
      let name = '';
      try {
        name = (await this.client.call(GetUserName, { user: { id } })).name;
      } catch (e) {
        if (!(e instanceof CompletionCodeError)) throw e;
      }
      let status: number = UserEnableStatus.unspecified;
      const access: UserInfo['channels'] = [];
      for (const channel of channels) {
        let a;
        try {
          a = await this.client.call(GetUserAccess, { channel: { number: channel }, user: { id } });
        } catch (e) {
          if (!(e instanceof CompletionCodeError)) throw e;
          continue;
        }
        status = a.enabled.status;
        access.push({ channel, privilegeLimit: a.access.privilegeLimit, ipmiMessaging: a.access.ipmiMessaging, linkAuth: a.access.linkAuth, callbackOnly: a.access.callbackOnly });
      }
      const enabled = status === UserEnableStatus.enabled || (status === UserEnableStatus.unspecified && access.some((c) => c.privilegeLimit !== NO_ACCESS));
      out.push({ id, name, enabled, channels: access });
    }
    return out;
  }

  private sessionChannels(): Promise<number[]> {
    this.channels ??= (async () => {
      const found: number[] = [];
      for (let ch = FIRST_CHANNEL; ch <= LAST_CHANNEL; ch++) {
        try {
          const info = await this.client.call(GetChannelInfo, { channel: { number: ch } });
          if (SESSION_MEDIA.has(info.medium.type)) found.push(ch);
        } catch (e) {
          // A channel the BMC does not have answers a completion code (CCh); anything else is the link.
          if (!(e instanceof CompletionCodeError)) throw e;
        }
      }
      return found;
    })().catch((e: unknown) => {
      this.channels = undefined;
      throw e;
    });
    return this.channels;
  }

  /** A raw request to the BMC; its completion code is returned. */
  async raw(req: RawIpmiRequest): Promise<RawIpmiResponse> {
    if (req.responderAddress !== BMC_SA) throw unreachable(`NetFn 0x${req.netFn.toString(16)} command 0x${req.cmd.toString(16)}`, req.responderAddress);
    const r = await this.device.raw({ netFn: req.netFn, cmd: req.cmd, lun: req.lun, data: req.data });
    return { completionCode: r.cc, data: r.data };
  }
}

/** One device of the fleet: its inventory name (ComputerSystem.Name) and the client's device. */
export interface FleetDevice {
  name: string;
  device: BmcDevice;
  /** The session privilege the client holds on it (default administrator). */
  privilege?: PrivilegeName;
}

/**
 * The root\hardware model over devices the IPMI client reaches (LAN, serial or in-process
 * BmcDevices): one ClientSource per device, names unique. `opts` are the Repository's
 * (reading max age, semantics, ...), without `sources`.
 *
 *     const repo = repositoryForDevices(devices.map(d => ({ name: d.name, device: new BmcDevice(connect(d.target)) })));
 *     createWsmanService({ model: repo, ... });
 */
export function repositoryForDevices(devices: Iterable<FleetDevice>, opts: Omit<RepositoryOptions, 'sources'> = {}): Repository {
  const sources = [...devices].map((d) => new ClientSource(d.name, d.device, { privilege: d.privilege }));
  return new Repository({ ...opts, sources });
}
