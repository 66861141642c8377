import { enumMap } from './define';

/**
 * CIM ValueMaps used by the classes (DMTF CIM 2.41 MOFs; Windows' root\hardware carries the
 * CIM 2.6-2.9 versions of the same maps, which differ only where noted).
 */

// CIM_Sensor.SensorType. Windows' CIM 2.6 CIM_Sensor stops at 12 "Air Flow"; 13-16 are 2.41.
const SENSOR_TYPES = [
  'Unknown', 'Other', 'Temperature', 'Voltage', 'Current', 'Tachometer', 'Counter', 'Switch', 'Lock',
  'Humidity', 'Smoke Detection', 'Presence', 'Air Flow', 'Power Consumption', 'Power Production',
  'Pressure', 'Intrusion',
];
export const SensorTypeWindows = enumMap(SENSOR_TYPES.slice(0, 13));
export const SensorTypeDmtf = { ...enumMap(SENSOR_TYPES), '32768..65535': 'Vendor Reserved' };

// CIM_NumericSensor.BaseUnits: 0-65 in Windows' CIM 2.8; 66 "Pascals" is 2.41 only.
const BASE_UNITS = [
  'Unknown', 'Other', 'Degrees C', 'Degrees F', 'Degrees K', 'Volts', 'Amps', 'Watts', 'Joules', 'Coulombs',
  'VA', 'Nits', 'Lumens', 'Lux', 'Candelas', 'kPa', 'PSI', 'Newtons', 'CFM', 'RPM', 'Hertz', 'Seconds',
  'Minutes', 'Hours', 'Days', 'Weeks', 'Mils', 'Inches', 'Feet', 'Cubic Inches', 'Cubic Feet', 'Meters',
  'Cubic Centimeters', 'Cubic Meters', 'Liters', 'Fluid Ounces', 'Radians', 'Steradians', 'Revolutions',
  'Cycles', 'Gravities', 'Ounces', 'Pounds', 'Foot-Pounds', 'Ounce-Inches', 'Gauss', 'Gilberts', 'Henries',
  'Farads', 'Ohms', 'Siemens', 'Moles', 'Becquerels', 'PPM (parts/million)', 'Decibels', 'DbA', 'DbC',
  'Grays', 'Sieverts', 'Color Temperature Degrees K', 'Bits', 'Bytes', 'Words (data)', 'DoubleWords',
  'QuadWords', 'Percentage', 'Pascals',
];
export const BaseUnitsWindows = enumMap(BASE_UNITS.slice(0, 66));
export const BaseUnitsDmtf = enumMap(BASE_UNITS);

export const RateUnits = enumMap([
  'None', 'Per MicroSecond', 'Per MilliSecond', 'Per Second', 'Per Minute', 'Per Hour', 'Per Day',
  'Per Week', 'Per Month', 'Per Year',
]);

/** SupportedThresholds / SettableThresholds / EnabledThresholds. */
export const Thresholds = enumMap([
  'LowerThresholdNonCritical', 'UpperThresholdNonCritical', 'LowerThresholdCritical',
  'UpperThresholdCritical', 'LowerThresholdFatal', 'UpperThresholdFatal',
]);

export const HealthState = {
  '0': 'Unknown', '5': 'OK', '10': 'Degraded/Warning', '15': 'Minor failure', '20': 'Major failure',
  '25': 'Critical failure', '30': 'Non-recoverable error', '32768..65535': 'Vendor Specific',
};

// 19 "Relocating" is 2.41 only.
const OPERATIONAL_STATUS = [
  'Unknown', 'Other', 'OK', 'Degraded', 'Stressed', 'Predictive Failure', 'Error', 'Non-Recoverable Error',
  'Starting', 'Stopping', 'Stopped', 'In Service', 'No Contact', 'Lost Communication', 'Aborted', 'Dormant',
  'Supporting Entity in Error', 'Completed', 'Power Mode', 'Relocating',
];
export const OperationalStatusWindows = enumMap(OPERATIONAL_STATUS.slice(0, 19));
export const OperationalStatusDmtf = enumMap(OPERATIONAL_STATUS);

