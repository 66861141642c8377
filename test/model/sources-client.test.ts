import assert from 'node:assert/strict';
import { VirtualBmc } from '../../src/bmc/device';
import { standardHandlers } from '../../src/bmc/handlers';
import { sessionHandlers } from '../../src/bmc/handlers/session';
import { loadProfileRef } from '../../src/profile';
import type { ProfileSpec } from '../../src/profile/types';
import { silentLogger } from '../../src/lib/logger';
import { ManualClock } from '../../src/lib/clock';
import { CimError, CompletionCodeError } from '../../src/lib/errors';
import { BmcDevice, connect } from '../../src/client';
import { ChassisControlOp } from '../../src/codec/commands/chassis/chassis-control';
import type { PrivilegeName } from '../../src/codec/message/netfn';
import { ClientSource, guidText, repositoryForDevices } from '../../src/model/sources/client';
import type { CimInstance } from '../../src/model/types';

/**
 * ClientSource over the in-process link to a virtual BMC built from profiles/generic-1u.yaml
 * with every handler, on a manual clock so readings hold still. Expected raw values are the
 * profile's values through the SDR conversion (v2.0 §36.3: y = (M·x + B·10^K1)·10^K2), worked
 * out below from the profile's factors.
 */
const START = Date.UTC(2026, 5, 1, 12);
const BMC = { ownerId: 0x20, lun: 0 };
// "BB +12.0V" (number D0h): M 53, B -98, K2 -3. Initial 12.145 V = (53·231 - 98)/1000, so raw 231;
// thresholds lcr 10.29 -> 196, lnc 10.661 -> 203, unc 12.94 -> 246, ucr 13.258 -> 252.
const V12 = { ...BMC, sensorNumber: 0xd0 };
const V12_THRESHOLDS = { lowerCritical: 196, lowerNonCritical: 203, upperNonCritical: 246, upperCritical: 252 };

function profile(): ProfileSpec {
  return { ...loadProfileRef('generic-1u'), users: [{ name: 'admin', password: 'password', privilege: 'administrator' }] } as ProfileSpec;
}
function virtualBmc(): VirtualBmc {
  return new VirtualBmc({ name: 'generic', profile: profile(), log: silentLogger, handlers: [...standardHandlers, ...sessionHandlers], clock: new ManualClock(START) });
}
function sourceOver(bmc: VirtualBmc, privilege?: PrivilegeName): ClientSource {
  return new ClientSource('rack1', new BmcDevice(connect({ kind: 'in-process', bmc, privilege })), { privilege });
}
const cc = (code: number, text: RegExp) => (e: unknown) => e instanceof CompletionCodeError && e.completionCode === code && text.test(e.message);

