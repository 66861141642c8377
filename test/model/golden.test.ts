import assert from 'node:assert/strict';
import { Repository } from '../../src/model/repository';
import type { CimInstance } from '../../src/model/types';
import { FixtureSource, SYSTEM_GUID } from './fixture-source';
import { full, physicalProperties, windowsProperties } from './windows-classes';

/**
 * Golden instances: every property of every class the fixture BMC produces, exact values.
 * Sensor names, readings (value x 10^UnitModifier), thresholds, FRU fields and SEL events are
 * those ipmitool printed for the same ipmi_sim BMC (shared/peers/ipmi_sim/outputs: sensor_list,
 * sdr_elist_full, fru_print, sel_elist, mc_info, mc_guid; copied below as the facts they are).
 */

// `ipmitool -I lan sensor list` against ipmi_sim (outputs/lan.sensor_list.txt):
// name | reading | unit | status | lnr | lcr | lnc | unc | ucr | unr
const IPMITOOL_SENSOR_LIST = `
CPU Temp         | 48.000     | degrees C  | ok    | na        | 5.000     | 10.000    | 85.000    | 95.000    | 105.000
Inlet Temp       | 24.000     | degrees C  | ok    | na        | 2.000     | 5.000     | 42.000    | 50.000    | 60.000
FAN1             | 5200.000   | RPM        | ok    | 500.000   | 800.000   | 1000.000  | na        | na        | na
FAN2             | 4900.000   | RPM        | ok    | 500.000   | 800.000   | 1000.000  | na        | na        | na
12V              | 12.060     | Volts      | ok    | 10.200    | 10.800    | 11.280    | 12.720    | 13.200    | 13.800
3.3V             | 3.320      | Volts      | ok    | 2.800     | 2.960     | 3.100     | 3.500     | 3.640     | 3.800`;

async function all(repo: Repository, cls: string): Promise<CimInstance[]> {
  const out: CimInstance[] = [];
  for await (const i of repo.enumerate(cls)) out.push(i);
  return out;
}
const byName = (list: CimInstance[], name: string) => {
  const i = list.find((x) => x.properties.Name === name || x.properties.ElementName === name);
  assert.ok(i, `no instance named ${name}`);
  return i;
};

const SENSOR_COMMON = {
  SystemCreationClassName: 'ComputerSystem',
  SystemName: 'bmc1',
  EnabledDefault: 2,
  RequestedState: 12,
  IdentifyingDescriptions: ['IPMI Entity ID', 'IPMI Entity Instance'],
  PollingInterval: 5_000_000_000,
};
const OK = { HealthState: 5, OperationalStatus: [2], StatusDescriptions: ['OK'], Status: 'OK' };

