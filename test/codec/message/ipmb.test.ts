import assert from 'node:assert/strict';
import { decodeIpmb, encodeIpmb, encodeResponse, responseTo } from '../../../src/codec/message/ipmb';

describe('IPMB message framing (v2.0 §13.8, Figure 13-4)', () => {
  // ipmitool 1.8.19 `raw 0x06 0x01` over lanplus: rsSA 20h, NetFn 06h/LUN 0, chk 0xc8, rqSA 81h, seq 1/LUN 0, cmd 01h, chk.
  const request = Buffer.from('2018c88104017a', 'hex');
  it('decodes a request and checks both checksums', () => {
    const m = decodeIpmb(request);
    assert.deepEqual({ ...m, data: m.data.toString('hex') }, { destAddr: 0x20, netFn: 6, destLun: 0, srcAddr: 0x81, seq: 1, srcLun: 0, cmd: 1, data: '' });
    assert.throws(() => decodeIpmb(Buffer.from('2018c98104017a', 'hex')), /header checksum/);
    assert.throws(() => decodeIpmb(Buffer.from('2018c88104017b', 'hex')), /data checksum/);
  });
  it('encodeResponse writes the bytes of encodeIpmb(responseTo(...)): addresses swapped, NetFn | 1, cc first', () => {
    const req = decodeIpmb(request);
    for (const [cc, data] of [
      [0x00, Buffer.from('200181030251291f0000000000', 'hex')],
      [0xc1, Buffer.alloc(0)],
      [0xcc, Buffer.from([0xdc])],
    ] as const) {
      const want = encodeIpmb(responseTo(req, cc, data));
      assert.equal(encodeResponse(req, cc, data).toString('hex'), want.toString('hex'));
    }
    // Checked by hand for the empty C1h answer: 81 1c 63 20 04 01 c1 1a.
    assert.equal(encodeResponse(req, 0xc1, Buffer.alloc(0)).toString('hex'), '811c63200401c11a');
  });
});
