import { Codec, struct, u8 } from '../../fields';
import { countedBytes } from '../storage/fields';

/**
 * Shared DCMI fields (DCMI v1.5, group extension DCh on NetFn 2Ch). The group byte itself is
 * added and checked by the framework (CommandDef.group), never by these codecs.
 */
export const DCMI_GROUP = 0xdc;

/** Asset tag and management controller ID string reads and writes move at most 16 bytes (DCMI v1.5 §6.4.2-§6.4.6). */
export const DCMI_STRING_CHUNK = 16;

/** Request of Get Asset Tag and Get Management Controller Identifier String: offset, bytes to read (max 16). */
export const stringReadRequest = struct({ offset: u8, count: u8 });
/** Their response: total length of the whole string, then the bytes read. */
export const stringReadResponse = struct({ totalLength: u8, data: restMax(DCMI_STRING_CHUNK) });
/** Request of the Set commands: offset, bytes to write (max 16), data. */
export const stringWriteRequest = struct({ offset: u8, data: countedBytes(DCMI_STRING_CHUNK) });
/** Their response: total length of the string after the write. */
export const stringWriteResponse = struct({ totalLength: u8 });

/** Request of Get DCMI Sensor Info and Get Temperature Readings (DCMI v1.5 §6.5.2, §6.7.3). */
export const sensorSelection = struct({
  /** 01h = temperature. */
  sensorType: u8,
  /** 37h/40h inlet air, 03h/41h processor, 07h/42h baseboard (sensor/entities.ts EntityId.dcmi*). */
  entityId: u8,
  /** 00h = all instances of the entity. */
  entityInstance: u8,
  /** With entityInstance 00h: the first instance to return (the response holds at most 8). */
  entityInstanceStart: u8,
});

function restMax(max: number): Codec<Buffer> {
  return {
    read: (r) => {
      if (r.remaining > max) r.invalid(`at most ${max} data bytes, got ${r.remaining}`);
      return Buffer.from(r.rest());
    },
    write: (w, v) => {
      if (v.length > max) throw new RangeError(`${v.length} bytes, at most ${max}`);
      w.bytes(v);
    },
  };
}