describe('model: golden instances of the fixture BMC (windows-compatible semantics)', () => {
  const repo = new Repository({ sources: [new FixtureSource('bmc1')] });

  it('NumericSensor "CPU Temp": every property', async () => {
    const cpu = byName(await all(repo, 'NumericSensor'), 'CPU Temp');
    assert.equal(cpu.className, 'NumericSensor');
    assert.equal(cpu.namespace, 'root/hardware');
    assert.deepEqual(
      cpu.properties,
      full(windowsProperties('CIM_NumericSensor'), {
        ...SENSOR_COMMON,
        ...OK,
        CreationClassName: 'NumericSensor',
        DeviceID: '1.0.32',
        Name: 'CPU Temp',
        ElementName: 'CPU Temp',
        Caption: 'Temperature(1.0.32)',
        Description: 'CPU Temp(1.0.32):Temperature for Processor 1',
        OtherIdentifyingInfo: ['3', '1'],
        SensorType: 2,
        BaseUnits: 2,
        UnitModifier: 0,
        RateUnits: 0,
        CurrentReading: 48,
        NominalReading: 45,
        MaxReadable: 255,
        MinReadable: 0,
        Resolution: 1,
        Tolerance: 0,
        Accuracy: 0,
        IsLinear: true,
        Hysteresis: 2,
        LowerThresholdNonCritical: 10,
        UpperThresholdNonCritical: 85,
        LowerThresholdCritical: 5,
        UpperThresholdCritical: 95,
        UpperThresholdFatal: 105,
        SupportedThresholds: [0, 1, 2, 3, 5],
        SettableThresholds: [0, 1, 2, 3, 5],
        EnabledThresholds: [0, 1, 2, 3, 5],
        PossibleStates: ['Unknown', 'Normal', 'Lower Non-Critical', 'Upper Non-Critical', 'Lower Critical', 'Upper Critical', 'Upper Fatal'],
        CurrentState: 'Normal',
        EnabledState: 2,
      }),
    );
  });

  it('NumericSensor "12V": M=6, K2=-2 published at UnitModifier -2', async () => {
    const v = byName(await all(repo, 'NumericSensor'), '12V');
    assert.deepEqual(
      v.properties,
      full(windowsProperties('CIM_NumericSensor'), {
        ...SENSOR_COMMON,
        ...OK,
        CreationClassName: 'NumericSensor',
        DeviceID: '5.0.32',
        Name: '12V',
        ElementName: '12V',
        Caption: 'Voltage(5.0.32)',
        Description: '12V(5.0.32):Voltage for System Board 1',
        OtherIdentifyingInfo: ['7', '1'],
        SensorType: 3,
        BaseUnits: 5,
        UnitModifier: -2,
        RateUnits: 0,
        CurrentReading: 1206,
        NominalReading: 1200,
        MaxReadable: 1530,
        MinReadable: 0,
        Resolution: 6,
        Tolerance: 0,
        Accuracy: 0,
        IsLinear: true,
        Hysteresis: 12,
        LowerThresholdNonCritical: 1128,
        UpperThresholdNonCritical: 1272,
        LowerThresholdCritical: 1080,
        UpperThresholdCritical: 1320,
        LowerThresholdFatal: 1020,
        UpperThresholdFatal: 1380,
        SupportedThresholds: [0, 1, 2, 3, 4, 5],
        SettableThresholds: [0, 1, 2, 3, 4, 5],
        EnabledThresholds: [0, 1, 2, 3, 4, 5],
        PossibleStates: ['Unknown', 'Normal', 'Lower Non-Critical', 'Upper Non-Critical', 'Lower Critical', 'Upper Critical', 'Lower Fatal', 'Upper Fatal'],
        CurrentState: 'Normal',
        EnabledState: 2,
      }),
    );
  });

  it('every NumericSensor agrees with `ipmitool sensor list` (names, readings and thresholds x 10^UnitModifier)', async () => {
    const sensors = await all(repo, 'NumericSensor');
    const scaled = (i: CimInstance, p: string) => {
      const v = i.properties[p];
      return v === null ? 'na' : (Number(v) * 10 ** Number(i.properties.UnitModifier)).toFixed(3);
    };
    const rows = IPMITOOL_SENSOR_LIST.trim().split('\n').map((l) => l.split('|').map((x) => x.trim()));
    assert.deepEqual(sensors.map((s) => s.properties.Name), rows.map((r) => r[0]));
    for (const [name, reading, , status, lnr, lcr, lnc, unc, ucr, unr] of rows) {
      const s = byName(sensors, name);
      assert.deepEqual(
        [scaled(s, 'CurrentReading'), status, ...['LowerThresholdFatal', 'LowerThresholdCritical', 'LowerThresholdNonCritical', 'UpperThresholdNonCritical', 'UpperThresholdCritical', 'UpperThresholdFatal'].map((p) => scaled(s, p))],
        [reading, s.properties.CurrentState === 'Normal' ? 'ok' : 'not ok', lnr, lcr, lnc, unc, ucr, unr],
        name,
      );
    }
  });

  it('Sensor "PS1 Status" (sensor-specific 6Fh, power supply): PossibleStates from the reading mask, CurrentState from the state bits', async () => {
    const ps = byName(await all(repo, 'Sensor'), 'PS1 Status');
    assert.deepEqual(
      ps.properties,
      full(windowsProperties('CIM_Sensor'), {
        ...SENSOR_COMMON,
        ...OK,
        CreationClassName: 'Sensor',
        DeviceID: '16.0.32',
        Name: 'PS1 Status',
        ElementName: 'PS1 Status',
        Caption: 'Power Supply(16.0.32)',
        Description: 'PS1 Status(16.0.32):Power Supply for Power Supply 1',
        OtherIdentifyingInfo: ['10', '1'],
        SensorType: 1,
        OtherSensorTypeDescription: 'Power Supply',
        PossibleStates: ['Unknown', 'Normal', 'Presence detected', 'Failure detected', 'Power Supply AC lost'],
        CurrentState: 'Presence detected',
        EnabledState: 2,
      }),
    );
  });

  it('Sensor "SEL" (event-only record): no reading, so no state and no health; EnabledState keeps 5', async () => {
    const sel = byName(await all(repo, 'Sensor'), 'SEL');
    assert.deepEqual(
      sel.properties,
      full(windowsProperties('CIM_Sensor'), {
        ...SENSOR_COMMON,
        CreationClassName: 'Sensor',
        DeviceID: '114.0.32',
        Name: 'SEL',
        ElementName: 'SEL',
        Caption: 'Event Logging Disabled(114.0.32)',
        Description: 'SEL(114.0.32):Event Logging Disabled for System Board 1',
        OtherIdentifyingInfo: ['7', '1'],
        SensorType: 1,
        OtherSensorTypeDescription: 'Event Logging Disabled',
        PossibleStates: [
          'Unknown', 'Normal', 'Correctable memory error logging disabled', 'Event logging disabled', 'Log area reset/cleared',
          'All event logging disabled', 'Log full', 'Log almost full',
        ],
        EnabledState: 5,
      }),
    );
  });

  it('a shared compact record gives one Sensor per share: "DIMM A" and "DIMM B", numbers 32 and 33, entity instances 1 and 2', async () => {
    const s = await all(repo, 'Sensor');
    const a = byName(s, 'DIMM A');
    const b = byName(s, 'DIMM B');
    assert.deepEqual([a.properties.DeviceID, a.properties.OtherIdentifyingInfo, a.properties.CurrentState, a.properties.HealthState], ['32.0.32', ['32', '1'], 'Presence Detected', 5]);
    assert.deepEqual([b.properties.DeviceID, b.properties.OtherIdentifyingInfo, b.properties.CurrentState, b.properties.HealthState, b.properties.OperationalStatus], [
      '33.0.32',
      ['32', '2'],
      'Correctable ECC',
      10,
      [3],
    ]);
  });

  it('ComputerSystem: identity (mc info, mc guid), power on (chassis status)', async () => {
    const [cs] = await all(repo, 'ComputerSystem');
    assert.deepEqual(
      cs.properties,
      full(windowsProperties('CIM_ComputerSystem'), {
        ...OK,
        CreationClassName: 'ComputerSystem',
        Name: 'bmc1',
        NameFormat: 'Other',
        ElementName: 'bmc1',
        Caption: 'IPMI Baseboard Management Controller',
        Description: 'IPMI 2.0 BMC, manufacturer 41651, product 4660, firmware 2.05',
        Dedicated: [14],
        IdentifyingDescriptions: ['CIM:GUID', 'IPMI:DeviceID', 'IPMI:DeviceRevision', 'IPMI:ManufacturerID', 'IPMI:ProductID', 'IPMI:FirmwareRevision', 'IPMI:IPMIVersion'],
        OtherIdentifyingInfo: [SYSTEM_GUID, '32', '1', '41651', '4660', '2.05', '2.0'],
        ResetCapability: 4,
        EnabledState: 2,
        RequestedState: 12,
        EnabledDefault: 2,
      }),
    );
  });

  it('RecordLog: Get SEL Info (4 entries, 4032 bytes free)', async () => {
    const [log] = await all(repo, 'RecordLog');
    assert.deepEqual(
      log.properties,
      full(windowsProperties('CIM_RecordLog'), {
        ...OK,
        InstanceID: 'IPMI:bmc1:SEL',
        Name: 'IPMI:bmc1:SEL',
        ElementName: 'IPMI System Event Log',
        Caption: 'IPMI SEL',
        Description: 'System Event Log of bmc1',
        CurrentNumberOfRecords: 4,
        MaxNumberOfRecords: 256,
        EnabledState: 5,
        RequestedState: 12,
        EnabledDefault: 2,
      }),
    );
  });

  it('LogRecord 1: the threshold event `sel elist` shows as "Upper Non-critical going high | Asserted | Reading 90 > Threshold 85 degrees C"', async () => {
    const [r1] = await all(repo, 'LogRecord');
    assert.deepEqual(
      r1.properties,
      full(windowsProperties('CIM_LogRecord'), {
        LogCreationClassName: 'RecordLog',
        LogName: 'IPMI:bmc1:SEL',
        CreationClassName: 'LogRecord',
        RecordID: '1',
        MessageTimestamp: new Date(351_000),
        Caption: 'Temperature Assert: Upper Non-critical - going high',
        Description: 'CPU Temp(1.0.32): Temperature Assert: Upper Non-critical - going high; reading 90 > threshold 85 degrees C',
        RecordFormat:
          '*string CIM_Sensor.DeviceID*uint8[2] IPMI_RecordID*uint8 IPMI_RecordType*uint8[4] IPMI_Timestamp*uint8[2] IPMI_GeneratorID*uint8 IPMI_EvMRev*uint8 IPMI_SensorType*uint8 IPMI_SensorNumber*boolean IPMI_AssertionEvent*uint8 IPMI_EventType*uint8 IPMI_EventData1*uint8 IPMI_EventData2*uint8 IPMI_EventData3*',
        RecordData: '*CPU Temp(1.0.32)*01 00*02*5F 01 00 00*20 00*04*01*01*true*01*57*5A*55*',
      }),
    );
  });

  it('LogRecords 2-4: captions and the trigger readings ipmitool prints', async () => {
    const recs = await all(repo, 'LogRecord');
    assert.deepEqual(
      recs.slice(1).map((r) => [r.properties.RecordID, r.properties.Caption, r.properties.Description]),
      [
        ['2', 'Fan Assert: Lower Critical - going low', 'FAN1(3.0.32): Fan Assert: Lower Critical - going low; reading 750 < threshold 800 RPM'],
        ['3', 'Fan Deassert: Lower Critical - going low', 'FAN1(3.0.32): Fan Deassert: Lower Critical - going low; reading 4500 > threshold 800 RPM'],
        ['4', 'System Event Assert: OEM System boot event', '(0.0.32): System Event Assert: OEM System boot event'],
      ],
    );
  });

  it('SystemSpecificCollection, AdminDomain, RegisteredProfile', async () => {
    const [coll] = await all(repo, 'SystemSpecificCollection');
    assert.deepEqual(
      coll.properties,
      full(windowsProperties('CIM_SystemSpecificCollection'), {
        InstanceID: 'IPMI:bmc1:Sensors',
        ElementName: 'Sensors',
        Caption: 'IPMI sensors',
        Description: 'The sensors of bmc1',
      }),
    );
    const [dom] = await all(repo, 'AdminDomain');
    assert.deepEqual(
      dom.properties,
      full(windowsProperties('CIM_AdminDomain'), {
        CreationClassName: 'AdminDomain',
        Name: 'IPMI',
        NameFormat: 'Other',
        ElementName: 'IPMI management domain',
        Caption: 'IPMI',
        Description: 'The BMCs this bridge manages',
        EnabledState: 5,
        RequestedState: 12,
        EnabledDefault: 2,
      }),
    );
    const profiles = await all(repo, 'RegisteredProfile');
    assert.deepEqual(profiles.map((p) => p.properties.InstanceID), ['DMTF:Sensors:1.0.0', 'DMTF:Record Log:2.0.0', 'DMTF:Physical Asset:1.0.0']);
    assert.deepEqual(
      profiles[0].properties,
      full(windowsProperties('CIM_RegisteredProfile'), {
        InstanceID: 'DMTF:Sensors:1.0.0',
        RegisteredOrganization: 2,
        RegisteredName: 'Sensors',
        RegisteredVersion: '1.0.0',
        ElementName: 'Sensors 1.0.0',
        AdvertiseTypes: [2],
      }),
    );
  });

  it('Account "admin" (user list: ADMINISTRATOR on channel 1); the unnamed null user is not published', async () => {
    const accounts = await all(repo, 'Account');
    assert.deepEqual(accounts.map((a) => a.properties.Name), ['admin', 'operator', 'viewer']);
    assert.deepEqual(
      accounts[0].properties,
      full(windowsProperties('CIM_Account'), {
        SystemCreationClassName: 'ComputerSystem',
        SystemName: 'bmc1',
        CreationClassName: 'Account',
        Name: 'admin',
        UserID: '2',
        ElementName: 'admin',
        Caption: 'IPMI user 2',
        Description: 'enabled',
        Descriptions: ['channel 1: administrator, IPMI messaging'],
        OperationalStatus: [2],
        StatusDescriptions: ['OK'],
      }),
    );
  });

  it('physical inventory from FRU 0 (`fru print`) and FRU 1 (the PSU behind a FRU locator)', async () => {
    const [chassis] = await all(repo, 'CIM_Chassis');
    assert.deepEqual(
      chassis.properties,
      full(physicalProperties('CIM_Chassis'), {
        Tag: 'IPMI:bmc1:FRU:0:chassis',
        CreationClassName: 'CIM_Chassis',
        ElementName: 'VServer 1000',
        Caption: 'Chassis',
        Manufacturer: 'Acme Virtual',
        Model: 'VServer 1000',
        SKU: 'PN-1000',
        Version: 'v1',
        UserTracking: 'asset-007',
        PartNumber: 'CH-0001',
        SerialNumber: 'VCHASSIS-SN-42',
        ChassisTypes: [23], // "Rack Mount Chassis"
        PackageType: 3,
        CanBeFRUed: false,
        SecurityBreach: 3,
        PoweredOn: true,
        RemovalConditions: 2,
      }),
    );
    const [card] = await all(repo, 'CIM_Card');
    assert.deepEqual(
      card.properties,
      full(physicalProperties('CIM_Card'), {
        Tag: 'IPMI:bmc1:FRU:0:board',
        CreationClassName: 'CIM_Card',
        ElementName: 'VBMC Board',
        Caption: 'Board',
        Manufacturer: 'Acme Virtual',
        Model: 'VBMC Board',
        SerialNumber: 'BRD-SN-0001',
        PartNumber: 'BRD-PN-1',
        // `fru print`: "Board Mfg Date : Wed Feb 24 01:39:00 2016 UTC"
        ManufactureDate: new Date(Date.UTC(2016, 1, 24, 1, 39)),
        HostingBoard: true,
        PackageType: 9,
        CanBeFRUed: true,
        PoweredOn: true,
        RemovalConditions: 2,
      }),
    );
    const packages = await all(repo, 'CIM_PhysicalPackage');
    const psu = packages.find((p) => p.className === 'CIM_PhysicalPackage')!;
    assert.deepEqual(
      psu.properties,
      full(physicalProperties('CIM_PhysicalPackage'), {
        Tag: 'IPMI:bmc1:FRU:1',
        CreationClassName: 'CIM_PhysicalPackage',
        ElementName: 'PSU 800W',
        Caption: 'PSU1 FRU',
        Manufacturer: 'Acme Power',
        Model: 'PSU 800W',
        SKU: 'PSU-800',
        Version: 'A1',
        SerialNumber: 'PSU-SN-77',
        PackageType: 6,
        CanBeFRUed: true,
        RemovalConditions: 2,
      }),
    );
  });

  it('Microsoft_IPMI (root/wmi)', async () => {
    const [m] = await all(repo, 'Microsoft_IPMI');
    assert.deepEqual(m, { className: 'Microsoft_IPMI', namespace: 'root/wmi', properties: { BMCAddress: 32, InstanceName: 'bmc1' } });
  });

  it('CIM_ManagedElement enumerates every root/hardware instance polymorphically, device classes in provider order', async () => {
    const got = (await all(repo, 'CIM_ManagedElement')).map((i) => i.className);
    const count = (c: string) => got.filter((x) => x === c).length;
    assert.equal(got.length, 1 + 3 + 1 + 6 + 7 + 1 + 4 + 1 + 3 + 3);
    assert.deepEqual(
      [count('AdminDomain'), count('RegisteredProfile'), count('ComputerSystem'), count('NumericSensor'), count('Sensor'), count('RecordLog'), count('LogRecord'), count('SystemSpecificCollection')],
      [1, 3, 1, 6, 7, 1, 4, 1],
    );
    assert.ok(!got.includes('Microsoft_IPMI'));
    // Shallow enumeration of an abstract parent: nothing (WMI semantics).
    const shallow: CimInstance[] = [];
    for await (const i of repo.enumerate('CIM_NumericSensor', { deep: false })) shallow.push(i);
    assert.deepEqual(shallow, []);
  });
});

