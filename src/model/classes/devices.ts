import { a, ClassDef, m, p, pin, pout } from './define';
import * as vm from './valuemaps';

/**
 * Sensors and the SEL (Windows' root\hardware: CIM_Sensor 2.6.0, CIM_NumericSensor 2.8.0,
 * CIM_Log/CIM_LogRecord 2.8.1000, CIM_RecordLog 2.9.0; 2.41 additions marked `dmtf`).
 */
const threshold = (name: string) => p(name, 'sint32', { writable: name.endsWith('NonCritical') });

export const deviceClasses: ClassDef[] = [
  {
    name: 'CIM_Sensor',
    superClass: 'CIM_LogicalDevice',
    properties: [
      p('SensorType', 'uint16', { valueMapBySemantics: { windows: vm.SensorTypeWindows, dmtf: vm.SensorTypeDmtf } }),
      p('OtherSensorTypeDescription', 'string'),
      a('PossibleStates', 'string'),
      p('CurrentState', 'string'),
      p('PollingInterval', 'uint64'),
      p('SensorContext', 'string', { dmtf: true }),
    ],
  },
  {
    name: 'CIM_NumericSensor',
    superClass: 'CIM_Sensor',
    properties: [
      p('BaseUnits', 'uint16', { valueMapBySemantics: { windows: vm.BaseUnitsWindows, dmtf: vm.BaseUnitsDmtf } }),
      p('UnitModifier', 'sint32'),
      p('RateUnits', 'uint16', { valueMap: vm.RateUnits }),
      p('CurrentReading', 'sint32'),
      p('NominalReading', 'sint32'),
      p('NormalMax', 'sint32'),
      p('NormalMin', 'sint32'),
      p('MaxReadable', 'sint32'),
      p('MinReadable', 'sint32'),
      p('Resolution', 'uint32'),
      p('Tolerance', 'sint32'),
      p('Accuracy', 'sint32'),
      p('IsLinear', 'boolean'),
      p('Hysteresis', 'uint32'),
      // CIM 2.8 and 2.41 both make only the two NonCritical thresholds Write; Windows documents
      // them as Read/Write and the others as read-only.
      threshold('LowerThresholdNonCritical'),
      threshold('UpperThresholdNonCritical'),
      threshold('LowerThresholdCritical'),
      threshold('UpperThresholdCritical'),
      threshold('LowerThresholdFatal'),
      threshold('UpperThresholdFatal'),
      a('SupportedThresholds', 'uint16', { valueMap: vm.Thresholds }),
      a('EnabledThresholds', 'uint16', { valueMap: vm.Thresholds }),
      a('SettableThresholds', 'uint16', { valueMap: vm.Thresholds }),
    ],
    methods: [
      m('RestoreDefaultThresholds'),
      m('GetNonLinearFactors', [
        pin('SensorReading', 'sint32'),
        pout('Accuracy', 'sint32'),
        pout('Resolution', 'uint32'),
        pout('Tolerance', 'sint32'),
        pout('Hysteresis', 'uint32'),
      ]),
    ],
  },
  {
    name: 'CIM_Log',
    superClass: 'CIM_EnabledLogicalElement',
    abstract: true,
    properties: [
      p('MaxNumberOfRecords', 'uint64'),
      p('CurrentNumberOfRecords', 'uint64'),
      p('OverwritePolicy', 'uint16', { dmtf: true, valueMap: vm.OverwritePolicy, default: 0 }),
      p('LogState', 'uint16', { dmtf: true, valueMap: vm.LogState, default: 4 }),
    ],
    methods: [m('ClearLog')],
  },
  { name: 'CIM_RecordLog', superClass: 'CIM_Log', properties: [p('InstanceID', 'string', { key: true })] },
  {
    // Windows' CIM 2.8 CIM_LogRecord derives from CIM_ManagedElement and keeps the 5-part key;
    // 2.41 inserts CIM_RecordForLog (RecordFormat, RecordData, Locale, PerceivedSeverity). The
    // flat property set is the same, so the 2.41 extras are declared here.
    name: 'CIM_LogRecord',
    superClass: 'CIM_ManagedElement',
    properties: [
      p('LogCreationClassName', 'string', { key: true }),
      p('LogName', 'string', { key: true }),
      p('CreationClassName', 'string', { key: true }),
      p('RecordID', 'string', { key: true }),
      p('MessageTimestamp', 'datetime', { key: true }),
      p('DataFormat', 'string'),
      p('RecordFormat', 'string'),
      p('RecordData', 'string'),
      p('Locale', 'string', { dmtf: true }),
      p('PerceivedSeverity', 'uint16', { dmtf: true, valueMap: vm.PerceivedSeverity }),
    ],
  },
];
