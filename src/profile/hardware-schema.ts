/**
 * JSON Schema (draft-07) of the hardware sections of a profile (issue 3): sensors, sdr, fru,
 * sel, dcmi, simulation. Spread into schema.ts's profile schema. Fields that take either a
 * number or a name (sensor type, units, states, chassis type) have no type here: hardware.ts
 * checks them and says which names it knows.
 */
type Schema = Record<string, unknown>;
const num: Schema = { type: 'number' };
const int = (minimum: number, maximum: number): Schema => ({ type: 'integer', minimum, maximum });
const bool: Schema = { type: 'boolean' };
const str = (maxLength?: number): Schema => (maxLength === undefined ? { type: 'string' } : { type: 'string', maxLength });
const any: Schema = {};
const pair = (item: Schema): Schema => ({ type: 'array', items: item, minItems: 2, maxItems: 2 });
const list = (item: Schema, extra: Schema = {}): Schema => ({ type: 'array', items: item, ...extra });
const obj = (properties: Record<string, Schema>, required: string[] = []): Schema => ({
  type: 'object',
  properties,
  ...(required.length ? { required } : {}),
  additionalProperties: false,
});
const entity = pair(int(0, 255));

/** ipmitool's threshold names (`sensor thresh NAME ucr 90`). */
export const THRESHOLD_KEYS = ['lnr', 'lcr', 'lnc', 'unc', 'ucr', 'unr'] as const;
export const BEHAVIOUR_KINDS = ['constant', 'noise', 'sine', 'ramp', 'randomWalk', 'follow'] as const;
export const LINEARIZATIONS = ['linear', 'ln', 'log10', 'log2', 'e', 'exp10', 'exp2', 'inverse', 'sqr', 'cube', 'sqrt', 'cubeRoot'] as const;
export const ANALOG_FORMATS = ['unsigned', 'onesComplement', 'twosComplement'] as const;
export const RATE_NAMES = ['none', 'us', 'ms', 's', 'minute', 'hour', 'day'] as const;
export const EXCEPTION_ACTIONS = ['none', 'hard-power-off', 'log'] as const;

const behaviour = obj(
  {
    kind: { enum: [...BEHAVIOUR_KINDS] },
    amplitude: { type: 'number', minimum: 0 },
    stepSec: { type: 'number', exclusiveMinimum: 0 },
    periodSec: { type: 'number', exclusiveMinimum: 0 },
    phaseSec: num,
    target: num,
    ratePerSec: { type: 'number', exclusiveMinimum: 0 },
    repeat: bool,
    source: { type: 'string', minLength: 1 },
    input: pair(num),
    output: pair(num),
  },
  ['kind'],
);

const sensor = obj(
  {
    /** The SDR ID string when it differs from the key (IDs may repeat; keys may not). */
    name: str(16),
    number: int(0, 254),
    record: { enum: ['full', 'compact', 'eventOnly'] },
    entity,
    /** Sensor type: a name as ipmitool prints it ("Temperature", "Power Supply") or a code. */
    type: any,
    /** Event/reading type: "threshold", "sensor-specific", a generic type name ("Redundancy") or a code. */
    eventType: any,
    /** A unit name ("degrees C", "RPM", "Volts") or { base, modifier, op, rate, percentage }. */
    units: any,
    format: { enum: [...ANALOG_FORMATS] },
    linearization: { enum: [...LINEARIZATIONS] },
    factors: obj({ m: int(-512, 511), b: int(-512, 511), bExp: int(-8, 7), rExp: int(-8, 7) }, ['m']),
    /** Derive M, B, K1, K2 so that the raw range maps onto [min, max] (sensor/conversion.ts deriveFactors). */
    range: pair(num),
    tolerance: int(0, 63),
    accuracy: int(0, 1023),
    accuracyExp: int(0, 3),
    thresholds: obj(Object.fromEntries(THRESHOLD_KEYS.map((k) => [k, num]))),
    readable: list({ enum: [...THRESHOLD_KEYS] }, { uniqueItems: true }),
    settable: list({ enum: [...THRESHOLD_KEYS] }, { uniqueItems: true }),
    hysteresis: obj({ positive: { type: 'number', minimum: 0 }, negative: { type: 'number', minimum: 0 } }),
    nominal: num,
    normalMin: num,
    normalMax: num,
    /** Initial reading in units (threshold sensors). */
    initial: num,
    behaviour,
    jitter: { type: 'number', minimum: 0 },
    whenOff: obj({ value: num, tauSec: { type: 'number', minimum: 0 }, unavailable: bool }),
    /** Discrete sensors: states asserted at start (names from the type's table, or offsets). */
    states: list(any),
    /** Discrete sensors: states it can report (default: every state of its type). */
    readableStates: list(any),
    /** Offsets that generate assertion / deassertion events (default: every readable one). */
    events: list(any),
    deassertEvents: list(any),
    bind: { enum: ['power', 'watchdog', 'sel'] },
    /**
     * One compact or event-only record for `count` sensors (v2.0 Table 43-2 bytes 24-25): numbers
     * count up from `number`, names get the modifier (numeric or alpha, from `offset`), entity
     * instances count up when `entityInstances` is set.
     */
    share: obj({ count: int(2, 15), modifier: { enum: ['numeric', 'alpha'] }, offset: int(0, 127), entityInstances: bool }, ['count']),
    dcmi: { enum: ['inlet', 'cpu', 'baseboard'] },
  },
  ['number', 'type'],
);

