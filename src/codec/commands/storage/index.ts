import type { AnyCommandDef } from '../define';
import { GetFruInventoryAreaInfo } from './get-fru-inventory-area-info';
import { ReadFruData } from './read-fru-data';
import { WriteFruData } from './write-fru-data';
import { GetSdrRepositoryInfo } from './get-sdr-repository-info';
import { GetSdrRepositoryAllocationInfo } from './get-sdr-repository-allocation-info';
import { ReserveSdrRepository } from './reserve-sdr-repository';
import { GetSdr } from './get-sdr';
import { GetSdrRepositoryTime } from './get-sdr-repository-time';
import { GetSelInfo } from './get-sel-info';
import { GetSelAllocationInfo } from './get-sel-allocation-info';
import { ReserveSel } from './reserve-sel';
import { GetSelEntry } from './get-sel-entry';
import { AddSelEntry } from './add-sel-entry';
import { DeleteSelEntry } from './delete-sel-entry';
import { ClearSel, ClearSelAction, ClearSelProgress } from './clear-sel';
import { GetSelTime } from './get-sel-time';
import { SetSelTime } from './set-sel-time';
import { GetSelTimeUtcOffset, UTC_OFFSET_UNSPECIFIED } from './get-sel-time-utc-offset';
import { SetSelTimeUtcOffset } from './set-sel-time-utc-offset';

export * from './fields';
export {
  GetFruInventoryAreaInfo,
  ReadFruData,
  WriteFruData,
  GetSdrRepositoryInfo,
  GetSdrRepositoryAllocationInfo,
  ReserveSdrRepository,
  GetSdr,
  GetSdrRepositoryTime,
  GetSelInfo,
  GetSelAllocationInfo,
  ReserveSel,
  GetSelEntry,
  AddSelEntry,
  DeleteSelEntry,
  ClearSel,
  ClearSelAction,
  ClearSelProgress,
  GetSelTime,
  SetSelTime,
  GetSelTimeUtcOffset,
  SetSelTimeUtcOffset,
  UTC_OFFSET_UNSPECIFIED,
};

/** Every storage command definition (NetFn 0Ah); one file per command beside this one. */
export const storageCommands: readonly AnyCommandDef[] = [
  GetFruInventoryAreaInfo,
  ReadFruData,
  WriteFruData,
  GetSdrRepositoryInfo,
  GetSdrRepositoryAllocationInfo,
  ReserveSdrRepository,
  GetSdr,
  GetSdrRepositoryTime,
  GetSelInfo,
  GetSelAllocationInfo,
  ReserveSel,
  GetSelEntry,
  AddSelEntry,
  DeleteSelEntry,
  ClearSel,
  GetSelTime,
  SetSelTime,
  GetSelTimeUtcOffset,
  SetSelTimeUtcOffset,
];
