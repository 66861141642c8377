import assert from 'node:assert/strict';
import {
  THRESHOLD_ABBREVIATIONS,
  ThresholdValues,
  compareThresholds,
  evaluateThresholds,
  maskThresholds,
  sdrThresholdMasks,
  thresholdEventNames,
  thresholdEventBit,
  thresholdEventOffset,
  thresholdMask,
  thresholdStatusText,
} from '../../../src/codec/sensor';

// gen_emu.py CPU Temp, raw = degrees C (M=1): LC 5, LNC 10, UNC 85, UC 95, UNR 105, hysteresis 2/2.
const cpu: ThresholdValues = { lowerCritical: 5, lowerNonCritical: 10, upperNonCritical: 85, upperCritical: 95, upperNonRecoverable: 105 };
const hyst = { positive: 2, negative: 2 };

describe('threshold helpers (v2.0 §36.2-§36.3)', () => {
  it('mask bits: [0] LNC .. [5] UNR (ipmi_sim readable mask 3Bh = all but LNR)', () => {
    assert.deepEqual(maskThresholds(0x3b), ['lowerNonCritical', 'lowerCritical', 'upperNonCritical', 'upperCritical', 'upperNonRecoverable']);
    assert.equal(thresholdMask(['upperCritical', 'lowerNonCritical']), 0x11);
    assert.equal(THRESHOLD_ABBREVIATIONS.upperCritical, 'ucr');
  });

  it('event offsets: 50h | offset in ipmi_sim SEL entries, 57h = UNC going high, 52h = LC going low', () => {
    assert.equal(thresholdEventOffset('upperNonCritical'), 7);
    assert.equal(thresholdEventOffset('lowerCritical'), 2);
    assert.equal(thresholdEventOffset('upperNonRecoverable'), 11);
    assert.equal(thresholdEventOffset('lowerNonCritical', true), 1);
    assert.equal(thresholdEventOffset('upperCritical', false), 8);
    // gen_emu.py assertion mask 3A85h for CPU Temp: bits 0, 2, 7, 9, 11 (+ reading mask bits 12-13).
    const events = (['lowerNonCritical', 'lowerCritical', 'upperNonCritical', 'upperCritical', 'upperNonRecoverable'] as const).reduce((m, t) => m | thresholdEventBit(t), 0);
    assert.equal(events, 0x0a85);
  });

  it('comparison status: lower bits at or below, upper bits at or above', () => {
    assert.equal(compareThresholds(48, cpu), 0);
    assert.equal(compareThresholds(85, cpu), 0x08);
    assert.equal(compareThresholds(100, cpu), 0x18);
    assert.equal(compareThresholds(105, cpu), 0x38);
    assert.equal(compareThresholds(10, cpu), 0x01);
    assert.equal(compareThresholds(3, cpu), 0x03);
  });

  it('latched events with hysteresis, going high then back down (ipmi_sim check_thresholds)', () => {
    const steps = [48, 85, 84, 83, 82, 96, 94, 93, 92];
    let state = 0;
    const seen: string[] = [];
    for (const r of steps) {
      const { asserted, changes } = evaluateThresholds(r, cpu, hyst, state);
      state = asserted;
      for (const c of changes) seen.push(`${r}:${c.asserted ? '+' : '-'}${THRESHOLD_ABBREVIATIONS[c.threshold]}@${c.offset}`);
    }
    // UNC asserts at 85, holds at 84 and 83 (not below 85 - 2), deasserts at 82.
    assert.deepEqual(seen, ['85:+unc@7', '82:-unc@7', '96:+unc@7', '96:+ucr@9', '92:-ucr@9']);
    assert.equal(state, 0x08);
  });

  it('latched events going low, and a threshold removed while asserted', () => {
    let { asserted, changes } = evaluateThresholds(10, cpu, hyst);
    assert.deepEqual(changes, [{ threshold: 'lowerNonCritical', asserted: true, offset: 0 }]);
    ({ asserted, changes } = evaluateThresholds(12, cpu, hyst, asserted));
    assert.deepEqual(changes, []);
    ({ asserted, changes } = evaluateThresholds(13, cpu, hyst, asserted));
    assert.deepEqual(changes, [{ threshold: 'lowerNonCritical', asserted: false, offset: 0 }]);
    ({ asserted } = evaluateThresholds(4, cpu, hyst, asserted));
    assert.equal(asserted, 0x03);
    ({ asserted } = evaluateThresholds(4, { ...cpu, lowerNonCritical: undefined }, hyst, asserted));
    assert.equal(asserted, 0x02);
  });

  it('SDR masks from readable/settable thresholds match the records ipmi_sim served (gen_emu.py)', () => {
    // CPU Temp: all but LNR -> 3A85h / 7A85h / 3B3Bh.
    assert.deepEqual(sdrThresholdMasks({ readable: Object.keys(cpu) as (keyof typeof cpu)[] }), { assertionMask: 0x3a85, deassertionMask: 0x7a85, readingMask: 0x3b3b });
    // FAN1: lower three only -> 7015h / 0015h / 0707h.
    assert.deepEqual(sdrThresholdMasks({ readable: ['lowerNonCritical', 'lowerCritical', 'lowerNonRecoverable'] }), { assertionMask: 0x7015, deassertionMask: 0x0015, readingMask: 0x0707 });
    // Readable everything, settable only UC, events only for UC and LC.
    assert.deepEqual(sdrThresholdMasks({ readable: ['lowerNonCritical', 'lowerCritical', 'lowerNonRecoverable', 'upperNonCritical', 'upperCritical', 'upperNonRecoverable'], settable: ['upperCritical'], events: ['upperCritical', 'lowerCritical'] }), {
      assertionMask: 0x7204,
      deassertionMask: 0x7204,
      readingMask: 0x103f,
    });
  });

  it('event enable names as ipmitool sensor get prints them', () => {
    assert.equal(thresholdEventNames(0x0fff).join(' '), 'lnc- lnc+ lcr- lcr+ lnr- lnr+ unc- unc+ ucr- ucr+ unr- unr+');
    assert.deepEqual(thresholdEventNames(0x0285), ['lnc-', 'lcr-', 'unc+', 'ucr+']);
  });

  it('status words as ipmitool prints them', () => {
    assert.equal(thresholdStatusText(0), 'ok');
    assert.equal(thresholdStatusText(0x18), 'cr');
    assert.equal(thresholdStatusText(0x18, 'extended'), 'ucr');
    assert.equal(thresholdStatusText(0x03, 'extended'), 'lcr');
    assert.equal(thresholdStatusText(0x20, 'verbose'), 'Upper Non-Recoverable');
    assert.equal(thresholdStatusText(0x01), 'nc');
  });
});