const text = str(63);
const fruDevice = obj({
  name: str(16),
  size: int(64, 65535),
  writable: bool,
  entity,
  /** The whole image as hex (a `fru read` file), instead of the areas below. */
  raw: { type: 'string', pattern: '^([0-9a-fA-F]{2})+$' },
  internalUse: { type: 'string', pattern: '^([0-9a-fA-F]{2})*$' },
  chassis: obj({ type: any, partNumber: text, serialNumber: text, custom: list(text) }),
  board: obj({
    manufacturer: text,
    productName: text,
    serialNumber: text,
    partNumber: text,
    fruFileId: text,
    /** ISO 8601 date-time (UTC), minutes resolution. */
    mfgDate: str(),
    custom: list(text),
  }),
  product: obj({
    manufacturer: text,
    name: text,
    partNumber: text,
    version: text,
    serialNumber: text,
    assetTag: text,
    fruFileId: text,
    custom: list(text),
  }),
  powerSupplies: list(
    obj(
      {
        capacityWatts: int(0, 4095),
        peakVa: int(0, 65535),
        inrushCurrentAmps: int(0, 255),
        inrushIntervalMs: int(0, 255),
        inputVoltage: list(pair(num), { minItems: 1, maxItems: 2 }),
        frequencyHz: pair(int(0, 255)),
        dropoutToleranceMs: int(0, 255),
        hotSwap: bool,
        autoswitch: bool,
        powerFactorCorrection: bool,
        predictiveFailure: bool,
        holdUpSec: int(0, 15),
        peakWatts: int(0, 4095),
      },
      ['capacityWatts'],
    ),
  ),
});

const selEntry = obj({
  secondsAgo: { type: 'integer', minimum: 0 },
  /** A sensor of this profile, by name: its type, number and event type are used. */
  sensor: str(),
  /** Or, for events from no sensor of the profile: */
  sensorType: any,
  sensorNumber: int(0, 255),
  eventType: any,
  /** The event: an offset, or its name ("Upper Critical going high", "Presence detected"). */
  event: any,
  deassert: bool,
  /** Threshold events: the trigger reading in units (event data 2; data 3 is the threshold). */
  reading: num,
  /** All three event data bytes, instead of the ones derived. */
  eventData: { type: 'array', items: int(0, 255), minItems: 3, maxItems: 3 },
  generatorId: int(0, 0xffff),
});

/** Properties added to the profile schema. */
export const hardwareProperties: Record<string, Schema> = {
  sdr: obj({
    mcName: str(16),
    mcEntity: entity,
    entityAssociations: list(
      obj({ container: entity, contained: list(entity, { minItems: 1, maxItems: 4 }), range: bool }, ['container', 'contained']),
    ),
  }),
  sensors: { type: 'object', additionalProperties: sensor },
  fru: { type: 'object', patternProperties: { '^[0-9]+$': fruDevice }, additionalProperties: false },
  sel: obj({
    capacity: int(16, 4095),
    clock: { enum: ['real', 'pre-init'] },
    utcOffsetMinutes: int(-1440, 1440),
    entries: list(selEntry),
  }),
  dcmi: obj({
    power: obj({ offWatts: int(0, 65535), idleWatts: int(0, 65535), maxWatts: int(0, 65535) }),
    powerLimit: obj({
      watts: int(0, 65535),
      correctionTimeMs: int(0, 0xffffffff),
      samplingPeriodSec: int(1, 65535),
      exceptionAction: { enum: [...EXCEPTION_ACTIONS] },
      active: bool,
    }),
    statisticsPeriodSec: int(1, 0xffffffff / 1000),
    assetTag: str(63),
    mcIdString: str(63),
    rollingAveragePeriodsSec: list(int(1, 63 * 86400), { maxItems: 32 }),
    temperatureSamplingSec: int(0, 255),
  }),
  simulation: obj({
    scanIntervalMs: int(100, 3_600_000),
    seed: str(),
    load: obj({ initial: { type: 'number', minimum: 0, maximum: 1 }, behaviour, jitter: { type: 'number', minimum: 0 } }),
  }),
};

/** A behaviour and a SEL entry as profiles write them; the control API checks its requests with the same schemas. */
export { behaviour as behaviourSchema, selEntry as selEntrySchema };