export const EnabledState = enumMap([
  'Unknown', 'Other', 'Enabled', 'Disabled', 'Shutting Down', 'Not Applicable', 'Enabled but Offline',
  'In Test', 'Deferred', 'Quiesce', 'Starting',
]);
export const RequestedState = {
  '0': 'Unknown', '2': 'Enabled', '3': 'Disabled', '4': 'Shut Down', '5': 'No Change', '6': 'Offline',
  '7': 'Test', '8': 'Deferred', '9': 'Quiesce', '10': 'Reboot', '11': 'Reset', '12': 'Not Applicable',
};
export const EnabledDefault = {
  '2': 'Enabled', '3': 'Disabled', '5': 'Not Applicable', '6': 'Enabled but Offline', '7': 'No Default',
  '9': 'Quiesce',
};

export const PrimaryStatus = enumMap(['Unknown', 'OK', 'Degraded', 'Error']);
export const DetailedStatus = enumMap([
  'Not Available', 'No Additional Information', 'Stressed', 'Predictive Failure', 'Non-Recoverable Error',
  'Supporting Entity in Error',
]);
export const CommunicationStatus = enumMap(['Unknown', 'Not Available', 'Communication OK', 'Lost Communication', 'No Contact']);
export const OperatingStatus = enumMap([
  'Unknown', 'Not Available', 'Servicing', 'Starting', 'Stopping', 'Stopped', 'Aborted', 'Dormant', 'Completed',
  'Migrating', 'Emigrating', 'Immigrating', 'Snapshotting', 'Shutting Down', 'In Test', 'Transitioning',
  'In Service',
]);

export const LogState = { '0': 'Unknown', '2': 'Normal', '3': 'Erasing', '4': 'Not Applicable' };
export const OverwritePolicy = { '0': 'Unknown', '2': 'Wraps When Full', '7': 'Never Overwrites' };

export const Dedicated = enumMap([
  'Not Dedicated', 'Unknown', 'Other', 'Storage', 'Router', 'Switch', 'Layer 3 Switch', 'Central Office Switch',
  'Hub', 'Access Server', 'Firewall', 'Print', 'I/O', 'Web Caching', 'Management', 'Block Server', 'File Server',
  'Mobile User Device', 'Repeater', 'Bridge/Extender', 'Gateway', 'Storage Virtualizer', 'Media Library',
  'ExtenderNode', 'NAS Head', 'Self-contained NAS', 'UPS', 'IP Phone', 'Management Controller', 'Chassis Manager',
  'Host-based RAID controller', 'Storage Device Enclosure', 'Desktop', 'Laptop', 'Virtual Tape Library',
  'Virtual Library System', 'Network PC/Thin Client', 'FC Switch', 'Ethernet Switch', 'Server', 'Blade',
]);
export const ResetCapability = { '1': 'Other', '2': 'Unknown', '3': 'Disabled', '4': 'Enabled', '5': 'Not Implemented' };

export const PackageType = enumMap([
  'Unknown', 'Other', 'Rack', 'Chassis/Frame', 'Cross Connect/Backplane', 'Container/Frame Slot', 'Power Supply',
  'Fan', 'Sensor', 'Module/Card', 'Port/Connector', 'Battery', 'Processor', 'Memory', 'Power Source/Generator',
  'Storage Media Package (e.g., Disk or Tape Drive)', 'Blade', 'Blade Expansion',
]);
/** CIM_Chassis.ChassisTypes: the SMBIOS chassis-type numbering, which the IPMI FRU Chassis Type byte also uses. */
export const ChassisTypes = enumMap(
  [
    'Other', 'Unknown', 'Desktop', 'Low Profile Desktop', 'Pizza Box', 'Mini Tower', 'Tower', 'Portable', 'LapTop',
    'Notebook', 'Hand Held', 'Docking Station', 'All in One', 'Sub Notebook', 'Space-Saving', 'Lunch Box',
    'Main System Chassis', 'Expansion Chassis', 'SubChassis', 'Bus Expansion Chassis', 'Peripheral Chassis',
    'Storage Chassis', 'Rack Mount Chassis', 'Sealed-Case PC', 'Multi-system Chassis',
  ],
  1,
);
export const SecurityBreach = { '1': 'Other', '2': 'Unknown', '3': 'No Breach', '4': 'Breach Attempted', '5': 'Breach Successful' };
export const PerceivedSeverity = enumMap([
  'Unknown', 'Other', 'Information', 'Degraded/Warning', 'Minor', 'Major', 'Critical', 'Fatal/NonRecoverable',
]);
export const RegisteredOrganization = { '1': 'Other', '2': 'DMTF' };
export const AdvertiseTypes = { '1': 'Other', '2': 'Not Advertised', '3': 'SLP' };
