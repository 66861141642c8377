import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { NetFn } from '../../src/codec/message/netfn';
import { ConfigError } from '../../src/lib/errors';
import { tempDir } from './harness';
import { hwHarness, split } from './hw';

const SE = NetFn.SensorEvent;
const ST = NetFn.Storage;
const G = NetFn.Group;

describe('bmc: hardware state survives a restart (sensors, FRU, DCMI, SEL journal)', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('thresholds, hysteresis, event enables, event receiver, FRU writes, DCMI limit/asset tag/MC ID, SEL time', async () => {
    const h1 = hwHarness({ stateDir: dir });
    await h1.call(SE, 0x26, '01 10 00 00 00 00 5a 00');
    await h1.call(SE, 0x24, '01 ff 04 01');
    await h1.call(SE, 0x28, '03 e0 04 00 04 00');
    await h1.call(SE, 0x00, '22 01');
    await h1.call(ST, 0x12, '00 f0 01 de ad be ef');
    await h1.call(G, 0x04, 'dc 00 00 00 01 96 00 e8 03 00 00 00 00 02 00');
    await h1.call(G, 0x05, 'dc 01 00 00');
    await h1.call(G, 0x08, 'dc 00 03 72 61 63');
    await h1.call(G, 0x0a, 'dc 00 04 6e 6f 64 00');
    await h1.call(ST, 0x49, '00 00 00 60');
    const h2 = h1.restart();
    try {
      assert.equal(await h2.call(SE, 0x27, '01'), '00 3b 0a 05 00 55 5a 69');
      assert.equal(await h2.call(SE, 0x25, '01 ff'), '00 04 01');
      assert.equal(await h2.call(SE, 0x29, '03'), '00 c0 11 00 11 00');
      assert.equal(await h2.call(SE, 0x01), '00 22 01');
      assert.equal(await h2.call(ST, 0x11, '00 f0 01 04'), '00 04 de ad be ef');
      assert.equal(await h2.call(G, 0x03, 'dc 00 00'), '00 dc 00 00 01 96 00 e8 03 00 00 00 00 02 00');
      assert.equal(await h2.call(G, 0x06, 'dc 00 10'), '00 dc 03 72 61 63');
      assert.equal(await h2.call(G, 0x09, 'dc 00 10'), '00 dc 03 6e 6f 64');
      assert.equal(await h2.call(ST, 0x48), '00 00 00 00 60');
    } finally {
      h2.close();
    }
  });

  it('SEL: adds, deletes and a clear replay from the journal; the profile entries are not added again', async () => {
    const h1 = hwHarness({ stateDir: dir });
    await h1.call(ST, 0x44, '00 00 02 00 00 00 00 41 00 04 04 03 01 52 0f 10');
    await h1.call(ST, 0x44, '00 00 c1 00 00 00 00 57 01 00 aa bb cc dd ee ff');
    const res = split(await h1.call(ST, 0x42))[1];
    await h1.call(ST, 0x46, `${res} 01 00`);
    const before = h1.bmc.sel.list();
    const h2 = h1.restart();
    try {
      assert.deepEqual(h2.bmc.sel.list(), before);
      assert.deepEqual(
        before.map((r) => r.recordId),
        [2, 3],
      );
      assert.equal(await h2.call(ST, 0x44, '00 00 02 00 00 00 00 41 00 04 04 03 01 52 0f 10'), '00 04 00', 'IDs continue');
    } finally {
      h2.close();
    }
  });

  it('the journal is folded into a snapshot as it grows; a torn last line is dropped, a bad line before it is an error', async () => {
    const h1 = hwHarness({ stateDir: dir });
    for (let i = 0; i < 300; i++) {
      await h1.call(ST, 0x44, `00 00 02 00 00 00 00 41 00 04 04 03 01 52 ${(i & 0xff).toString(16).padStart(2, '0')} 10`);
      const res = split(await h1.call(ST, 0x42))[1];
      await h1.call(ST, 0x46, `${res} ff ff`);
    }
    await h1.call(ST, 0x44, '00 00 02 00 00 00 00 41 00 04 04 03 01 52 aa 10');
    const journal = path.join(dir, 'sel.journal');
    const lines = fs.readFileSync(journal, 'utf8').split('\n').length - 1;
    assert.ok(lines < 300, `compacted: ${lines} journal lines after 601 changes`);
    const list = h1.bmc.sel.list();
    h1.close();
    // A write cut off mid-line (kill -9 during an append that was never acknowledged).
    fs.appendFileSync(journal, '{"seq":99999,"op":{"t":"ad');
    const h2 = hwHarness({ stateDir: dir, clock: h1.clock });
    assert.deepEqual(h2.bmc.sel.list(), list);
    h2.close();
    assert.ok(fs.readFileSync(journal, 'utf8').endsWith('\n'), 'the torn tail was cut');
    fs.writeFileSync(journal, 'not json\n{"seq":1,"op":{"t":"overflow"}}\n');
    assert.throws(
      () => hwHarness({ stateDir: dir, clock: h1.clock }),
      (e: unknown) => e instanceof ConfigError && e.message === `${journal}: line 1: corrupt journal line (not JSON); move the file away to start fresh`,
    );
  });

  it('FRU writes are journaled, folded into a snapshot, and replayed on start', async () => {
    const h1 = hwHarness({ stateDir: dir });
    for (let i = 0; i < 300; i++) assert.equal(await h1.call(ST, 0x12, `00 ${(i & 0xff).toString(16).padStart(2, '0')} 01 ${(i & 0xff).toString(16).padStart(2, '0')}`), '00 01');
    assert.ok(fs.readFileSync(path.join(dir, 'fru.journal'), 'utf8').split('\n').length < 100, 'compacted');
    const image = Buffer.from(h1.bmc.fru.get(0)!.data);
    h1.close();
    const h2 = hwHarness({ stateDir: dir, clock: h1.clock });
    try {
      assert.deepEqual(h2.bmc.fru.get(0)!.data, image);
      assert.equal(await h2.call(ST, 0x11, '00 00 01 04'), '00 04 00 01 02 03');
      assert.deepEqual(h2.bmc.fru.get(1)!.data, Buffer.from(h2.bmc.profile.fru![1].image, 'hex'), 'FRU 1 untouched');
    } finally {
      h2.close();
    }
  });

  it('a storm of Add SEL Entry and Write FRU Data, kill -9, restart: every acknowledged entry is there, once, with its bytes, and every acknowledged FRU write', async function () {
    this.timeout(60_000);
    const hw = path.resolve(__dirname, 'hw');
    // The child adds entries as fast as it can and prints "ack <record id> <record hex>" after each answer.
    const code = `
      const { hwHarness } = require(${JSON.stringify(hw)});
      const h = hwHarness({ stateDir: ${JSON.stringify(dir)}, profile: { sel: { capacity: 4095, clock: 'real', initialEntries: [] } } });
      (async () => {
        for (let i = 0; ; i++) {
          const d = [(i >> 8) & 0xff, i & 0xff].map((b) => b.toString(16).padStart(2, '0')).join(' ');
          const r = await h.call(0x0a, 0x44, '00 00 02 00 00 00 00 41 00 04 0c 07 6f 00 ' + d);
          if (!r.startsWith('00 ')) { process.stdout.write('fail ' + r + '\\n'); return; }
          const id = r.slice(3).split(' ');
          process.stdout.write('ack ' + parseInt(id[1] + id[0], 16) + ' ' + d + '\\n');
          // Every 8th round also a Write FRU Data of two bytes into FRU 0 (offsets 0100h-01FFh, cycling).
          if (i % 8 === 0) {
            const off = 0x100 + ((i / 8) % 128) * 2;
            const w = await h.call(0x0a, 0x12, '00 ' + (off & 0xff).toString(16).padStart(2, '0') + ' 01 ' + d);
            if (w !== '00 02') { process.stdout.write('fail ' + w + '\\n'); return; }
            process.stdout.write('fru ' + off + ' ' + d + '\\n');
          }
        }
      })();`;
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', '-e', code], { cwd: path.resolve(__dirname, '../..'), stdio: ['ignore', 'pipe', 'inherit'] });
    const acked = new Map<number, string>();
    const fru = new Map<number, string>();
    await new Promise<void>((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          const f = /^fru (\d+) (.+)$/.exec(line);
          if (f) {
            fru.set(Number(f[1]), f[2]);
            continue;
          }
          const m = /^ack (\d+) (.+)$/.exec(line);
          if (!m) return reject(new Error(`child: ${line}`));
          acked.set(Number(m[1]), m[2]);
          if (acked.size === 400) {
            child.kill('SIGKILL');
            resolve();
          }
        }
      });
      child.on('exit', () => (acked.size < 400 ? reject(new Error(`child exited after ${acked.size} acks`)) : resolve()));
    });
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(undefined) : child.on('exit', r)));
    const h = hwHarness({ stateDir: dir, profile: { sel: { capacity: 4095, clock: 'real', initialEntries: [] } } });
    try {
      const records = h.bmc.sel.list();
      const ids = records.map((r) => r.recordId);
      assert.equal(new Set(ids).size, ids.length, 'no duplicates');
      const byId = new Map(records.map((r) => [r.recordId, r]));
      for (const [id, data] of acked) {
        const r = byId.get(id);
        assert.ok(r && r.kind === 'system', `acknowledged entry ${id} is there`);
        const hx = (n: number) => n.toString(16).padStart(2, '0');
        assert.equal(`${hx(r.eventData2)} ${hx(r.eventData3)}`, data, `entry ${id} has its own bytes`);
        assert.equal(r.sensorNumber, 0x07);
      }
      // Entries the child wrote but had not reported before it died may follow; nothing else.
      assert.ok(records.length >= acked.size && records.length <= acked.size + 64, `${records.length} records for ${acked.size} acks`);
      assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'in ID order');
      // The last acknowledged FRU write at each offset is in FRU 0.
      assert.ok(fru.size >= 40, `${fru.size} FRU writes acknowledged`);
      const image = h.bmc.fru.get(0)!.data;
      for (const [off, data] of fru) assert.equal(image.subarray(off, off + 2).toString('hex').replace(/(..)(..)/, '$1 $2'), data, `FRU 0 offset ${off}`);
    } finally {
      h.close();
    }
  });
});