describe('model: ClientSource over a virtual BMC (generic-1u, in-process link)', () => {
  let bmc: VirtualBmc;
  let src: ClientSource;
  beforeEach(() => {
    bmc = virtualBmc();
    src = sourceOver(bmc);
  });
  afterEach(() => bmc.close());

  it('guidText turns IPMI wire order back into RFC 4122 text (v2.0 §20.8)', () => {
    assert.equal(guidText(VirtualBmc.guidWire('87de22a8-f8f3-54c2-8264-014238bc8db3')), '87de22a8-f8f3-54c2-8264-014238bc8db3');
    assert.equal(guidText(Buffer.from('00112233445566778899aabbccddeeff', 'hex')), 'ffeeddcc-bbaa-9988-7766-554433221100');
  });

  it('identity: Get Device ID fields and both GUIDs as the profile states them', async () => {
    const id = await src.identity();
    const p = profile().identity;
    assert.equal(id.deviceId.manufacturerId, 343);
    assert.equal(id.deviceId.productId, 0x0b2c);
    assert.equal(id.deviceId.firmware.major, 2);
    assert.equal(id.deviceId.firmwareMinor, 48);
    assert.equal(id.systemGuid, p.systemGuid);
    assert.equal(id.deviceGuid, p.guid);
    assert.equal(id.bmcAddress, undefined);
  });

  it('sdrs: the decoded repository, full threshold sensors in profile order', async () => {
    const sdrs = await src.sdrs();
    const full = sdrs.filter((r) => r.kind === 'full').map((r) => (r as { idString: string }).idString);
    assert.deepEqual(full, [
      'BB P1 VR Temp', 'Front Panel Temp', 'SSB Temp', 'BB BMC Temp', 'Exit Air Temp', 'LAN NIC Temp',
      'System Fan 1', 'System Fan 2', 'System Fan 3', 'System Fan 4', 'System Fan 5', 'System Fan 6',
      'PS1 Input Power', 'PS2 Input Power', 'PS1 Curr Out %', 'PS2 Curr Out %', 'P1 Therm Margin', 'P2 Therm Margin',
      'DIMM Thrm Mrgn 1', 'DIMM Thrm Mrgn 2', 'DIMM Thrm Mrgn 3', 'DIMM Thrm Mrgn 4', 'BB +12.0V', 'BB +3.3V Vbat',
    ]);
    assert.deepEqual(sdrs.flatMap((r) => (r.kind === 'fruDeviceLocator' ? [r.fruDeviceId] : [])), [0, 2, 3]);
  });

  it('readSensor: Get Sensor Reading byte 2 and flags; bytes 4-5 as sent', async () => {
    // Byte 4 [7:6] are reserved and sent as 1b by this BMC (ipmitool's sensor list shows "0xc0").
    assert.deepEqual(await src.readSensor(V12), { raw: 231, eventMessagesEnabled: true, scanningEnabled: true, unavailable: false, states: 0xc0 });
    // "Fan 1 Present" (40h) answers 00 c0 02 80: Device Present, offset 1 of the generic Device
    // Presence type (v2.0 Table 42-2); byte 5 [7] is reserved and dropped.
    assert.deepEqual(await src.readSensor({ ...BMC, sensorNumber: 0x40 }), { raw: 0, eventMessagesEnabled: true, scanningEnabled: true, unavailable: false, states: 0x0002 });
  });

  it('readThresholds, setSensorThresholds: the readable mask, then only the thresholds given', async () => {
    assert.deepEqual(await src.readThresholds(V12), V12_THRESHOLDS);
    await src.setSensorThresholds(V12, { upperCritical: 250 });
    assert.deepEqual(await src.readThresholds(V12), { ...V12_THRESHOLDS, upperCritical: 250 });
  });

  it('sensors behind another controller answer D3h without a request (no bridging)', async () => {
    const sent = src.device.client.stats.sent;
    const other = { ownerId: 0x2c, lun: 0, sensorNumber: 1 };
    await assert.rejects(src.readSensor(other), cc(0xd3, /^Get Sensor Reading: Destination unavailable: owner 0x2c needs a bridged request/));
    await assert.rejects(src.readThresholds(other), cc(0xd3, /^Get Sensor Thresholds: /));
    await assert.rejects(src.raw({ netFn: 6, cmd: 1, lun: 0, responderAddress: 0x2c, data: Buffer.alloc(0) }), cc(0xd3, /^NetFn 0x6 command 0x1: /));
    assert.equal(src.device.client.stats.sent, sent);
  });

  it('selInfo and selEntries: the profile SEL (4 entries of 3639)', async () => {
    assert.deepEqual(await src.selInfo(), {
      version: 0x51,
      entries: 4,
      freeSpace: (3639 - 4) * 16,
      lastAddTimestamp: START / 1000,
      lastEraseTimestamp: 0xffffffff,
      overflow: false,
    });
    const sel = await src.selEntries();
    assert.deepEqual(
      sel.map((r) => (r.kind === 'system' ? [r.recordId, r.timestamp, r.sensorNumber, r.eventDirType.deassertion] : r.kind)),
      [
        [1, START / 1000 - 2592000, 0x07, false],
        [2, START / 1000 - 864000, 0x51, false],
        [3, START / 1000 - 863880, 0x51, true],
        [4, START / 1000 - 3600, 0x09, false],
      ],
    );
    // Read again: unchanged entries are the same objects (the model keeps their mapping).
    assert.equal((await src.selEntries())[0], sel[0]);
  });

  it('clearSel erases the SEL; the BMC then logs "Log area reset/cleared" (v2.0 Table 42-3, type 10h offset 02h)', async () => {
    const before = await src.selEntries();
    await src.clearSel();
    const info = await src.selInfo();
    assert.deepEqual([info.entries, info.lastEraseTimestamp], [1, START / 1000]);
    const after = await src.selEntries();
    assert.deepEqual(
      after.map((r) => (r.kind === 'system' ? [r.recordId, r.sensorType, r.sensorNumber, r.eventData1 & 0x0f] : r.kind)),
      [[1, 0x10, 0x07, 0x02]],
    );
    // The erase was seen: the entry is read anew, not taken from the incremental cache.
    assert.notEqual(after[0], before[0]);
  });

  it('readFru: FRU 0 and the PSU FRUs; an absent device is undefined', async () => {
    assert.equal((await src.readFru(0))?.board?.manufacturer, 'Intel Corporation');
    assert.equal((await src.readFru(0))?.product?.assetTag, 'generic-1u');
    assert.equal((await src.readFru(3))?.product?.serialNumber, 'E98791D0000000002');
    assert.equal(await src.readFru(1), undefined);
  });

  it('chassisStatus and chassisControl by ChassisControlOp value', async () => {
    assert.equal((await src.chassisStatus()).power.on, true);
    await src.chassisControl(ChassisControlOp.powerDown);
    assert.equal((await src.chassisStatus()).power.on, false);
    assert.equal(bmc.chassis.isOn, false);
    await src.chassisControl(ChassisControlOp.powerUp);
    assert.equal(bmc.chassis.isOn, true);
  });

  it('users: every slot, with access on the LAN (1) and serial (2) channels', async () => {
    const users = await src.users();
    assert.equal(users.length, 15);
    const none = (channel: number) => ({ channel, privilegeLimit: 0x0f, ipmiMessaging: false, linkAuth: false, callbackOnly: false });
    assert.deepEqual(users[0], { id: 1, name: '', enabled: false, channels: [none(1), none(2)] });
    const admin = (channel: number) => ({ channel, privilegeLimit: 4, ipmiMessaging: true, linkAuth: true, callbackOnly: false });
    assert.deepEqual(users[1], { id: 2, name: 'admin', enabled: true, channels: [admin(1), admin(2)] });
    assert.deepEqual(users.slice(2).map((u) => [u.name, u.enabled]), Array.from({ length: 13 }, () => ['', false]));
  });

  it('raw: the completion code is returned, not thrown', async () => {
    const id = await src.raw({ netFn: 0x06, cmd: 0x01, lun: 0, responderAddress: 0x20, data: Buffer.alloc(0) });
    assert.equal(id.completionCode, 0);
    assert.equal(id.data[0], 0x20);
    // Manufacturer ID bytes 7-9, LS first: 343 = 00 01 57h.
    assert.deepEqual([...id.data.subarray(6, 9)], [0x57, 0x01, 0x00]);
    const bad = await src.raw({ netFn: 0x06, cmd: 0xfe, lun: 0, responderAddress: 0x20, data: Buffer.alloc(0) });
    assert.deepEqual(bad, { completionCode: 0xc1, data: Buffer.alloc(0) });
  });

  it("a User-privilege link: the source says so, and what needs Operator fails with the BMC's code", async () => {
    const user = sourceOver(bmc, 'user');
    assert.equal(user.privilege, 'user');
    assert.equal(src.privilege, 'administrator');
    await assert.rejects(user.users(), cc(0xd4, /^Get User Access: Insufficient privilege level/));
    await assert.rejects(user.chassisControl(ChassisControlOp.powerDown), cc(0xd4, /^Chassis Control: /));
    assert.equal((await user.readSensor(V12)).raw, 231);
  });
});

