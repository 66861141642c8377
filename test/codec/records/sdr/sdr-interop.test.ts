import assert from 'node:assert/strict';
import { spawn, ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SdrRecord, encodeSdr } from '../../../../src/codec/records/sdr';
import { EntityId, SensorType, Unit, sdrThresholdMasks, valueToRaw } from '../../../../src/codec/sensor';
import { requirePeers, run } from '../../../helpers/peers';

/**
 * SDRs built with our encoder, served by OpenIPMI's ipmi_sim (`main_sdr_add`) and read back
 * by ipmitool: checks field placement against a real decoder, not only against our own vectors.
 */
const init = {
  settable: false,
  initScanning: true,
  initEvents: true,
  initThresholds: true,
  initHysteresis: true,
  initSensorType: true,
  eventGenerationEnabled: true,
  scanningEnabled: true,
};
const noSharing = { sensorDirection: 0, idInstanceModifierType: 0, shareCount: 0, entityInstanceSharing: false, idInstanceModifierOffset: 0 };
const factors = { m: 6, tolerance: 0, b: 0, accuracy: 0, accuracyExp: 0, sensorDirection: 0, rExp: -2, bExp: 0 };
const conv = { m: 6, b: 0, bExp: 0, rExp: -2, linearization: 0, analogDataFormat: 0 };
const raw = (v: number) => valueToRaw(v, conv);
const all6 = ['lowerNonCritical', 'lowerCritical', 'lowerNonRecoverable', 'upperNonCritical', 'upperCritical', 'upperNonRecoverable'] as const;

const records: SdrRecord[] = [
  {
    kind: 'full',
    recordId: 0,
    ownerId: 0x20,
    ownerLun: { channel: 0, lun: 0 },
    sensorNumber: 5,
    entityId: EntityId.systemBoard,
    entityInstance: { logical: false, instance: 1 },
    sensorInitialization: init,
    sensorCapabilities: { ignoreSensor: false, autoRearm: true, hysteresisSupport: 1, thresholdAccess: 2, eventMessageControl: 0 },
    sensorType: SensorType.voltage,
    eventReadingType: 0x01,
    ...sdrThresholdMasks({ readable: all6 }),
    units: { analogDataFormat: 0, rateUnit: 0, modifierUnit: 0, percentage: false },
    baseUnit: Unit.volts,
    modifierUnitCode: 0,
    linearization: 0,
    factors,
    analogFlags: { normalMinSpecified: false, normalMaxSpecified: false, nominalSpecified: true },
    nominalReading: raw(12),
    normalMaximum: 0xff,
    normalMinimum: 0,
    sensorMaximum: 0xff,
    sensorMinimum: 0,
    thresholds: {
      upperNonRecoverable: raw(13.8),
      upperCritical: raw(13.2),
      upperNonCritical: raw(12.72),
      lowerNonRecoverable: raw(10.2),
      lowerCritical: raw(10.8),
      lowerNonCritical: raw(11.28),
    },
    positiveHysteresis: 2,
    negativeHysteresis: 2,
    oem: 0,
    idString: '12V',
  },
  {
    kind: 'compact',
    recordId: 0,
    ownerId: 0x20,
    ownerLun: { channel: 0, lun: 0 },
    sensorNumber: 0x40,
    entityId: EntityId.powerSupply,
    entityInstance: { logical: false, instance: 1 },
    sensorInitialization: { ...init, initThresholds: false, initHysteresis: false },
    sensorCapabilities: { ignoreSensor: false, autoRearm: true, hysteresisSupport: 0, thresholdAccess: 0, eventMessageControl: 0 },
    sensorType: SensorType.powerSupply,
    eventReadingType: 0x6f,
    assertionMask: 0x000b,
    deassertionMask: 0x000b,
    readingMask: 0x000b,
    units: { analogDataFormat: 3, rateUnit: 0, modifierUnit: 0, percentage: false },
    baseUnit: 0,
    modifierUnitCode: 0,
    sharing: noSharing,
    positiveHysteresis: 0,
    negativeHysteresis: 0,
    oem: 0,
    idString: 'PSU1 Status',
  },
  {
    kind: 'eventOnly',
    recordId: 0,
    ownerId: 0x20,
    ownerLun: { channel: 0, fruOwnerLun: 0, lun: 0 },
    sensorNumber: 0x50,
    entityId: EntityId.managementControllerFirmware,
    entityInstance: { logical: false, instance: 1 },
    sensorType: SensorType.watchdog2,
    eventReadingType: 0x6f,
    sharing: noSharing,
    oem: 0,
    idString: 'Watchdog',
  },
  {
    kind: 'fruDeviceLocator',
    recordId: 0,
    deviceAccessAddress: 0x20,
    fruDeviceId: 0,
    access: { logical: true, accessLun: 0, privateBusId: 0 },
    channel: 0,
    deviceType: 0x10,
    deviceTypeModifier: 0,
    fruEntityId: EntityId.systemBoard,
    fruEntityInstance: 1,
    oem: 0,
    idString: 'Builtin FRU',
  },
  {
    kind: 'mcDeviceLocator',
    recordId: 0,
    deviceSlaveAddress: 0x20,
    channel: 0,
    powerStateAndInit: {
      acpiSystemPowerStateNotification: false,
      acpiDevicePowerStateNotification: false,
      staticController: false,
      controllerLogsInitAgentErrors: false,
      logInitAgentErrors: false,
      eventMessageGeneration: 0,
    },
    capabilities: { chassis: true, bridge: false, ipmbEventGenerator: false, ipmbEventReceiver: true, fru: true, sel: true, sdrRepository: true, sensor: true },
    entityId: EntityId.managementControllerFirmware,
    entityInstance: { logical: false, instance: 1 },
    oem: 0,
    idString: 'Test BMC',
  },
];

function freeUdpPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = dgram.createSocket('udp4');
    s.bind(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

describe('SDRs from our encoder read by ipmitool (served by ipmi_sim)', function () {
  requirePeers(this, ['ipmi_sim', 'ipmitool']);
  this.timeout(30000);
  let dir = '';
  let sim: ChildProcess | undefined;
  let ipmitool: (...args: string[]) => Promise<string>;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmcbridge-sdr-'));
    const port = await freeUdpPort();
    const hexBytes = (b: Buffer) => [...b].map((x) => '0x' + x.toString(16).padStart(2, '0')).join(' ');
    const emu = [
      'mc_setbmc 0x20',
      'mc_add 0x20 0x20 no-device-sdrs 0x01 0x02 0x05 0x9f 0x00a2b3 0x1234',
      ...records.map((r) => `main_sdr_add 0x20 ${hexBytes(encodeSdr(r))}`),
      'sensor_add 0x20 0 5 0x02 0x01',
      `sensor_set_value 0x20 0 5 ${raw(12.06)} 0`,
      'sensor_add 0x20 0 0x40 0x08 0x6f',
      'sensor_set_bit_clr_rest 0x20 0 0x40 0 1 0',
      'mc_enable 0x20',
    ];
    fs.writeFileSync(path.join(dir, 'bmc.emu'), emu.join('\n') + '\n');
    fs.writeFileSync(
      path.join(dir, 'lan.conf'),
      [
        'name "sdr-interop"',
        'set_working_mc 0x20',
        '  startlan 1',
        `    addr 127.0.0.1 ${port}`,
        '    priv_limit admin',
        '    allowed_auths_callback md5',
        '    allowed_auths_user md5',
        '    allowed_auths_operator md5',
        '    allowed_auths_admin md5',
        '  endlan',
        '  user 1 false "" "" user 4 md5',
        '  user 2 true "admin" "throwaway" admin 10 md5',
      ].join('\n') + '\n',
    );
    fs.mkdirSync(path.join(dir, 'state'));
    sim = spawn('ipmi_sim', ['-n', '-c', 'lan.conf', '-f', 'bmc.emu', '-s', 'state'], { cwd: dir, stdio: 'ignore' });
    ipmitool = async (...args: string[]) => {
      const r = await run('ipmitool', ['-I', 'lan', '-H', '127.0.0.1', '-p', String(port), '-U', 'admin', '-P', 'throwaway', ...args], { timeout: 15000 });
      if (r.status !== 0) throw new Error(`ipmitool ${args.join(' ')}: ${r.stderr}`);
      return r.stdout;
    };
    for (let i = 0; ; i++) {
      try {
        await ipmitool('mc', 'info');
        break;
      } catch (e) {
        if (i > 50) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });
  after(() => {
    if (sim?.pid) process.kill(sim.pid);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sdr elist all lists every record with its number, entity and type', async () => {
    const lines = (await ipmitool('sdr', 'elist', 'all')).split('\n').map((l) => l.split('|').map((c) => c.trim()));
    const byName = new Map(lines.map((c) => [c[0], c.slice(1)]));
    assert.deepEqual(byName.get('12V'), ['05h', 'ok', '7.1', '12.06 Volts']);
    assert.deepEqual(byName.get('PSU1 Status')?.slice(0, 3), ['40h', 'ok', '10.1']);
    assert.deepEqual(byName.get('Watchdog'), ['50h', 'ns', '46.1', 'Event-Only']);
    assert.deepEqual(byName.get('Builtin FRU'), ['00h', 'ns', '7.1', 'Logical FRU @00h']);
    assert.deepEqual(byName.get('Test BMC'), ['00h', 'ok', '46.1', 'Dynamic MC @ 20h']);
  });

  it('sensor get shows the thresholds and hysteresis our factors encode', async () => {
    const out = await ipmitool('sensor', 'get', '12V');
    for (const l of [
      'Sensor Type (Threshold)  : Voltage',
      'Lower Non-Recoverable : 10.200',
      'Lower Critical        : 10.800',
      'Lower Non-Critical    : 11.280',
      'Upper Non-Critical    : 12.720',
      'Upper Critical        : 13.200',
      'Upper Non-Recoverable : 13.800',
      'Positive Hysteresis   : 0.120',
    ])
      assert.ok(out.includes(l), `missing "${l}" in\n${out}`);
  });
});
