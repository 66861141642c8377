import assert from 'node:assert/strict';
import { CimError, CimStatus } from '../../src/lib/errors';
import { Repository } from '../../src/model/repository';
import { likeToRegExp } from '../../src/model/wql';
import type { CimInstance } from '../../src/model/types';
import { FixtureSource } from './fixture-source';

/** A short label per instance: class and its most telling name. */
function label(i: CimInstance): string {
  const p = i.properties;
  const n = p.DeviceID ?? p.RecordID ?? p.Tag ?? p.InstanceID ?? p.Name ?? p.InstanceName;
  return `${i.className}:${String(n)}`;
}
async function run(repo: Repository, q: string): Promise<string[]> {
  const out: string[] = [];
  for await (const i of repo.query(q)) out.push(label(i));
  return out;
}

describe('model: WQL queries against the fixture BMC', () => {
  const repo = new Repository({ sources: [new FixtureSource('bmc1')] });
  const S = (ids: string[]) => ids.map((d) => `NumericSensor:${d}`);
  const table: Array<[string, string[]]> = [
    ['SELECT * FROM CIM_NumericSensor', S(['1.0.32', '2.0.32', '3.0.32', '4.0.32', '5.0.32', '6.0.32'])],
    ['select * from numericsensor where sensortype = 2', S(['1.0.32', '2.0.32'])],
    ['SELECT * FROM NumericSensor WHERE SensorType = "5"', S(['3.0.32', '4.0.32'])],
    ['SELECT * FROM CIM_NumericSensor WHERE CurrentReading > 1000', S(['3.0.32', '4.0.32', '5.0.32'])],
    ['SELECT * FROM CIM_NumericSensor WHERE 1000 < CurrentReading AND UnitModifier = 0', S(['3.0.32', '4.0.32'])],
    ['SELECT * FROM CIM_NumericSensor WHERE CurrentReading >= 1206 OR CurrentReading <= 24', S(['2.0.32', '3.0.32', '4.0.32', '5.0.32'])],
    ['SELECT * FROM CIM_NumericSensor WHERE UnitModifier <> 0', S(['5.0.32', '6.0.32'])],
    ['SELECT * FROM CIM_NumericSensor WHERE UnitModifier != 0 AND NOT (ElementName = "12v")', S(['6.0.32'])],
    ['SELECT * FROM CIM_NumericSensor WHERE Name LIKE "%Temp"', S(['1.0.32', '2.0.32'])],
    ['SELECT * FROM CIM_NumericSensor WHERE Name LIKE "FAN_"', S(['3.0.32', '4.0.32'])],
    ['SELECT * FROM CIM_NumericSensor WHERE Name LIKE "[0-9]%"', S(['5.0.32', '6.0.32'])],
    ['SELECT * FROM CIM_NumericSensor WHERE Name LIKE "[^0-9F]%"', S(['1.0.32', '2.0.32'])],
    ['SELECT * FROM CIM_NumericSensor WHERE Name NOT LIKE "%temp%"', S(['3.0.32', '4.0.32', '5.0.32', '6.0.32'])],
    ['SELECT * FROM CIM_NumericSensor WHERE LowerThresholdFatal IS NULL', S(['1.0.32', '2.0.32'])],
    ['SELECT * FROM CIM_NumericSensor WHERE UpperThresholdFatal IS NOT NULL AND UpperThresholdFatal < 200', S(['1.0.32', '2.0.32'])],
    ['SELECT * FROM CIM_NumericSensor WHERE UpperThresholdFatal = NULL', S(['3.0.32', '4.0.32'])],
    ['SELECT * FROM CIM_NumericSensor WHERE IsLinear = TRUE AND Hysteresis = 100', S(['3.0.32', '4.0.32'])],
    ['SELECT * FROM CIM_NumericSensor WHERE IsLinear = FALSE', []],
    ["SELECT * FROM CIM_NumericSensor WHERE Caption = 'Voltage(5.0.32)'", S(['5.0.32'])],
    ['SELECT * FROM CIM_Sensor WHERE __CLASS = "Sensor" AND HealthState <> 5', ['Sensor:33.0.32']],
    ['SELECT * FROM CIM_Sensor WHERE __this ISA "CIM_NumericSensor" AND CurrentState = "Normal" AND SensorType = 3', S(['5.0.32', '6.0.32'])],
    ['SELECT * FROM CIM_Sensor WHERE NOT __this ISA "NumericSensor" AND EnabledState = 5', ['Sensor:114.0.32']],
    ['SELECT * FROM CIM_Sensor WHERE CurrentState IS NULL', ['Sensor:114.0.32']],
    ['SELECT * FROM CIM_Sensor WHERE __SUPERCLASS = "CIM_Sensor" AND SensorType = 1 AND CurrentState LIKE "%detected"', ['Sensor:16.0.32', 'Sensor:18.0.32', 'Sensor:32.0.32']],
    ['SELECT * FROM CIM_LogRecord WHERE MessageTimestamp > "19700101000550.000000+000"', ['LogRecord:1', 'LogRecord:2', 'LogRecord:3', 'LogRecord:4']],
    ['SELECT * FROM LogRecord WHERE MessageTimestamp < "1970-01-01T00:05:51Z"', []],
    ['SELECT * FROM LogRecord WHERE Caption LIKE "Fan %"', ['LogRecord:2', 'LogRecord:3']],
    ['SELECT * FROM CIM_LogicalDevice WHERE DeviceID = "6.0.32" OR DeviceID = "16.0.32"', ['NumericSensor:6.0.32', 'Sensor:16.0.32']],
    ['SELECT * FROM CIM_System', ['AdminDomain:IPMI', 'ComputerSystem:bmc1']],
    ['SELECT * FROM CIM_PhysicalPackage', ['CIM_Chassis:IPMI:bmc1:FRU:0:chassis', 'CIM_Card:IPMI:bmc1:FRU:0:board', 'CIM_PhysicalPackage:IPMI:bmc1:FRU:1']],
    ['SELECT * FROM CIM_Chassis WHERE SerialNumber = "VCHASSIS-SN-42"', ['CIM_Chassis:IPMI:bmc1:FRU:0:chassis']],
    ['SELECT * FROM CIM_Account WHERE UserID > "2"', ['Account:operator', 'Account:viewer']],
    ['SELECT * FROM CIM_RecordLog WHERE CurrentNumberOfRecords = 4', ['RecordLog:IPMI:bmc1:SEL']],
    ['SELECT * FROM Microsoft_IPMI', ['Microsoft_IPMI:bmc1']],
    ['SELECT * FROM CIM_SystemDevice WHERE __CLASS = "Nope"', []],
  ];
  for (const [q, want] of table)
    it(q, async () => {
      assert.deepEqual(await run(repo, q), want);
    });

  it('SELECT with a property list returns only those properties, in that order, marked as a fragment', async () => {
    const got: CimInstance[] = [];
    for await (const i of repo.query('SELECT currentreading, Name FROM NumericSensor WHERE DeviceID = "5.0.32"')) got.push(i);
    assert.deepEqual(got, [
      { className: 'NumericSensor', namespace: 'root/hardware', properties: { CurrentReading: 1206, Name: '12V' }, selected: ['CurrentReading', 'Name'] },
    ]);
  });

  const bad: Array<[string, number, string]> = [
    ['', CimStatus.INVALID_QUERY, 'WQL: at position 1: expected SELECT, ASSOCIATORS OF or REFERENCES OF, found end of query'],
    ['DELETE FROM Sensor', CimStatus.INVALID_QUERY, 'WQL: at position 1: expected SELECT, ASSOCIATORS OF or REFERENCES OF, found "DELETE"'],
    ['SELECT * FORM Sensor', CimStatus.INVALID_QUERY, 'WQL: at position 10: expected FROM, found "FORM"'],
    ['SELECT FROM Sensor', CimStatus.INVALID_QUERY, 'WQL: at position 8: expected "*" or a property name, found "FROM"'],
    ['SELECT Name, FROM Sensor', CimStatus.INVALID_QUERY, 'WQL: at position 14: expected a property name after ",", found "FROM"'],
    ['SELECT Name Caption FROM Sensor', CimStatus.INVALID_QUERY, 'WQL: at position 13: expected "," or FROM, found "Caption"'],
    ['SELECT * FROM NoSuchClass', CimStatus.INVALID_CLASS, 'WQL: at position 15: no class named "NoSuchClass"'],
    ['SELECT Bogus FROM Sensor', CimStatus.INVALID_QUERY, 'WQL: at position 8: class Sensor has no property "Bogus"'],
    ['SELECT * FROM Sensor WHERE CurrentReading > 5', CimStatus.INVALID_QUERY, 'WQL: at position 28: class Sensor has no property "CurrentReading"'],
    ['SELECT * FROM Sensor ORDER BY Name', CimStatus.INVALID_QUERY, 'WQL: at position 22: expected WHERE or end of query, found "ORDER"'],
    ['SELECT * FROM Sensor WHERE', CimStatus.INVALID_QUERY, 'WQL: at position 27: expected a property name, NOT or "(", found end of query'],
    ['SELECT * FROM Sensor WHERE Name', CimStatus.INVALID_QUERY, 'WQL: at position 32: expected a comparison operator, LIKE or IS, found end of query'],
    ['SELECT * FROM Sensor WHERE Name = Caption', CimStatus.INVALID_QUERY, 'WQL: at position 35: expected a literal (string, number, TRUE, FALSE or NULL), found "Caption"'],
    ['SELECT * FROM Sensor WHERE (Name = "x"', CimStatus.INVALID_QUERY, 'WQL: at position 39: expected AND, OR or ")", found end of query'],
    ['SELECT * FROM Sensor WHERE Name = "x" AND', CimStatus.INVALID_QUERY, 'WQL: at position 42: expected a property name, NOT or "(", found end of query'],
    ['SELECT * FROM Sensor WHERE Name = "x', CimStatus.INVALID_QUERY, 'WQL: at position 37: expected closing " of the string opened at position 35, found end of query'],
    ['SELECT * FROM Sensor WHERE Name IS 5', CimStatus.INVALID_QUERY, 'WQL: at position 36: expected NOT or NULL, found "5"'],
    ['SELECT * FROM Sensor WHERE SensorType = "two"', CimStatus.INVALID_QUERY, 'WQL: at position 41: expected a number for SensorType, found string "two"'],
    ['SELECT * FROM Sensor WHERE Name = 5', CimStatus.INVALID_QUERY, 'WQL: at position 35: expected a quoted string for Name, found "5"'],
    ['SELECT * FROM Sensor WHERE Name > NULL', CimStatus.INVALID_QUERY, 'WQL: at position 35: expected a literal other than NULL for >, found "NULL"'],
    ['SELECT * FROM Sensor WHERE PossibleStates = "Normal"', CimStatus.INVALID_QUERY, 'WQL: at position 28: PossibleStates is an array; WQL cannot test array properties'],
    ['SELECT * FROM Sensor WHERE SensorType LIKE "1%"', CimStatus.INVALID_QUERY, 'WQL: at position 39: LIKE needs a string property; SensorType is uint16'],
    ['SELECT * FROM Sensor WHERE Name LIKE "[ab"', CimStatus.INVALID_QUERY, 'WQL: at position 39: expected "]" closing the "[" of the LIKE pattern, found end of pattern'],
    ['SELECT * FROM Sensor WHERE __PATH = "x"', CimStatus.INVALID_QUERY, 'WQL: at position 28: expected a property of the class, __CLASS, __SUPERCLASS or __this (other system properties are not supported), found "__PATH"'],
    ['SELECT * FROM Sensor WHERE __this ISA "Bogus"', CimStatus.INVALID_CLASS, 'WQL: at position 39: no class named "Bogus"'],
    ['SELECT * FROM Sensor WHERE Name = "a" # b', CimStatus.INVALID_QUERY, 'WQL: at position 39: expected a keyword, name, literal, operator or parenthesis, found "#"'],
    ['ASSOCIATORS {ComputerSystem="bmc1"}', CimStatus.INVALID_QUERY, 'WQL: at position 13: expected OF, found {ComputerSystem="bmc1"}'],
    ['ASSOCIATORS OF ComputerSystem', CimStatus.INVALID_QUERY, 'WQL: at position 16: expected an object path in braces, {Class.Key="value"}, found "ComputerSystem"'],
    ['ASSOCIATORS OF {ComputerSystem.Name="bmc1"', CimStatus.INVALID_QUERY, 'WQL: at position 43: expected "}" closing the object path opened at position 16, found end of query'],
    ['ASSOCIATORS OF {ComputerSystem.Name=bmc1}', CimStatus.INVALID_QUERY, 'WQL: at position 37: expected a quoted string, number or TRUE/FALSE in object path, found "b"'],
    ['ASSOCIATORS OF {Nope.Name="x"}', CimStatus.INVALID_CLASS, 'WQL: at position 17: no class named "Nope"'],
    ['ASSOCIATORS OF {ComputerSystem="bmc1"} WHERE ClassDefsOnly', CimStatus.INVALID_QUERY, 'WQL: at position 46: expected AssocClass, ResultClass, Role, ResultRole or KeysOnly (ClassDefsOnly is not supported: the model returns instances, not class definitions), found "ClassDefsOnly"'],
    ['ASSOCIATORS OF {ComputerSystem="bmc1"} WHERE RequiredQualifier = Key', CimStatus.INVALID_QUERY, 'WQL: at position 46: expected AssocClass, ResultClass, Role, ResultRole or KeysOnly (RequiredQualifier is not supported: the model has no qualifiers), found "RequiredQualifier"'],
    ['ASSOCIATORS OF {ComputerSystem="bmc1"} WHERE ResultClass Sensor', CimStatus.INVALID_QUERY, 'WQL: at position 58: expected "=" after ResultClass, found "Sensor"'],
    ['ASSOCIATORS OF {ComputerSystem="bmc1"} WHERE ResultClass = Bogus', CimStatus.INVALID_CLASS, 'WQL: at position 60: no class named "Bogus"'],
    ['REFERENCES OF {ComputerSystem="bmc1"} WHERE AssocClass = CIM_SystemDevice', CimStatus.INVALID_QUERY, 'WQL: at position 45: expected ResultClass, Role or KeysOnly, found "AssocClass"'],
    ['REFERENCES OF {ComputerSystem="bmc1"} WHERE', CimStatus.INVALID_QUERY, 'WQL: at position 44: expected ResultClass, Role or KeysOnly, found end of query'],
  ];
  for (const [q, status, message] of bad)
    it(`rejects ${JSON.stringify(q)}`, async () => {
      await assert.rejects(
        async () => {
          for await (const _ of repo.query(q)) void _;
        },
        (e: unknown) => e instanceof CimError && e.status === status && e.message === message,
      );
    });

  it('rejects before touching any device', async () => {
    const src = new FixtureSource('quiet');
    const r = new Repository({ sources: [src] });
    await assert.rejects(async () => {
      for await (const _ of r.query('SELECT * FROM Sensor WHERE Nope = 1')) void _;
    });
    assert.deepEqual(src.calls, []);
  });

  it('a query for a class of another namespace is INVALID_CLASS', async () => {
    await assert.rejects(
      async () => {
        for await (const _ of repo.query('SELECT * FROM Microsoft_IPMI', { namespace: 'root\\hardware' })) void _;
      },
      (e: unknown) => e instanceof CimError && e.status === CimStatus.INVALID_CLASS && e.message === 'no class Microsoft_IPMI in root\\hardware',
    );
  });
});

describe('model: WQL LIKE patterns', () => {
  const cases: Array<[string, string, boolean]> = [
    ['%', '', true],
    ['a%', 'ABC', true],
    ['_b_', 'abc', true],
    ['_b_', 'abcd', false],
    ['[abc]x', 'bx', true],
    ['[a-c]x', 'dx', false],
    ['[^a-c]x', 'dx', true],
    ['[%]', '%', true],
    ['a.c', 'abc', false],
    ['(x)', '(x)', true],
    ['%[_]%', 'a_b', true],
  ];
  for (const [p, s, want] of cases) it(`${JSON.stringify(s)} LIKE ${JSON.stringify(p)} is ${want}`, () => assert.equal(likeToRegExp(p).test(s), want));
});
