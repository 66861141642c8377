import assert from 'node:assert/strict';
import { SessionTable, SessionInit } from '../../src/bmc/sessions';
import { ManualClock, Timer } from '../../src/lib/clock';

/** A manual clock that counts the interval timers made and cleared. */
class CountingClock extends ManualClock {
  made = 0;
  cleared = 0;
  override setInterval(fn: () => void, ms: number): Timer {
    this.made++;
    return super.setInterval(fn, ms);
  }
  override clear(t: Timer): void {
    this.cleared++;
    super.clear(t);
  }
}

const init = (id: number): SessionInit => ({
  id,
  consoleId: id,
  userId: 2,
  userName: 'admin',
  maxPrivilege: 4,
  privilege: 2,
  ipmiVersion: '2.0',
  peer: { address: '127.0.0.1', port: 40000 + id },
  channel: 1,
  outboundSeq: 1,
});

describe('bmc: session table idle sweep (v2.0 §6.12.15 session inactivity timeout)', () => {
  // 60 s idle timeout: the sweep runs every 5 s (a quarter of it, at most 5 s).
  const IDLE = 60_000;
  const SWEEP = 5_000;

  it('one sweep timer serves a run of one-shot logins and stops at its first tick without sessions', () => {
    const clock = new CountingClock();
    const t = new SessionTable(clock, 4, IDLE);
    for (let i = 1; i <= 10; i++) t.close(t.open(init(i)), 'Close Session');
    assert.equal(clock.made, 1, 'made once, not per login');
    assert.equal(clock.cleared, 0);
    clock.advance(SWEEP);
    assert.equal(clock.cleared, 1, 'stopped at the first tick with nothing open');
    t.open(init(11));
    assert.equal(clock.made, 2, 'started again by the next session');
    clock.advance(3 * SWEEP);
    assert.equal(clock.cleared, 1, 'kept while a session is open');
    t.stop();
    assert.equal(clock.cleared, 2);
  });

  it('closes a session idle past the timeout, and only then', () => {
    const clock = new ManualClock();
    const closed: string[] = [];
    const t = new SessionTable(clock, 4, IDLE, (s, why) => closed.push(`${s.id} ${why}`));
    const s = t.open(init(7));
    clock.advance(IDLE - 1);
    t.touch(s);
    clock.advance(IDLE - 1);
    assert.deepEqual(closed, [], 'activity restarted the timeout');
    clock.advance(SWEEP + 1);
    assert.deepEqual(closed, ['7 idle timeout']);
    assert.equal(t.active.size, 0);
  });
});
