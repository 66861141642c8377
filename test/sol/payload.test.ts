import assert from 'node:assert/strict';
import { ManualClock } from '../../src/lib/clock';
import { silentLogger } from '../../src/lib/logger';
import { fromHex, hex } from '../../src/codec/wire/checksum';
import { SolInstance } from '../../src/bmc/sol/payload';
import type { SolSettings } from '../../src/bmc/sol/config';
import { DeviceConsole } from '../../src/bmc/console/console';
import type { BackendSink, ConsoleBackend } from '../../src/bmc/console/backend';

/** A system that records what it is sent and prints on demand. */
class FakeLine implements ConsoleBackend {
  sink?: BackendSink;
  readonly describe = 'fake';
  available = true;
  written: string[] = [];
  breaks = 0;
  paused = false;
  carrierUp = true;
  start(): void {}
  async stop(): Promise<void> {}
  write(d: Buffer): void {
    this.written.push(d.toString('latin1'));
  }
  sendBreak(): void {
    this.breaks++;
  }
  carrier(up: boolean): void {
    this.carrierUp = up;
  }
  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
  }
  print(text: string | Buffer): void {
    this.sink!.output(typeof text === 'string' ? Buffer.from(text, 'latin1') : text);
  }
}

const SETTINGS: SolSettings = { enabled: true, forceEncryption: true, forceAuthentication: true, privilege: 2, accumulateMs: 50, threshold: 96, retries: 7, retryIntervalMs: 500, bitRate: 0xa };

