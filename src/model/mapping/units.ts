import type { Semantics } from '../classes/define';

/**
 * IPMI sensor units (v2.0 §43.17, Table 43-15) to CIM_NumericSensor.BaseUnits, with the power
 * of ten the IPMI unit adds (millisecond = 10^-3 Seconds): research note cim-model.md §2.3.1.
 * Units CIM cannot express (line, hit, miss, packets, grams ...) map to 1 "Other"; the IPMI
 * unit name then goes into OtherSensorTypeDescription-independent Description text.
 */
const OTHER = 1;
const UNIT_TO_CIM: ReadonlyArray<readonly [number, number]> = [
  [0, 0], // unspecified -> Unknown
  [2, 0], [3, 0], [4, 0], // degrees C, F, K
  [5, 0], [6, 0], [7, 0], [8, 0], [9, 0], [10, 0], // Volts, Amps, Watts, Joules, Coulombs, VA
  [11, 0], [12, 0], [13, 0], [14, 0], // Nits, lumen, lux, Candela
  [15, 0], [16, 0], [17, 0], [18, 0], [19, 0], [20, 0], // kPa, PSI, Newton, CFM, RPM, Hz
  [21, -6], [21, -3], [21, 0], [22, 0], [23, 0], [24, 0], [25, 0], // us, ms, s, min, hour, day, week
  [26, 0], [27, 0], [28, 0], [29, 0], [30, 0], // mil, inches, feet, cu in, cu feet
  [31, -3], [31, -2], [31, 0], // mm, cm, m
  [32, 0], [33, 0], [34, 0], [35, 0], [36, 0], [37, 0], [38, 0], [39, 0], [40, 0], // cu cm .. gravities
  [41, 0], [42, 0], [43, 0], [44, 0], [45, 0], [46, 0], [47, 0], [47, -3], [48, 0], [48, -6], // ounce .. microfarad
  [49, 0], [50, 0], [51, 0], [52, 0], [53, 0], // ohms, siemens, mole, becquerel, PPM
  [OTHER, 0], // 59 reserved
  [54, 0], [55, 0], [56, 0], [57, 0], [58, 0], [59, 0], // Decibels, DbA, DbC, gray, sievert, color temp K
  [60, 0], [60, 3], [60, 6], [60, 9], // bit, kilobit, megabit, gigabit
  // kilobyte = 10^3 bytes: CIM's power-of-ten modifier cannot express 1024 (research note ¹).
  [61, 0], [61, 3], [61, 6], [61, 9], // byte, kilobyte, megabyte, gigabyte
  [62, 0], [63, 0], [64, 0], // word, dword, qword
];

export interface CimUnit {
  baseUnits: number;
  /** Added to UnitModifier. */
  pow10: number;
}

/**
 * BaseUnits for an IPMI base unit code. Units 1 bit 0 ("percentage") makes it 65 Percentage
 * (v2.0 Table 43-1 byte 21 [0]). Codes 77-92 (line, hit ... grams) and any unknown code are 1
 * Other. 66 Pascals never results: IPMI has no pascal unit (only kPa).
 */
export function cimUnit(ipmiUnit: number, percentage = false): CimUnit {
  if (percentage) return { baseUnits: 65, pow10: 0 };
  const e = UNIT_TO_CIM[ipmiUnit];
  return e ? { baseUnits: e[0], pow10: e[1] } : { baseUnits: OTHER, pow10: 0 };
}

/** IPMI rate unit (Units 1 [5:3], v2.0 Table 43-1 byte 21) -> RateUnits: 0 none .. 6 per day, one to one. 7 is reserved. */
export function cimRateUnits(rate: number): number {
  return rate >= 0 && rate <= 6 ? rate : 0;
}

/**
 * IPMI sensor type (v2.0 §42.2, Table 42-3) -> CIM_Sensor.SensorType (research note §2.4).
 * Windows' schema stops at 12, so the 2.41 values (13 Power Consumption, 15 Pressure,
 * 16 Intrusion) are used only under DMTF semantics.
 */
export function cimSensorType(ipmiType: number, ipmiUnit: number, semantics: Semantics): number {
  const ext = semantics === 'dmtf';
  const byUnit = (): number => {
    if (ipmiUnit >= 1 && ipmiUnit <= 3) return 2; // degrees C/F/K
    if (ipmiUnit === 4) return 3; // Volts
    if (ipmiUnit === 5) return 4; // Amps
    if (ipmiUnit === 18) return 5; // RPM
    if (ipmiUnit === 17) return 12; // CFM
    if (ipmiUnit === 6) return ext ? 13 : OTHER; // Watts
    if (ipmiUnit === 14 || ipmiUnit === 15) return ext ? 15 : OTHER; // kPa, PSI
    return OTHER;
  };
  switch (ipmiType) {
    case 0x01:
      return 2;
    case 0x02:
      return 3;
    case 0x03:
      return 4;
    case 0x04:
      return ipmiUnit === 17 ? 12 : 5; // fan: Tachometer, or Air Flow when it reads CFM
    case 0x05:
      return ext ? 16 : OTHER; // Physical Security (chassis intrusion)
    case 0x08:
      return ext && ipmiUnit === 6 ? 13 : OTHER; // Power Supply read in Watts
    case 0x0b:
      return byUnit(); // Other Units-based Sensor
    case 0x14:
      return 7; // Button / Switch
    case 0x25:
      return 11; // Entity Presence
    default:
      return OTHER;
  }
}
