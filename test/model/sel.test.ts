import assert from 'node:assert/strict';
import { decodeSel } from '../../src/codec/records/sel';
import { decodeSdrs } from '../../src/codec/records/sdr';
import { logRecordProperties, selTimestamp, OEM_TIMESTAMPED_FORMAT, SYSTEM_RECORD_FORMAT } from '../../src/model/mapping/sel';
import { sensorDefs } from '../../src/model/mapping/sdr';
import { offsetText, sensorTypeText } from '../../src/model/mapping/texts';
import { encodeSdrs } from '../../src/codec/records/sdr';
import { extraSdrs } from './fixture-source';

/**
 * SEL records to LogRecord against the two records the MS-IPMIPrv LogRecord page shows
 * (logrecord.md Remarks, quoted in research note cim-model.md §2.7).
 */
describe('model: SEL -> LogRecord (mapping/sel)', () => {
  const sensors = sensorDefs(decodeSdrs(encodeSdrs(extraSdrs()))); // includes event-only "SEL", sensor 72h

  it('system event record: RecordData exactly as the MS example "*SEL(114.0.32)*01 00*02*0F AC C1 49*..."', () => {
    const rec = decodeSel(Buffer.from('0100020facc14920000410726f02ffff', 'hex'));
    const p = logRecordProperties(rec, { sensors });
    assert.equal(p.RecordFormat, SYSTEM_RECORD_FORMAT);
    assert.equal(p.RecordData, '*SEL(114.0.32)*01 00*02*0F AC C1 49*20 00*04*10*72*true*6F*02*FF*FF*');
    assert.equal(p.RecordID, '1');
    // 0F AC C1 49 -> 49C1AC0Fh -> 2009-03-19 02:21:03 UTC ("3/19/2009 2:21:03 AM" on the MS page).
    assert.deepEqual(p.MessageTimestamp, new Date(Date.UTC(2009, 2, 19, 2, 21, 3)));
    assert.equal(p.Caption, 'Event Logging Disabled Assert: Log area reset/cleared');
  });

  it('timestamped OEM record: RecordFormat and RecordData exactly as the MS example (no trailing "*" in the data)', () => {
    const rec = decodeSel(Buffer.from('0300dd7bfec449370100000000 00c000'.replace(/ /g, ''), 'hex'));
    const p = logRecordProperties(rec, { sensors });
    assert.equal(p.RecordFormat, OEM_TIMESTAMPED_FORMAT);
    assert.equal(p.RecordData, '*03 00*DD*7B FE C4 49*37 01 00*00 00 00 00 C0 00');
    assert.equal(p.Caption, 'OEM SEL');
    assert.equal(p.Description, 'OEM record type 0xDD, manufacturer 311');
  });

  it('non-timestamped OEM and reserved record types: epoch timestamp, "OEM SEL" / "Invalid SEL"', () => {
    const oem = decodeSel(Buffer.from('0500e0000102030405060708090a0b0c', 'hex'));
    const p = logRecordProperties(oem, { sensors });
    assert.deepEqual([p.Caption, p.RecordData, selTimestamp(oem).getTime()], ['OEM SEL', '*05 00*E0*00 01 02 03 04 05 06 07 08 09 0A 0B 0C', 0]);
    const bad = decodeSel(Buffer.from('060010000102030405060708090a0b0c', 'hex'));
    assert.equal(logRecordProperties(bad, { sensors }).Caption, 'Invalid SEL');
  });

  it('Windows spellings: "Upper Non-critical - going high" and sensor type 20h "OS Stop / Shutdown" (MS-IPMIPrv captions)', () => {
    assert.equal(offsetText(0x01, 0x01, 7), 'Upper Non-critical - going high');
    assert.equal(`${sensorTypeText(0x20)} Assert: ${offsetText(0x6f, 0x20, 3)}`, 'OS Stop / Shutdown Assert: OS Graceful Shutdown');
    assert.equal(`${sensorTypeText(0x20)} Assert: ${offsetText(0x6f, 0x20, 1)}`, 'OS Stop / Shutdown Assert: Run-time Critical Stop');
    const rec = decodeSel(Buffer.from('07000200000000410004204f6f03ffff', 'hex'));
    assert.equal(logRecordProperties(rec, { sensors }).Caption, 'OS Stop / Shutdown Assert: OS Graceful Shutdown');
    // Generator 41h (system software ID 20h, BIOS): no SDR names it.
    assert.match(String(logRecordProperties(rec, { sensors }).RecordData), /^\*\(79\.0\.65\)\*07 00\*02\*/);
  });

  it('an unspecified timestamp (FFFFFFFFh) becomes the epoch; pre-init times are kept as they are', () => {
    assert.equal(selTimestamp(decodeSel(Buffer.from('080002ffffffff20000401010157 5a55'.replace(/ /g, ''), 'hex'))).getTime(), 0);
    assert.equal(selTimestamp(decodeSel(Buffer.from('0900025f01000020000401010157 5a55'.replace(/ /g, ''), 'hex'))).getTime(), 351_000);
  });
});