describe('model: golden instances under DMTF 2.41 semantics', () => {
  const repo = new Repository({ sources: [new FixtureSource('bmc1')], semantics: 'dmtf' });
  it('classes are the CIM_ ones; 2.41 properties are filled (LogState, OverwritePolicy, PrimaryStatus, CommunicationStatus)', async () => {
    const [log] = await all(repo, 'RecordLog');
    assert.equal(log.className, 'CIM_RecordLog');
    assert.deepEqual([log.properties.LogState, log.properties.OverwritePolicy, log.properties.PrimaryStatus, log.properties.CommunicationStatus], [2, 7, 1, 2]);
    const intrusion = byName(await all(repo, 'CIM_Sensor'), 'Intrusion');
    assert.equal(intrusion.className, 'CIM_Sensor');
    assert.equal(intrusion.properties.SensorType, 16);
    assert.equal(intrusion.properties.CreationClassName, 'CIM_Sensor');
    assert.equal(intrusion.properties.SystemCreationClassName, 'CIM_ComputerSystem');
    const [cs] = await all(repo, 'ComputerSystem');
    assert.deepEqual([cs.className, cs.properties.Dedicated, cs.properties.OperatingStatus], ['CIM_ComputerSystem', [28], 16]);
    const [r1] = await all(repo, 'LogRecord');
    assert.deepEqual([r1.properties.PerceivedSeverity, r1.properties.LogCreationClassName], [3, 'CIM_RecordLog']);
  });
});
