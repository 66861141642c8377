import assert from 'node:assert/strict';
import { FakeBmc } from './helpers/fake-bmc';
import { compactSensor, fullSensor, sysEvent } from './helpers/records';
import { handle } from '../../src/bmc/dispatch';
import { CC, fail } from '../../src/codec/message/completion-codes';
import { CompletionCodeError, DecodeError } from '../../src/lib/errors';
import { GetSensorReading, GetSensorReadingFactors, GetSensorThresholds } from '../../src/codec/commands/sensor-event';
import { GetPowerReading } from '../../src/codec/commands/group';
import { encodeFru } from '../../src/codec/records/fru';
import { SdrRecord } from '../../src/codec/records/sdr';
import { BmcDevice, fruBytesInUse, newSdrCache, readSdrRepository } from '../../src/client';

const SDRS: SdrRecord[] = [
  fullSensor({ num: 1, name: 'CPU Temp' }),
  fullSensor({ num: 2, name: '12V', type: 0x02, unit: 4, m: 6, rExp: -2 }),
  compactSensor(3, 'Intrusion'),
  fullSensor({ num: 4, name: 'Remote Temp', ownerId: 0x2c }),
];
const names = (entries: Array<{ record?: SdrRecord }>) => entries.map((e) => (e.record && 'idString' in e.record ? e.record.idString : e.record?.kind));

describe('client ops: SDR repository (v2.0 §33)', () => {
  it('reads whole records in one Get SDR each when the BMC allows it, without a reservation', async () => {
    const bmc = new FakeBmc({ sdrs: SDRS });
    const entries = await readSdrRepository(bmc.client());
    assert.deepEqual(names(entries), ['CPU Temp', '12V', 'Intrusion', 'Remote Temp']);
    assert.deepEqual(entries.map((e) => e.recordId), [0x10, 0x11, 0x12, 0x13]);
    assert.deepEqual(bmc.log, ['a:20', 'a:23', 'a:23', 'a:23', 'a:23']);
  });

  for (const cc of [CC.CannotReturnRequestedBytes, CC.RequestLengthLimitExceeded, CC.RequestLengthInvalid])
    it(`adapts the read size when the BMC answers 0x${cc.toString(16)}: partial reads of 32, then 16 bytes, under a reservation`, async () => {
      const bmc = new FakeBmc({ sdrs: SDRS, sdrMaxRead: 20, tooBig: cc });
      const cache = newSdrCache();
      const entries = await readSdrRepository(bmc.client(), cache);
      assert.deepEqual(names(entries), ['CPU Temp', '12V', 'Intrusion', 'Remote Temp']);
      assert.equal(cache.chunk, 16);
      assert.deepEqual(entries.map((e) => e.bytes), bmc.sdrBytes);
      assert.ok(bmc.log.includes('a:22'));
    });

  it('renews a cancelled reservation (C5h) and reads the record again', async () => {
    const bmc = new FakeBmc({ sdrs: SDRS, sdrMaxRead: 32 });
    bmc.cancelAfter = 4;
    const entries = await readSdrRepository(bmc.client());
    assert.deepEqual(names(entries), ['CPU Temp', '12V', 'Intrusion', 'Remote Temp']);
    assert.equal(bmc.log.filter((k) => k === 'a:22').length, 2);
  });

  it('serves the cache until the record count or the addition/erase timestamps change', async () => {
    const bmc = new FakeBmc({ sdrs: SDRS });
    const dev = new BmcDevice(bmc.client());
    const first = await dev.sdrs();
    bmc.log.length = 0;
    assert.equal(await dev.sdrs(), first);
    assert.deepEqual(bmc.log, ['a:20']);
    bmc.addSdr(fullSensor({ num: 9, name: 'New' }));
    const again = await dev.sdrs();
    assert.deepEqual(names(again), ['CPU Temp', '12V', 'Intrusion', 'Remote Temp', 'New']);
    assert.equal(dev.sdrCache.reads, 2);
    bmc.sdrErase++;
    await dev.sdrs();
    assert.equal(dev.sdrCache.reads, 3);
  });

  it('concurrent callers share one repository read', async () => {
    const bmc = new FakeBmc({ sdrs: SDRS });
    const dev = new BmcDevice(bmc.client());
    const all = await Promise.all([dev.sdrs(), dev.sdrs(), dev.sdrs()]);
    assert.equal(all[0], all[1]);
    assert.equal(bmc.log.filter((k) => k === 'a:20').length, 1);
  });

  it('a record chain that loops is a DecodeError, not an endless read', async () => {
    const bmc = new FakeBmc({ sdrs: SDRS.slice(0, 2) });
    bmc.sdrBytes[1].writeUInt16LE(0x10, 0);
    await assert.rejects(readSdrRepository(bmc.client()), (e: unknown) => e instanceof DecodeError && /loops/.test(e.message));
  });

  it('keeps a record that does not decode, with the reason', async () => {
    const bmc = new FakeBmc({ sdrs: SDRS.slice(0, 1) });
    bmc.sdrBytes.push(Buffer.from([0x11, 0x00, 0x51, 0x01, 0x03, 0x20, 0x00, 0x05]));
    const entries = await readSdrRepository(bmc.client());
    assert.equal(entries.length, 2);
    assert.equal(entries[1].record, undefined);
    assert.match(entries[1].error!, /SDR record 0x11 type 0x1/);
  });
});

