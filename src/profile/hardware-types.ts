/**
 * The hardware sections of a frozen profile (issue 3): sensors as SDRs, FRU devices, SEL, DCMI
 * and the simulation parameters. The loader (hardware.ts) resolves names (sensor types, units,
 * states) to codes and values in units to what the records hold, so bmc/state only builds bytes.
 * Every section is optional: a profile without sensors serves an empty SDR repository.
 */
import type { ThresholdName } from '../codec/sensor/thresholds';

/** Where a sensor's value comes from over time; all parameters are in the sensor's units. */
export type BehaviourSpec =
  /** The initial value (or the value the control API last set). */
  | { kind: 'constant' }
  /** initial ± amplitude, a new random value every stepSec (pure function of time). */
  | { kind: 'noise'; amplitude: number; stepSec: number }
  /** initial + amplitude · sin(2π (t + phaseSec) / periodSec). */
  | { kind: 'sine'; amplitude: number; periodSec: number; phaseSec: number }
  /** From initial towards target at ratePerSec; `repeat` starts again from initial (a sawtooth). */
  | { kind: 'ramp'; target: number; ratePerSec: number; repeat: boolean }
  /**
   * A bounded random walk around initial: random knots every stepSec within ± amplitude, joined
   * smoothly. A pure function of time (so any past value can be recomputed), unlike a summed walk.
   */
  | { kind: 'randomWalk'; amplitude: number; stepSec: number }
  /**
   * A linear map of another quantity, clamped to `output`: a sensor's value (by key), the
   * system load (0..1) or the DCMI power model's watts.
   */
  | { kind: 'follow'; source: string; input: [number, number]; output: [number, number] };

/** What happens to a sensor while the managed system's power is off. */
export interface WhenOffSpec {
  /** The value it tends to (fans 0 RPM, temperatures the ambient). */
  value: number;
  /** Time constant of the exponential approach, both ways (0 = at once). */
  tauSec: number;
  /** The reading is unavailable while off (ipmitool prints "ns"/"No Reading"). */
  unavailable: boolean;
}

export interface AnalogSensorSpec {
  /** Sensor Units 1 fields and the unit codes (v2.0 Table 43-1 bytes 21-23). */
  units: { base: number; modifier: number; modifierOp: number; rate: number; percentage: boolean };
  /** Analog data format: 0 unsigned, 1 one's complement, 2 two's complement. */
  format: number;
  linearization: number;
  factors: { m: number; b: number; bExp: number; rExp: number };
  tolerance: number;
  accuracy: number;
  accuracyExp: number;
  /** Thresholds in units; readable/settable as named. */
  thresholds: Partial<Record<ThresholdName, number>>;
  readable: ThresholdName[];
  settable: ThresholdName[];
  /** In units (converted to raw counts: hysteresisToValue's inverse). */
  hysteresis: { positive: number; negative: number };
  nominal?: number;
  normalMin?: number;
  normalMax?: number;
  /** Initial value in units. */
  initial: number;
  behaviour: BehaviourSpec;
  /** Added noise of ± jitter on top of the behaviour (0 = none). */
  jitter: number;
  whenOff?: WhenOffSpec;
}

export interface DiscreteSensorSpec {
  /** Offsets asserted at start. */
  initial: number[];
  /** Offsets the sensor can report (SDR reading mask). */
  readable: number[];
  /**
   * States driven by the BMC itself: 'power' (ACPI power state, power unit, system boot follow
   * chassis power), 'watchdog' (watchdog 2 expiry events), 'sel' (log cleared / full).
   */
  bind?: 'power' | 'watchdog' | 'sel';
}

export interface SensorSpec {
  /** The sensor's key in the profile: unique, used by `follow`, SEL entries and the control API. */
  key: string;
  /** ID string, at most 16 bytes (may repeat across sensors, as on real BMCs). */
  name: string;
  number: number;
  /** SDR type: full (01h), compact (02h) or event-only (03h). */
  record: 'full' | 'compact' | 'eventOnly';
  entityId: number;
  entityInstance: number;
  sensorType: number;
  eventReadingType: number;
  /** Events the sensor can generate (SDR assertion/deassertion event masks, bits = offsets). */
  assertionEvents: number[];
  deassertionEvents: number[];
  analog?: AnalogSensorSpec;
  discrete?: DiscreteSensorSpec;
  /** The DCMI temperature role (Get DCMI Sensor Info, Get Temperature Readings). */
  dcmi?: 'inlet' | 'cpu' | 'baseboard';
  /**
   * Set on each sensor of a shared record (profile `share`): the record is served once, by the
   * sensor with index 0, under `baseName`; every sensor has its own number, state and events.
   */
  share?: SensorShare;
}

export interface SensorShare {
  /** 0 for the sensor whose number and entity instance the record carries. */
  index: number;
  count: number;
  /** IdInstanceModifier: 0 numeric, 1 alpha. */
  modifierType: number;
  offset: number;
  entityInstances: boolean;
  /** The record's ID string (each sensor's name adds its modifier). */
  baseName: string;
}

export interface EntityAssociationSpec {
  container: [number, number];
  contained: [number, number][];
  range: boolean;
}

export interface SdrSpec {
  /** ID string of the BMC's Management Controller Device Locator record (12h). */
  mcName: string;
  /** Entity ID/instance of the management controller. */
  mcEntity: [number, number];
  entityAssociations: EntityAssociationSpec[];
}

export interface FruDeviceSpec {
  id: number;
  /** ID string of its FRU Device Locator record (11h). */
  name: string;
  /** Inventory area size in bytes (Get FRU Inventory Area Info). */
  size: number;
  writable: boolean;
  entityId: number;
  entityInstance: number;
  /** The initial image (encodeFru output padded to size), hex. */
  image: string;
}

export interface SelEntrySpec {
  secondsAgo: number;
  generatorId: number;
  sensorType: number;
  sensorNumber: number;
  eventType: number;
  deassertion: boolean;
  eventData: [number, number, number];
}

export interface SelSpec {
  /** Entries the SEL holds at most (16 bytes each). */
  capacity: number;
  /** 'real': wall-clock time; 'pre-init': seconds since the BMC started (as ipmi_sim). */
  clock: 'real' | 'pre-init';
  /** Get SEL Time UTC Offset at first start, minutes (undefined = unspecified, 07FFh). */
  utcOffsetMinutes?: number;
  initialEntries: SelEntrySpec[];
}

export interface DcmiSpec {
  /** Watts: standby while off, idle at load 0, max at load 1. */
  power: { offWatts: number; idleWatts: number; maxWatts: number };
  powerLimit: { watts: number; correctionTimeMs: number; samplingPeriodSec: number; exceptionAction: number; active: boolean };
  /** Statistics reporting period of Get Power Reading, seconds. */
  statisticsPeriodSec: number;
  assetTag?: string;
  mcIdString: string;
  /** Rolling average periods offered (Get DCMI Capability Info parameter 5), in seconds. */
  rollingAveragePeriodsSec: number[];
  temperatureSamplingSec: number;
}

export interface SimulationSpec {
  /** How often moving sensors that may cross a threshold are checked (only while any may). */
  scanIntervalMs: number;
  /** The system load 0..1 that power and temperatures can follow. */
  load: { initial: number; behaviour: BehaviourSpec; jitter: number };
  /** Seed of the pseudo-random behaviours, so two devices of one profile differ. */
  seed: string;
}

export interface HardwareSpec {
  sdr?: SdrSpec;
  sensors?: SensorSpec[];
  fru?: FruDeviceSpec[];
  sel?: SelSpec;
  dcmi?: DcmiSpec;
  simulation?: SimulationSpec;
}