describe('model: repositoryForDevices over in-process virtual BMCs', () => {
  let bmc: VirtualBmc;
  beforeEach(() => (bmc = virtualBmc()));
  afterEach(() => bmc.close());

  const all = async (it: AsyncIterable<CimInstance>) => {
    const out: CimInstance[] = [];
    for await (const i of it) out.push(i);
    return out;
  };
  const repoOf = () => repositoryForDevices([{ name: 'rack1', device: new BmcDevice(connect({ kind: 'in-process', bmc })) }]);
  const V12_KEYS = { SystemCreationClassName: 'ComputerSystem', SystemName: 'rack1', CreationClassName: 'NumericSensor', DeviceID: '208.0.32' };

  it('NumericSensor "BB +12.0V": reading and thresholds in units of 10^-3 V', async () => {
    const p = (await repoOf().get('NumericSensor', V12_KEYS)).properties;
    assert.deepEqual(
      {
        Name: p.Name, BaseUnits: p.BaseUnits, UnitModifier: p.UnitModifier, CurrentReading: p.CurrentReading, CurrentState: p.CurrentState,
        LowerThresholdCritical: p.LowerThresholdCritical, LowerThresholdNonCritical: p.LowerThresholdNonCritical,
        UpperThresholdNonCritical: p.UpperThresholdNonCritical, UpperThresholdCritical: p.UpperThresholdCritical,
        SupportedThresholds: p.SupportedThresholds, SettableThresholds: p.SettableThresholds,
      },
      {
        Name: 'BB +12.0V', BaseUnits: 5, UnitModifier: -3, CurrentReading: 12145, CurrentState: 'Normal',
        // 53·196-98, 53·203-98, 53·246-98, 53·252-98.
        LowerThresholdCritical: 10290, LowerThresholdNonCritical: 10661, UpperThresholdNonCritical: 12940, UpperThresholdCritical: 13258,
        SupportedThresholds: [0, 1, 2, 3], SettableThresholds: [0, 1, 2, 3],
      },
    );
  });

  it('one instance per sensor, ComputerSystem, RecordLog, LogRecords, FRU packages and the admin account', async () => {
    const repo = repoOf();
    assert.equal((await all(repo.enumerate('NumericSensor'))).length, 24);
    assert.equal((await all(repo.enumerate('Sensor'))).length, 24);
    const cs = (await all(repo.enumerate('ComputerSystem')))[0].properties;
    assert.deepEqual([cs.Name, cs.EnabledState, cs.OtherIdentifyingInfo], ['rack1', 2, [profile().identity.systemGuid, profile().identity.guid, '32', '1', '343', '2860', '2.48', '2.0']]);
    const log = (await all(repo.enumerate('RecordLog')))[0].properties;
    assert.deepEqual([log.InstanceID, log.CurrentNumberOfRecords, log.MaxNumberOfRecords], ['IPMI:rack1:SEL', 4, 3639]);
    assert.deepEqual(
      (await all(repo.enumerate('LogRecord'))).map((r) => r.properties.Caption),
      ['Event Logging Disabled Assert: Log area reset/cleared', 'Power Supply Assert: Power Supply AC lost', 'Power Supply Deassert: Power Supply AC lost', 'Button Assert: Power Button pressed'],
    );
    assert.deepEqual((await all(repo.enumerate('CIM_PhysicalElement'))).map((i) => i.properties.Tag), ['IPMI:rack1:FRU:0:chassis', 'IPMI:rack1:FRU:0:board', 'IPMI:rack1:FRU:2', 'IPMI:rack1:FRU:3']);
    assert.deepEqual((await all(repo.enumerate('Account'))).map((i) => i.properties.Name), ['admin']);
  });

  it('Put of UpperThresholdNonCritical sends the nearest raw value; ClearLog and RequestStateChange(3) reach the BMC', async () => {
    const repo = repoOf();
    // 12500 mV: (12500 + 98) / 53 = 237.7, nearest raw 238 = 53·238 - 98 = 12516 (the NonCritical thresholds are the writable ones, CIM_NumericSensor MOF).
    const after = await repo.put('NumericSensor', V12_KEYS, { UpperThresholdNonCritical: 12500 });
    assert.equal(after.properties.UpperThresholdNonCritical, 12516);
    assert.deepEqual(await sourceOver(bmc).readThresholds(V12), { ...V12_THRESHOLDS, upperNonCritical: 238 });

    assert.deepEqual(await repo.invoke('RecordLog', { InstanceID: 'IPMI:rack1:SEL' }, 'ClearLog', {}), { returnValue: 0, out: {} });
    assert.equal(bmc.sel.count, 1);
    assert.deepEqual((await all(repo.enumerate('LogRecord'))).map((r) => r.properties.Caption), ['Event Logging Disabled Assert: Log area reset/cleared']);

    const r = await repo.invoke('ComputerSystem', { CreationClassName: 'ComputerSystem', Name: 'rack1' }, 'RequestStateChange', { RequestedState: 3 });
    assert.equal(r.returnValue, 0);
    assert.equal(bmc.chassis.isOn, false);
    assert.equal((await repo.get('ComputerSystem', { CreationClassName: 'ComputerSystem', Name: 'rack1' })).properties.EnabledState, 3);
  });

  it('a Put the BMC refuses is a CimError naming the device and the command', async () => {
    const repo = repositoryForDevices([{ name: 'rack1', device: new BmcDevice(connect({ kind: 'in-process', bmc, privilege: 'user' })), privilege: 'user' }]);
    await assert.rejects(
      repo.put('NumericSensor', V12_KEYS, { UpperThresholdNonCritical: 12500 }),
      (e: unknown) => e instanceof CimError && e.message === 'rack1: Set Sensor Thresholds: Insufficient privilege level (0xd4)',
    );
  });

  it('names must be unique', () => {
    const device = new BmcDevice(connect({ kind: 'in-process', bmc }));
    assert.throws(() => repositoryForDevices([{ name: 'a', device }, { name: 'a', device }]), /device a is already in the model/);
  });
});
