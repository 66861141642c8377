/**
 * Model speed: build the root\hardware model for 1000 sensors and answer
 * `SELECT * FROM CIM_NumericSensor WHERE CurrentState <> "Normal"` from warm data.
 *
 *   npx tsx scripts/bench/model.ts [--sensors 1000] [--runs 50]
 *
 * Two shapes of the same 1000 sensors: one device with 1000, and 20 devices with 50 each. The
 * device sources are in-memory (test/model/fixture-source.ts), so the cold number is the model's
 * own work plus decoding SDRs, and the warm number is the model's work alone; both are compared
 * with one IPMI round trip on a LAN (~1 ms, the order of ipmitool against a BMC on the same
 * switch), which is what a warm query must stay far below.
 */
import { performance } from 'node:perf_hooks';
import { Repository } from '../../src/model/repository';
import { encodeSdrs, decodeSdrs, SdrRecord } from '../../src/codec/records/sdr';
import { FixtureSource, fullThresholdSensor } from '../../test/model/fixture-source';
import type { SensorReading } from '../../src/model/sources/types';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}
const SENSORS = arg('sensors', 1000);
const RUNS = arg('runs', 50);
const QUERY = 'SELECT * FROM CIM_NumericSensor WHERE CurrentState <> "Normal"';
const ROUND_TRIP_MS = 1;

/** `count` temperature/voltage/fan sensors; every 10th reads above its upper non-critical threshold. */
function device(name: string, count: number): FixtureSource {
  const sdrs: SdrRecord[] = [];
  const readings = new Map<number, SensorReading>();
  for (let i = 0; i < count; i++) {
    const kind = i % 3;
    const rec = fullThresholdSensor(i + 1, {
      number: i % 255 + 1,
      name: `S${i}`,
      sensorType: [0x01, 0x02, 0x04][kind],
      unit: [1, 4, 18][kind],
      m: [1, 6, 50][kind],
      rExp: [0, -2, 0][kind],
      entity: [7, 1],
      thresholds: [5, 10, 15, 200, 220, 240],
    });
    // Sensor numbers repeat past 255: put them on LUNs 0-3 so every sensor has its own address.
    rec.ownerLun = { channel: 0, lun: Math.floor(i / 255) };
    sdrs.push(rec);
    readings.set(i % 255 + 1 + 256 * Math.floor(i / 255), { raw: i % 10 === 0 ? 210 : 100, eventMessagesEnabled: true, scanningEnabled: true, unavailable: false, states: i % 10 === 0 ? 0x08 : 0 });
  }
  const src = new FixtureSource(name, { sdrs: decodeSdrs(encodeSdrs(sdrs)), readings });
  // The fixture keys readings by sensor number; key by number and LUN here.
  src.readSensor = async (a) => readings.get(a.sensorNumber + 256 * a.lun)!;
  return src;
}

async function count(repo: Repository): Promise<number> {
  let n = 0;
  for await (const _ of repo.query(QUERY)) n++;
  return n;
}

async function shape(devices: number, perDevice: number): Promise<void> {
  const sources = Array.from({ length: devices }, (_, i) => device(`bmc${i + 1}`, perDevice));
  const repo = new Repository({ sources, maxAgeMs: 3_600_000 });
  let t = performance.now();
  const n = await count(repo);
  const cold = performance.now() - t;
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    t = performance.now();
    await count(repo);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(
    `${String(devices).padStart(3)} device(s) x ${String(perDevice).padStart(4)} sensors: ${n} not Normal; ` +
      `cold ${cold.toFixed(1)} ms, warm median ${median.toFixed(2)} ms (min ${times[0].toFixed(2)}), ` +
      `${((median * 1000) / (devices * perDevice)).toFixed(1)} us/sensor; warm / one ${ROUND_TRIP_MS} ms round trip per device = ${(median / (ROUND_TRIP_MS * devices)).toFixed(3)}`,
  );
}

(async () => {
  console.log(`model bench: ${QUERY} (${RUNS} warm runs, node ${process.version})`);
  await shape(1, SENSORS);
  await shape(20, SENSORS / 20);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
