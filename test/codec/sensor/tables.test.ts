import assert from 'node:assert/strict';
import {
  EventReadingType,
  SensorType,
  describeEvent,
  entityLabel,
  offsetsToStates,
  statesToOffsets,
  entityName,
  eventOffsetName,
  eventReadingClass,
  eventReadingTypeName,
  formatUnits,
  sensorSpecificOffsets,
  sensorTypeCode,
  sensorTypeName,
  unitCode,
  unitName,
} from '../../../src/codec/sensor';

describe('sensor tables (v2.0 Tables 42-2, 42-3, 43-13, 43-15)', () => {
  it('unit names as ipmitool prints them ("48 degrees C", "5200 RPM", "12.06 Volts")', () => {
    assert.deepEqual([0, 1, 4, 5, 6, 18, 19, 92].map(unitName), ['unspecified', 'degrees C', 'Volts', 'Amps', 'Watts', 'RPM', 'Hz', 'grams']);
    assert.equal(unitName(93), 'invalid');
    assert.equal(unitCode('rpm'), 18);
    assert.equal(unitCode('furlongs'), undefined);
  });

  it('unit text with percentage and modifier units (ipmitool ipmi_sdr_get_unit_string)', () => {
    assert.equal(formatUnits({ percentage: false, modifierUnit: 0, baseUnit: 1, modifierUnitCode: 0 }), 'degrees C');
    assert.equal(formatUnits({ percentage: true, modifierUnit: 0, baseUnit: 0, modifierUnitCode: 0 }), 'percent');
    assert.equal(formatUnits({ percentage: true, modifierUnit: 0, baseUnit: 4, modifierUnitCode: 0 }), '% Volts');
    assert.equal(formatUnits({ percentage: false, modifierUnit: 1, baseUnit: 17, modifierUnitCode: 23 }), 'CFM/minute');
    assert.equal(formatUnits({ percentage: false, modifierUnit: 2, baseUnit: 6, modifierUnitCode: 24 }), 'Watts*hour');
  });

  it('sensor type names ("Sensor Type (Threshold) : Temperature", "Fan", "Drive Slot / Bay")', () => {
    assert.equal(sensorTypeName(SensorType.temperature), 'Temperature');
    assert.equal(sensorTypeName(SensorType.voltage), 'Voltage');
    assert.equal(sensorTypeName(SensorType.current), 'Current');
    assert.equal(sensorTypeName(SensorType.fan), 'Fan');
    assert.equal(sensorTypeName(SensorType.driveSlot), 'Drive Slot / Bay');
    assert.equal(sensorTypeName(SensorType.fruState), 'FRU State');
    assert.equal(sensorTypeName(0x2d), 'reserved');
    assert.equal(sensorTypeName(0xc5), 'OEM');
    assert.equal(sensorTypeCode('temperature'), 1);
    assert.equal(sensorTypeCode('Power Supply'), 8);
  });

  it('event offset names match ipmitool sel elist (peers/ipmi_sim/outputs/lanplusc3.sel_elist.txt)', () => {
    assert.equal(eventOffsetName(EventReadingType.threshold, SensorType.temperature, 7), 'Upper Non-critical going high');
    assert.equal(eventOffsetName(EventReadingType.threshold, SensorType.fan, 2), 'Lower Critical going low');
    assert.equal(eventOffsetName(EventReadingType.sensorSpecific, SensorType.systemEvent, 1), 'OEM System boot event');
    assert.equal(eventOffsetName(EventReadingType.sensorSpecific, SensorType.powerSupply, 1), 'Failure detected');
    assert.equal(eventOffsetName(EventReadingType.sensorSpecific, SensorType.physicalSecurity, 0), 'General Chassis intrusion');
    assert.equal(eventOffsetName(EventReadingType.sensorSpecific, SensorType.systemAcpiPowerState, 5), 'S5/G2: soft-off');
    assert.equal(eventOffsetName(EventReadingType.devicePresence, SensorType.powerSupply, 1), 'Device Present');
    assert.equal(eventOffsetName(0x70, SensorType.powerSupply, 1), undefined);
    assert.equal(eventOffsetName(EventReadingType.threshold, 1, 12), undefined);
    assert.equal(sensorSpecificOffsets(SensorType.processor).length, 13);
    assert.deepEqual(sensorSpecificOffsets(SensorType.temperature), []);
  });

  it('event/reading type classes', () => {
    assert.deepEqual([0x00, 0x01, 0x07, 0x6f, 0x75, 0x20].map(eventReadingClass), ['unspecified', 'threshold', 'discrete', 'sensor-specific', 'oem', 'reserved']);
    assert.equal(eventReadingTypeName(0x01), 'Threshold');
    assert.equal(eventReadingTypeName(0x6f), 'Sensor-specific');
    assert.equal(eventReadingTypeName(0x0b), 'Redundancy');
  });

  it('entity names and ipmitool\'s "3.1" notation ("CPU Temp | 01h | ok | 3.1 | 48 degrees C")', () => {
    assert.equal(entityName(0x03), 'Processor');
    assert.equal(entityName(0x07), 'System Board');
    assert.equal(entityName(0x0a), 'Power Supply');
    assert.equal(entityName(0x1d), 'Fan Device');
    assert.equal(entityName(0x37), 'Air Inlet');
    assert.equal(entityName(0x42), 'Baseboard/Main System Board');
    assert.equal(entityName(0x50), 'Reserved');
    assert.equal(entityName(0x95), 'OEM');
    assert.equal(entityLabel(3, { instance: 1 }), '3.1');
    assert.equal(entityLabel(0x37, 0x81), '55.1');
  });

  it('describeEvent gives the columns of ipmitool sel elist (peers/ipmi_sim/outputs/lanplusc3.sel_elist.txt)', () => {
    assert.deepEqual(describeEvent({ sensorType: 1, eventDirType: { deassertion: false, eventType: 1 }, eventData1: 0x57 }), {
      sensorType: 'Temperature',
      event: 'Upper Non-critical going high',
      direction: 'Asserted',
    });
    assert.deepEqual(describeEvent({ sensorType: 4, eventDirType: { deassertion: true, eventType: 1 }, eventData1: 0x52 }), {
      sensorType: 'Fan',
      event: 'Lower Critical going low',
      direction: 'Deasserted',
    });
    assert.deepEqual(describeEvent({ sensorType: 0x12, eventDirType: { deassertion: false, eventType: 0x6f }, eventData1: 0x01 }), {
      sensorType: 'System Event',
      event: 'OEM System boot event',
      direction: 'Asserted',
    });
  });

  it('discrete state bytes <-> asserted offsets (Get Sensor Reading bytes 3-4)', () => {
    assert.deepEqual(statesToOffsets(0x01, 0x00), [0]);
    assert.deepEqual(statesToOffsets(0x81, 0x81), [0, 7, 8]);
    assert.deepEqual(statesToOffsets(), []);
    assert.deepEqual(offsetsToStates([0, 7, 8, 14]), { states: 0x81, states2: 0xc1 });
    assert.deepEqual(offsetsToStates([]), { states: 0, states2: 0x80 });
    assert.throws(() => offsetsToStates([15]), RangeError);
  });
});