describe('client ops: sensors (v2.0 §35, §36.3)', () => {
  const readings = new Map<number, { reading: number; flags?: number; states?: number; states2?: number; cc?: number }>([
    [1, { reading: 48, states: 0 }],
    [2, { reading: 201, states: 0x08 }],
    [3, { reading: 0, states: 0x11, states2: 0x00 }],
  ]);
  const sensorHandlers = () => [
    handle(GetSensorReading, (req) => {
      const r = readings.get(req.sensorNumber);
      if (!r) fail(CC.NotPresent, GetSensorReading);
      if (r.cc) fail(r.cc, GetSensorReading);
      const f = r.flags ?? 0xc0;
      return { reading: r.reading, flags: { eventMessagesEnabled: !!(f & 0x80), scanningEnabled: !!(f & 0x40), readingUnavailable: !!(f & 0x20) }, states: r.states, states2: r.states2 };
    }),
    handle(GetSensorThresholds, () => ({
      readableMask: 0x38,
      thresholds: { lowerNonCritical: 0, lowerCritical: 0, lowerNonRecoverable: 0, upperNonCritical: 212, upperCritical: 220, upperNonRecoverable: 230 },
    })),
    // Non-linear sensor 5: M doubles above raw 100 (v2.0 §35.5).
    handle(GetSensorReadingFactors, (req) => ({ nextReading: req.readingByte < 100 ? 100 : 0xff, factors: { m: req.readingByte < 100 ? 1 : 2, tolerance: 0, b: 0, accuracy: 0, accuracyExp: 0, rExp: 0, bExp: 0 } })),
  ];

  it('converts threshold readings, reports discrete states, and skips sensors behind other controllers', async () => {
    const bmc = new FakeBmc({ sdrs: SDRS, extra: sensorHandlers() as never });
    const dev = new BmcDevice(bmc.client());
    const r = await dev.sensors();
    assert.deepEqual(
      r.map((x) => [x.name, x.kind, x.valid, x.value, x.unit, x.status, x.thresholdStatus, x.states]),
      [
        ['CPU Temp', 'threshold', true, 48, 'degrees C', 'ok', 0, undefined],
        ['12V', 'threshold', true, 12.06, 'Volts', 'nc', 0x08, undefined],
        ['Intrusion', 'discrete', true, undefined, 'discrete', 'ok', undefined, 0x11],
        ['Remote Temp', 'threshold', false, undefined, 'degrees C', 'ns', undefined, undefined],
      ],
    );
    assert.match(r[3].error!, /owned by controller 0x2c/);
    // Three Get Sensor Reading requests: none for the remote sensor.
    assert.equal(bmc.log.filter((k) => k === '4:2d').length, 3);
    const t = await dev.thresholds(SDRS[1] as Extract<SdrRecord, { kind: 'full' }>);
    assert.deepEqual(t.values, { upperNonCritical: 12.72, upperCritical: 13.2, upperNonRecoverable: 13.8 });
    assert.deepEqual(t.raw, { upperNonCritical: 212, upperCritical: 220, upperNonRecoverable: 230 });
  });

  it('readings unavailable, scanning disabled, or refused with a completion code', async () => {
    readings.set(1, { reading: 48, flags: 0xe0 });
    readings.set(2, { reading: 0, flags: 0x80 });
    readings.set(3, { reading: 0, cc: CC.NotPresent });
    try {
      const bmc = new FakeBmc({ sdrs: SDRS.slice(0, 3), extra: sensorHandlers() as never });
      const r = await new BmcDevice(bmc.client()).sensors();
      assert.deepEqual(
        r.map((x) => [x.valid, x.scanningDisabled, x.status, x.value]),
        [
          [false, false, 'ns', undefined],
          [false, true, 'ns', undefined],
          [false, false, 'ns', undefined],
        ],
      );
      assert.equal(r[2].error, 'Get Sensor Reading: Requested sensor, data, or record not present (0xcb)');
    } finally {
      readings.set(1, { reading: 48, states: 0 });
      readings.set(2, { reading: 201, states: 0x08 });
      readings.set(3, { reading: 0, states: 0x11, states2: 0x00 });
    }
  });

  it('non-linear sensors convert with the factors Get Sensor Reading Factors gives for the reading', async () => {
    readings.set(5, { reading: 150, states: 0 });
    const bmc = new FakeBmc({ sdrs: [fullSensor({ num: 5, name: 'NL', linearization: 0x70, m: 1 })], extra: sensorHandlers() as never });
    const [r] = await new BmcDevice(bmc.client()).sensors();
    assert.equal(r.value, 300);
    assert.ok(bmc.log.includes('4:23'));
  });
});

