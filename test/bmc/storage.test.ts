import assert from 'node:assert/strict';
import { NetFn, Privilege } from '../../src/codec/message/netfn';
import { decodeFru } from '../../src/codec/records/fru';
import { decodeSdr } from '../../src/codec/records/sdr';
import { fromHex } from '../../src/codec/wire/checksum';
import type { Harness } from './harness';
import { hwHarness, split } from './hw';

const ST = NetFn.Storage;
/** 2026-01-01T00:00:00Z, where ManualClock starts: 6955B900h, LS byte first in messages. */
const T0 = '00 b9 55 69';

describe('bmc: storage commands (v2.0 §31, §33, §34) over the hardware fixture profile', () => {
  let h: Harness;
  beforeEach(() => (h = hwHarness()));
  afterEach(() => h.close());

  describe('SDR repository (v2.0 §33)', () => {
    it('Get SDR Repository Info: 51h, 17 records, free space, added at start, never erased, reserve + allocation info', async () => {
      // 17 records = 13 sensors + 2 FRU locators + the MC locator + 1 entity association; 4000h - 3Bh4 used.
      assert.equal(await h.call(ST, 0x20, '', { privilege: Privilege.user }), `00 51 11 00 4c 3d ${T0} ff ff ff ff 03`);
      assert.equal(await h.call(ST, 0x21), '00 00 04 10 00 d4 03 d4 03 04', '1024 units of 16 bytes, 980 free, records up to 4 units');
    });

    it('Get SDR returns the Full Sensor Record of CPU Temp field for field (v2.0 Table 43-1)', async () => {
      const r = await h.call(ST, 0x23, '00 00 00 00 00 ff');
      assert.equal(
        r,
        '00 02 00' + // next record ID 0002h
          ' 01 00 51 01 33' + // record 1, SDR v1.5, full sensor, 51 bytes follow
          ' 20 00 01 03 01' + // owner BMC 20h, LUN 0, sensor 1, entity 3.1 (processor)
          ' 7f 68' + // init: scanning, events, thresholds, hysteresis, type; caps: auto re-arm, hysteresis and thresholds readable+settable
          ' 01 01' + // temperature, threshold
          ' 85 3a 85 7a 3b 19' + // assertion 3A85h, deassertion 7A85h, readable 3Bh / settable 19h (LNC, UNC, UC)
          ' 00 01 00 00' + // unsigned, degrees C, no modifier, linear
          ' 01 00 00 00 00 00' + // M = 1, B = 0, exponents 0
          ' 01 2d 00 00 ff 00' + // nominal given: 45; normal max/min 0; sensor max FFh, min 0
          ' 69 5f 55 00 05 0a' + // UNR 105, UC 95, UNC 85, LNR -, LC 5, LNC 10
          ' 02 02 00 00 00' + // hysteresis 2/2, reserved, OEM
          ' c8 43 50 55 20 54 65 6d 70', // 8-bit ASCII "CPU Temp"
      );
      const rec = decodeSdr(fromHex(split(r)[1]).subarray(2));
      assert.equal(rec.kind, 'full');
    });

    it('partial reads: the header without a reservation; the rest needs the reservation in force (C5h)', async () => {
      assert.equal(await h.call(ST, 0x23, '00 00 00 00 00 05'), '00 02 00 01 00 51 01 33', 'offset 0 needs no reservation');
      assert.equal(await h.call(ST, 0x23, '00 00 01 00 05 04'), 'c5', 'offset 5 without a reservation');
      const first = split(await h.call(ST, 0x22))[1];
      assert.equal(first, '01 00');
      assert.equal(await h.call(ST, 0x23, `${first} 01 00 05 04`), '00 02 00 20 00 01 03');
      // A new reservation cancels the first one (v2.0 §33.11).
      assert.equal(split(await h.call(ST, 0x22))[1], '02 00');
      assert.equal(await h.call(ST, 0x23, `${first} 01 00 05 04`), 'c5');
      assert.equal(await h.call(ST, 0x23, '02 00 01 00 05 04'), '00 02 00 20 00 01 03');
    });

    it('a change to the repository cancels the reservation', async () => {
      assert.equal(split(await h.call(ST, 0x22))[1], '01 00');
      assert.equal(await h.call(ST, 0x23, '01 00 01 00 05 04'), '00 02 00 20 00 01 03');
      h.bmc.sdr.replace([]);
      assert.equal(await h.call(ST, 0x23, '01 00 01 00 05 04'), 'c5');
      assert.equal(await h.call(ST, 0x20), `00 51 00 00 00 40 ${T0} ff ff ff ff 03`, 'empty now');
    });

    it('CAh when a read asks for more than one message holds; C9h past the record; CBh for no such record', async () => {
      assert.equal(await h.call(ST, 0x23, '00 00 01 00 00 f7'), 'ca', '247 bytes after the 2-byte next ID exceed 246');
      assert.equal(split(await h.call(ST, 0x23, '00 00 01 00 00 f6'))[1].split(' ').length, 2 + 56, 'a count past the end returns the record');
      assert.equal(await h.call(ST, 0x22), '00 01 00');
      assert.equal(await h.call(ST, 0x23, '01 00 01 00 39 01'), 'c9');
      assert.equal(await h.call(ST, 0x23, '00 00 99 00 00 ff'), 'cb');
    });

    it('walks every record by next ID: sensors, FRU locators, MC locator, entity association, FFFFh after the last', async () => {
      const kinds: string[] = [];
      const le16 = (v: number) => `${(v & 0xff).toString(16).padStart(2, '0')} ${(v >> 8).toString(16).padStart(2, '0')}`;
      for (let id = 0; id !== 0xffff; ) {
        const [cc, data] = split(await h.call(ST, 0x23, `00 00 ${le16(id)} 00 ff`));
        assert.equal(cc, '00');
        const b = fromHex(data);
        id = b.readUInt16LE(0);
        kinds.push(decodeSdr(b.subarray(2)).kind);
      }
      assert.deepEqual(kinds, [
        ...Array(6).fill('full'),
        'eventOnly',
        ...Array(6).fill('compact'),
        'fruDeviceLocator',
        'fruDeviceLocator',
        'mcDeviceLocator',
        'entityAssociation',
      ]);
      // FFFFh reads the last record: the entity association (chassis 17h.1 contains fans 1Dh.1-1Dh.2 as a range).
      assert.equal(await h.call(ST, 0x23, '00 00 ff ff 00 ff'), '00 ff ff 11 00 51 08 0b 17 01 80 1d 01 1d 02 00 00 00 00');
    });

    it('Get SDR Repository Time is the SEL clock', async () => {
      h.clock.advance(90_000);
      assert.equal(await h.call(ST, 0x28), '00 5a b9 55 69');
    });
  });

  describe('SEL (v2.0 §31)', () => {
    it('starts with the profile entry, timestamped an hour before start (as ipmi_sim entry 1 of gen_emu.py)', async () => {
      assert.equal(await h.call(ST, 0x40), `00 51 01 00 f0 00 ${T0} ff ff ff ff 0b`, '1 entry, 240 bytes free, delete/reserve/alloc');
      assert.equal(await h.call(ST, 0x43, '00 00 00 00 00 ff'), '00 ff ff 01 00 02 f0 aa 55 69 20 00 04 01 01 01 57 5a 55');
      assert.equal(await h.call(ST, 0x41), '00 10 00 10 00 0f 00 0f 00 01', '16 units of 16 bytes, 15 free');
    });

    it('Add SEL Entry: the SEL assigns the record ID and stamps its time; OEM non-timestamped keeps its bytes', async () => {
      h.clock.advance(5000);
      // ipmitool `sel add`: record ID 0000h, type 02h, timestamp 0, generator 0041h (BIOS), fan 3 LC going low.
      assert.equal(await h.call(ST, 0x44, '00 00 02 00 00 00 00 41 00 04 04 03 01 52 0f 10', { privilege: Privilege.operator }), '00 02 00');
      assert.equal(await h.call(ST, 0x43, '00 00 02 00 00 ff'), '00 ff ff 02 00 02 05 b9 55 69 41 00 04 04 03 01 52 0f 10');
      assert.equal(await h.call(ST, 0x44, '00 00 e0 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d'), '00 03 00');
      assert.equal(await h.call(ST, 0x43, '00 00 ff ff 00 ff'), '00 ff ff 03 00 e0 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d');
      assert.equal(await h.call(ST, 0x44, '00 00 02 00 00 00 00 41 00 04 04 03 01 52 0f 10', { privilege: Privilege.user }), 'd4');
    });

    it('partial Get SEL Entry needs the reservation; Delete needs it and cancels it; unknown IDs are CBh', async () => {
      assert.equal(await h.call(ST, 0x43, '00 00 01 00 0a 03'), 'c5');
      assert.equal(await h.call(ST, 0x42), '00 01 00');
      assert.equal(await h.call(ST, 0x43, '01 00 01 00 0a 03'), '00 ff ff 01 01 01', 'bytes 10-12: sensor type, sensor number, event type');
      assert.equal(await h.call(ST, 0x46, '00 00 01 00'), 'c5', 'delete without a reservation');
      assert.equal(await h.call(ST, 0x46, '01 00 07 00'), 'cb');
      assert.equal(await h.call(ST, 0x46, '01 00 01 00'), '00 01 00');
      assert.equal(await h.call(ST, 0x46, '01 00 ff ff'), 'c5', 'the delete cancelled the reservation');
      assert.equal(await h.call(ST, 0x43, '00 00 00 00 00 ff'), 'cb', 'empty');
      const [, info] = split(await h.call(ST, 0x40));
      assert.equal(info, `51 00 00 00 01 ${T0} ${T0} 0b`, 'last erase now');
    });

    it('Clear SEL: needs the reservation and CLR; erases, reports completion, restarts record IDs', async () => {
      await h.call(ST, 0x44, '00 00 02 00 00 00 00 41 00 04 04 03 01 52 0f 10');
      assert.equal(await h.call(ST, 0x47, '00 00 43 4c 52 aa'), 'c5');
      assert.equal(await h.call(ST, 0x42), '00 01 00');
      assert.equal(await h.call(ST, 0x47, '01 00 43 4c 51 aa'), 'cc', "'CLQ'");
      assert.equal(await h.call(ST, 0x47, '01 00 43 4c 52 aa'), '00 01');
      assert.equal(await h.call(ST, 0x47, '01 00 43 4c 52 00'), 'c5', 'the clear cancelled the reservation');
      // The fixture binds "SEL Status" (event logging disabled) to the SEL: log area cleared is the first new entry.
      assert.equal(await h.call(ST, 0x43, '00 00 00 00 00 ff'), `00 ff ff 01 00 02 ${T0} 20 00 04 10 43 6f 02 ff ff`);
    });

    it('a full SEL refuses entries (C4h), sets the overflow flag, and Clear SEL resets it', async () => {
      let added = 0;
      while ((await h.call(ST, 0x44, '00 00 02 00 00 00 00 41 00 04 04 03 01 52 0f 10')) !== 'c4') added++;
      // 16 slots: the profile entry, 14 adds, and "SEL almost full" (75 %) from the bound SEL sensor.
      assert.equal(added, 14);
      const almostFull = h.bmc.sel.list().filter((r) => r.kind === 'system' && r.sensorNumber === 0x43);
      assert.deepEqual(
        almostFull.map((r) => r.kind === 'system' && [r.eventDirType.deassertion, r.eventData1]),
        [[false, 5]],
      );
      const [, info] = split(await h.call(ST, 0x40));
      assert.equal(info.slice(0, 11), '51 10 00 00');
      assert.equal(info.slice(-2), '8b', 'overflow flag');
      // Sensor events are dropped too: a failed PSU cannot be logged.
      h.bmc.sensors.assertState('PSU1 Status', 1);
      assert.equal(h.bmc.sel.count, 16);
      const res = split(await h.call(ST, 0x42))[1];
      assert.equal(await h.call(ST, 0x47, `${res} 43 4c 52 aa`), '00 01');
      assert.equal(split(await h.call(ST, 0x40))[1].slice(-2), '0b');
    });

    it('SEL time: real time by default, Set SEL Time moves it; UTC offset -1440..1440 or 07FFh', async () => {
      assert.equal(await h.call(ST, 0x48), `00 ${T0}`);
      assert.equal(await h.call(ST, 0x49, '00 00 00 60', { privilege: Privilege.operator }), '00');
      h.clock.advance(2000);
      assert.equal(await h.call(ST, 0x48), '00 02 00 00 60');
      assert.equal(await h.call(ST, 0x5c), '00 ff 07', 'unspecified at first start');
      assert.equal(await h.call(ST, 0x5d, '88 fe'), '00', '-376 minutes');
      assert.equal(await h.call(ST, 0x5c), '00 88 fe');
      assert.equal(await h.call(ST, 0x5d, 'a1 05'), 'c9', '1441 minutes');
    });

    it('a "pre-init" SEL clock counts from the BMC start, as ipmi_sim does', async () => {
      h.close();
      h = hwHarness({ profile: { sel: { capacity: 16, clock: 'pre-init', initialEntries: [] } } });
      h.clock.advance(351_000);
      assert.equal(await h.call(ST, 0x48), '00 5f 01 00 00');
    });
  });

  describe('FRU (v2.0 §34)', () => {
    it('Get FRU Inventory Area Info: the profile size, byte access; CBh for no such device', async () => {
      assert.equal(await h.call(ST, 0x10, '00', { privilege: Privilege.user }), '00 00 02 00');
      assert.equal(await h.call(ST, 0x10, '01'), '00 00 01 00', 'FRU 1 without a size: 256 bytes');
      assert.equal(await h.call(ST, 0x10, '07'), 'cb');
    });

    it('Read FRU Data: up to 247 bytes in one read (pyghmi reads 224), CAh above, C9h past the end', async () => {
      const [cc, data] = split(await h.call(ST, 0x11, '00 00 00 f7'));
      assert.equal(cc, '00');
      const bytes = fromHex(data);
      assert.equal(bytes[0], 0xf7);
      assert.equal(bytes.subarray(1, 9).toString('hex'), '010001050c0000ed', 'common header: chassis at 8, board at 40, product at 96');
      assert.equal(await h.call(ST, 0x11, '00 00 00 f8'), 'ca');
      assert.equal(await h.call(ST, 0x11, '00 fc 01 10'), '00 04 00 00 00 00', 'the last 4 bytes');
      assert.equal(await h.call(ST, 0x11, '00 00 02 01'), 'c9');
    });

    it('the image is what the profile describes (decodes with the FRU codec)', async () => {
      const image = h.bmc.fru.get(0)!.data;
      const fru = decodeFru(image);
      assert.equal(fru.board?.productName, 'VBMC Board');
      assert.equal(fru.product?.assetTag, 'asset-007');
      assert.equal(fru.chassis?.chassisType, 0x17);
      const psu = decodeFru(h.bmc.fru.get(1)!.data).multiRecords?.[0];
      assert.equal(psu?.kind === 'powerSupply' && psu.powerSupply.overallCapacityWatts, 750);
    });

    it('Write FRU Data: Operator, writes and reads back; 80h on a write-protected device; C9h past the end', async () => {
      assert.equal(await h.call(ST, 0x12, '00 f0 01 de ad be ef', { privilege: Privilege.user }), 'd4');
      assert.equal(await h.call(ST, 0x12, '00 f0 01 de ad be ef', { privilege: Privilege.operator }), '00 04');
      assert.equal(await h.call(ST, 0x11, '00 f0 01 04'), '00 04 de ad be ef');
      assert.equal(await h.call(ST, 0x12, '00 fe 01 01 02 03'), '00 02', 'only what fits');
      assert.equal(await h.call(ST, 0x12, '00 00 02 01'), 'c9');
      assert.equal(await h.call(ST, 0x12, '01 00 00 01'), '80', 'FRU 1 is not writable');
    });
  });
});