/** v2.0 §15.9, Table 15-2 packets on both sides of one SOL instance, with a manual clock. */
describe('SOL payload instance (v2.0 §15.9)', () => {
  let clock: ManualClock;
  let line: FakeLine;
  let sent: string[];
  let sol: SolInstance;
  const make = (o: { flowControl?: boolean; settings?: Partial<SolSettings>; startDeasserted?: boolean } = {}) => {
    clock = new ManualClock();
    line = new FakeLine();
    sent = [];
    const console = new DeviceConsole(line, { historyBytes: 1024, flowControl: o.flowControl ?? false, log: silentLogger });
    console.start();
    sol = new SolInstance({
      settings: { ...SETTINGS, ...o.settings },
      clock,
      log: silentLogger,
      console,
      maxCharacters: 251,
      startDeasserted: o.startDeasserted ?? false,
      send: (p) => sent.push(hex(p)),
    });
  };
  const rx = (h: string) => sol.receive(fromHex(h));
  beforeEach(() => make());

  it('ACKs console characters at once with their count and hands them to the system', () => {
    rx('01 00 00 00 61 62');
    assert.deepEqual(line.written, ['ab']);
    assert.deepEqual(sent, ['00 01 02 00']);
  });

  it('a retransmission (same packet sequence number) is ACKed again, not delivered twice', () => {
    rx('01 00 00 00 61 62');
    rx('01 00 00 00 61 62');
    rx('02 00 00 00 63');
    assert.deepEqual(line.written, ['ab', 'c']);
    assert.deepEqual(sent, ['00 01 02 00', '00 01 02 00', '00 02 01 00']);
    assert.equal(sol.counters.duplicatesIn, 1);
  });

  it('a packet with no characters (a SOL keepalive) is ACKed with count 0; ACK-only packets are not ACKed', () => {
    rx('05 00 00 00');
    rx('00 00 00 00');
    assert.deepEqual(sent, ['00 05 00 00']);
  });

  it('generate break (operation bit 4) reaches the system once', () => {
    rx('03 00 00 10');
    rx('03 00 00 10');
    assert.equal(line.breaks, 1);
    assert.equal(sol.counters.breaks, 1);
  });

  it('characters for a system that cannot take them are ACKed in full with "character transfer unavailable"', () => {
    line.available = false;
    rx('04 00 00 00 78 79');
    assert.deepEqual(line.written, []);
    assert.deepEqual(sent, ['00 04 02 20']);
  });

  it('system output waits the character accumulate interval, then goes out as one packet', () => {
    line.print('h');
    clock.advance(20);
    line.print('i');
    clock.advance(29);
    assert.deepEqual(sent, []);
    clock.advance(1);
    assert.deepEqual(sent, ['01 00 00 00 68 69']);
  });

  it('reaching the send threshold sends at once; more than a packet is split at 251 characters', () => {
    line.print('x'.repeat(600));
    assert.equal(sent.length, 1);
    assert.equal(fromHex(sent[0]).length, 4 + 251);
    rx('00 01 fb 00');
    rx('00 02 fb 00');
    assert.deepEqual(
      sent.map((s) => [s.slice(0, 11), fromHex(s).length - 4]),
      [
        ['01 00 00 00', 251],
        ['02 00 00 00', 251],
        ['03 00 00 00', 98],
      ],
    );
  });

  it('an unACKed packet is retransmitted unchanged every retry interval, then dropped after the retry count', () => {
    line.print('abc');
    clock.advance(50);
    assert.deepEqual(sent, ['01 00 00 00 61 62 63']);
    line.print('d');
    for (let i = 0; i < 7; i++) clock.advance(500);
    assert.deepEqual(sent, Array(8).fill('01 00 00 00 61 62 63'));
    clock.advance(500);
    // Dropped; the next characters go out under the next sequence number.
    assert.deepEqual(sent.slice(8), ['02 00 00 00 64']);
    assert.deepEqual([sol.counters.retransmits, sol.counters.dropped], [7, 1]);
  });

  it('a partial ACK puts the characters not accepted in front, in a new packet', () => {
    line.print('hello');
    clock.advance(50);
    rx('00 01 03 00');
    assert.deepEqual(sent, ['01 00 00 00 68 65 6c 6c 6f', '02 00 00 00 6c 6f']);
  });

  it('a NACK offers the rest again after a back-off', () => {
    line.print('hi');
    clock.advance(50);
    rx('00 01 00 40');
    assert.equal(sent.length, 1);
    clock.advance(100);
    assert.deepEqual(sent, ['01 00 00 00 68 69', '02 00 00 00 68 69']);
    assert.equal(sol.counters.nacksIn, 1);
  });

  it('a console packet may ACK and carry characters at once (FreeIPMI does)', () => {
    line.print('x');
    clock.advance(50);
    rx('01 01 01 00 79');
    assert.deepEqual(line.written, ['y']);
    assert.deepEqual(sent, ['01 00 00 00 78', '00 01 01 00']);
  });

  it('flush outbound (operation bit 0) discards output not yet sent', () => {
    line.print('discard me');
    rx('01 00 00 01');
    clock.advance(100);
    assert.deepEqual(sent, ['00 01 00 00']);
  });

  it('a full unsent buffer pauses the system; it resumes once drained below the low-water mark', () => {
    line.print(Buffer.alloc(70 * 1024, 0x41));
    assert.equal(line.paused, true);
    // ACK each packet as it comes (its sequence number is its first byte) until the system resumes.
    while (line.paused) rx(`00 ${sent[sent.length - 1].slice(0, 2)} fb 00`);
    assert.ok(sol.counters.charactersOut >= 70 * 1024 - 16 * 1024, `resumed after ${sol.counters.charactersOut} characters`);
  });

  it('with RTS/CTS flow control, CTS pause (operation bit 3) holds the system; the next packet without it releases it', () => {
    make({ flowControl: true });
    rx('01 00 00 08');
    assert.equal(line.paused, true);
    rx('00 00 00 00');
    assert.equal(line.paused, false);
  });

  it('without flow control CTS does not hold the system; DCD/DSR drop (bit 2) reaches it either way', () => {
    rx('01 00 00 0c');
    assert.deepEqual([line.paused, line.carrierUp], [false, false]);
    rx('00 00 00 00');
    assert.equal(line.carrierUp, true);
  });

  it('the startup handshake leaves CTS and DCD/DSR deasserted until the console first says otherwise', () => {
    make({ flowControl: true, startDeasserted: true });
    assert.deepEqual([line.paused, line.carrierUp], [true, false]);
    rx('00 00 00 00');
    assert.deepEqual([line.paused, line.carrierUp], [false, true]);
  });

  it('deactivation by another session: a last packet NACKing the console\'s last one, "SOL deactivating" set', () => {
    rx('07 00 00 00 7a');
    sol.close(true);
    assert.deepEqual(sent, ['00 07 01 00', '00 07 00 50']);
    line.print('after');
    clock.advance(1000);
    assert.equal(sent.length, 2);
  });

  it('undecodable payloads are dropped (more than 255 characters)', () => {
    sol.receive(Buffer.concat([fromHex('01 00 00 00'), Buffer.alloc(256, 0x41)]));
    assert.deepEqual([sent, line.written], [[], []]);
  });
});
