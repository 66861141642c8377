import type { ResponseOf } from '../../codec/commands';
import { GetDeviceId } from '../../codec/commands/app';
import { GetSelInfo } from '../../codec/commands/storage';
import { BMC_SA } from '../../codec/message/ipmb';
import type { FruImage } from '../../codec/records/fru';
import type { FullSensorRecord } from '../../codec/records/sdr';
import { typedTextString } from '../../codec/records/text';
import type { IpmiClient } from '../client';
import type { IpmiRequest, IpmiResponse } from '../types';
import { BootDeviceName, BootDeviceOptions, ChassisControlName, chassisControl, chassisStatus, getBootFlags, powerReading, setBootDevice } from './chassis';
import { FruCache, newFruCache, readFru, readFruBytes } from './fru';
import { SdrCache, SdrEntry, newSdrCache, readSdrRepository } from './sdr';
import { SelCache, SelEntry, clearSel, newSelCache, readSel } from './sel';
import { SensorReadout, ThresholdReadout, readSensors, readThresholds } from './sensors';

export type DeviceId = ResponseOf<typeof GetDeviceId>;

/** A FRU device the BMC gives access to: ID 0 (the BMC's own) and the logical FRU locators of its SDRs. */
export interface FruDevice {
  id: number;
  /** ipmitool's description: "Builtin FRU Device" for 0, the locator's ID string for the others. */
  name: string;
}

/**
 * One BMC as the device layer sees it: an IpmiClient plus what is worth remembering between
 * reads. The SDR repository is re-read only when its record count or addition/erase timestamps
 * change; the SEL is read incrementally; the read sizes that worked (SDR partial reads, FRU
 * chunks) are kept. Safe for concurrent callers (they share the client's one session).
 */
export class BmcDevice {
  readonly sdrCache: SdrCache = newSdrCache();
  readonly selCache: SelCache = newSelCache();
  readonly fruCache: FruCache = newFruCache();
  private sdrRead?: Promise<SdrEntry[]>;

  constructor(readonly client: IpmiClient) {}

  get target(): string {
    return this.client.target;
  }

  deviceId(): Promise<DeviceId> {
    return this.client.call(GetDeviceId, {});
  }

  /** The SDR repository, from the cache when it has not changed. Concurrent callers share one read. */
  sdrs(): Promise<SdrEntry[]> {
    this.sdrRead ??= readSdrRepository(this.client, this.sdrCache).finally(() => (this.sdrRead = undefined));
    return this.sdrRead;
  }

  /** Every Full and Compact sensor's reading, converted. */
  async sensors(): Promise<SensorReadout[]> {
    return readSensors(this.client, await this.sdrs());
  }

  thresholds(rec: FullSensorRecord): Promise<ThresholdReadout> {
    return readThresholds(this.client, rec);
  }

  selInfo(): Promise<ResponseOf<typeof GetSelInfo>> {
    return this.client.call(GetSelInfo, {});
  }
  sel(): Promise<SelEntry[]> {
    return readSel(this.client, this.selCache);
  }
  clearSel(): Promise<void> {
    return clearSel(this.client, this.selCache);
  }

  fru(id = 0): Promise<FruImage | undefined> {
    return readFru(this.client, id, this.fruCache);
  }
  fruBytes(id = 0): Promise<Buffer | undefined> {
    return readFruBytes(this.client, id, this.fruCache);
  }
  /** FRU 0 and every logical FRU Device Locator record behind the BMC (v2.0 §43.8). */
  async fruDevices(): Promise<FruDevice[]> {
    const out: FruDevice[] = [{ id: 0, name: 'Builtin FRU Device' }];
    for (const e of await this.sdrs()) {
      const r = e.record;
      if (r?.kind !== 'fruDeviceLocator' || !r.access.logical || r.deviceAccessAddress !== BMC_SA || r.fruDeviceId === 0) continue;
      out.push({ id: r.fruDeviceId, name: typedTextString(r.idString) });
    }
    return out;
  }

  chassisStatus() {
    return chassisStatus(this.client);
  }
  chassisControl(op: ChassisControlName): Promise<void> {
    return chassisControl(this.client, op);
  }
  setBootDevice(device: BootDeviceName, opts?: BootDeviceOptions): Promise<void> {
    return setBootDevice(this.client, device, opts);
  }
  bootFlags() {
    return getBootFlags(this.client);
  }
  powerReading() {
    return powerReading(this.client);
  }
  raw(req: IpmiRequest): Promise<IpmiResponse> {
    return this.client.raw(req);
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