describe('client ops: SEL (v2.0 §31)', () => {
  const events = [sysEvent(0x68001000, 0x01, 1, 0x01, 0x57, false, 90, 85), sysEvent(0x68001010, 0x04, 3, 0x01, 0x52, false, 15, 16)];

  it('reads every entry first, then only what was added, and everything again after an erase', async () => {
    const bmc = new FakeBmc({ sel: events });
    const dev = new BmcDevice(bmc.client());
    const first = await dev.sel();
    assert.deepEqual(first.map((e) => e.recordId), [0x100, 0x101]);
    assert.equal(first[0].record.kind === 'system' && first[0].record.eventData2, 90);
    assert.equal(dev.selCache.requests, 2);
    assert.equal(await dev.sel(), first);
    assert.equal(dev.selCache.requests, 2);
    bmc.addSel(sysEvent(0x68001020, 0x12, 0, 0x6f, 0x01));
    bmc.addSel(sysEvent(0x68001030, 0x12, 0, 0x6f, 0x02));
    const more = await dev.sel();
    assert.deepEqual(more.map((e) => e.recordId), [0x100, 0x101, 0x102, 0x103]);
    assert.equal(dev.selCache.requests, 5);
    await dev.clearSel();
    assert.deepEqual(await dev.sel(), []);
    bmc.addSel(sysEvent(0x68001040, 0x12, 0, 0x6f, 0x01));
    bmc.selErase++;
    assert.equal((await dev.sel()).length, 1);
  });
});

describe('client ops: FRU (v2.0 §34)', () => {
  const image = encodeFru({
    chassis: { chassisType: 0x17, partNumber: 'CH-1', serialNumber: 'SN-1', custom: [] },
    board: { languageCode: 0, mfgDateMinutes: 1000, manufacturer: 'Maker', productName: 'Board', serialNumber: 'BSN', partNumber: 'BPN', fruFileId: '', custom: ['extra'] },
    product: { languageCode: 0, manufacturer: 'Maker', productName: 'Product', partNumber: 'PPN', version: '1.0', serialNumber: 'PSN', assetTag: 'AT', fruFileId: '', custom: [] },
  });

  it('reads only the areas in use of a larger inventory area, adapting the chunk to the BMC', async () => {
    const bmc = new FakeBmc({ fru: new Map([[0, { image, areaSize: 2048, maxRead: 40 }]]) });
    const dev = new BmcDevice(bmc.client());
    const bytes = await dev.fruBytes(0);
    assert.deepEqual(bytes, image);
    assert.equal(dev.fruCache.chunk, 28);
    // 224, 112, 56 refused; then ceil(image / 28) reads.
    assert.equal(bmc.log.filter((k) => k === 'a:11').length, 3 + Math.ceil(image.length / 28));
    const fru = await dev.fru(0);
    assert.equal(fru?.product?.assetTag, 'AT');
    assert.deepEqual(fru?.board?.custom, ['extra']);
  });

  it('devices accessed by words, and BMCs that return fewer bytes than asked', async () => {
    const bmc = new FakeBmc({ fru: new Map([[2, { image, byWords: true, short: 10 }]]) });
    assert.deepEqual(await new BmcDevice(bmc.client()).fruBytes(2), image);
  });

  it('an absent device (CBh) is undefined; other completion codes are thrown', async () => {
    const bmc = new FakeBmc({ fru: new Map() });
    assert.equal(await new BmcDevice(bmc.client()).fru(3), undefined);
  });

  it('fruBytesInUse: header, info area lengths and multi-record chains', () => {
    assert.equal(fruBytesInUse(image.subarray(0, 7), 2048), undefined);
    assert.equal(fruBytesInUse(image.subarray(0, 9), 2048), undefined);
    assert.equal(fruBytesInUse(image, 2048), image.length);
    // Header with a multi-record area at 8: two records of 3 and 2 bytes, the second marked last.
    const mr = Buffer.from([1, 0, 0, 0, 0, 1, 0, 0xfe, 0x00, 0x02, 3, 0, 0, 1, 2, 3, 0x01, 0x82, 2, 0, 0, 9, 9]);
    assert.equal(fruBytesInUse(mr.subarray(0, 14), 512), undefined);
    assert.equal(fruBytesInUse(mr, 512), mr.length);
  });
});

describe('client ops: group extension answers (DCMI)', () => {
  it('strips the group byte, and reads a completion code that carries it', async () => {
    let cc = 0;
    const bmc = new FakeBmc({
      extra: [
        handle(GetPowerReading, () => {
          if (cc) fail(cc, GetPowerReading);
          return { currentWatts: 138, minimumWatts: 100, maximumWatts: 200, averageWatts: 140, timestamp: 0x68000000, reportingPeriodMs: 1000, state: { measurementActive: true } };
        }) as never,
      ],
    });
    const dev = new BmcDevice(bmc.client());
    const r = await dev.powerReading();
    assert.equal(r.currentWatts, 138);
    assert.equal(r.state.measurementActive, true);
    cc = 0x80;
    await assert.rejects(dev.powerReading(), (e: unknown) => e instanceof CompletionCodeError && e.completionCode === 0x80 && e.command === 'Get Power Reading');
  });
});
