/**
 * Property sets of Windows' root\hardware classes: the Go structs Microsoft generated from the
 * live namespace of Windows Server 2019 (microsoft/wmi, server2019/root/hardware/*.go, 2020),
 * own properties per class.
 */
export const WINDOWS_OWN: Record<string, string[]> = {
  CIM_ManagedElement: ['Caption', 'Description', 'ElementName'],
  CIM_ManagedSystemElement: ['HealthState', 'InstallDate', 'Name', 'OperationalStatus', 'Status', 'StatusDescriptions'],
  CIM_LogicalElement: [],
  CIM_EnabledLogicalElement: ['EnabledDefault', 'EnabledState', 'OtherEnabledState', 'RequestedState', 'TimeOfLastStateChange'],
  CIM_LogicalDevice: [
    'AdditionalAvailability', 'Availability', 'CreationClassName', 'DeviceID', 'ErrorCleared', 'ErrorDescription',
    'IdentifyingDescriptions', 'LastErrorCode', 'MaxQuiesceTime', 'OtherIdentifyingInfo', 'PowerManagementCapabilities',
    'PowerManagementSupported', 'PowerOnHours', 'StatusInfo', 'SystemCreationClassName', 'SystemName', 'TotalPowerOnHours',
  ],
  CIM_Sensor: ['CurrentState', 'OtherSensorTypeDescription', 'PollingInterval', 'PossibleStates', 'SensorType'],
  CIM_NumericSensor: [
    'Accuracy', 'BaseUnits', 'CurrentReading', 'EnabledThresholds', 'Hysteresis', 'IsLinear', 'LowerThresholdCritical',
    'LowerThresholdFatal', 'LowerThresholdNonCritical', 'MaxReadable', 'MinReadable', 'NominalReading', 'NormalMax',
    'NormalMin', 'RateUnits', 'Resolution', 'SettableThresholds', 'SupportedThresholds', 'Tolerance', 'UnitModifier',
    'UpperThresholdCritical', 'UpperThresholdFatal', 'UpperThresholdNonCritical',
  ],
  CIM_Log: ['CurrentNumberOfRecords', 'MaxNumberOfRecords'],
  CIM_RecordLog: ['InstanceID'],
  CIM_LogRecord: ['CreationClassName', 'DataFormat', 'LogCreationClassName', 'LogName', 'MessageTimestamp', 'RecordData', 'RecordFormat', 'RecordID'],
  CIM_System: ['CreationClassName', 'NameFormat', 'PrimaryOwnerContact', 'PrimaryOwnerName', 'Roles'],
  CIM_ComputerSystem: ['Dedicated', 'IdentifyingDescriptions', 'OtherDedicatedDescriptions', 'OtherIdentifyingInfo', 'PowerManagementCapabilities', 'ResetCapability'],
  CIM_AdminDomain: [],
  CIM_Collection: [],
  CIM_SystemSpecificCollection: ['InstanceID'],
  CIM_RegisteredProfile: ['AdvertiseTypeDescriptions', 'AdvertiseTypes', 'InstanceID', 'OtherRegisteredOrganization', 'RegisteredName', 'RegisteredOrganization', 'RegisteredVersion'],
  CIM_Account: ['CreationClassName', 'Descriptions', 'Host', 'LocalityName', 'ObjectClass', 'OrganizationName', 'OU', 'SeeAlso', 'SystemCreationClassName', 'SystemName', 'UserCertificate', 'UserID', 'UserPassword'],
};
export const PARENT: Record<string, string | undefined> = {
  CIM_ManagedElement: undefined,
  CIM_ManagedSystemElement: 'CIM_ManagedElement',
  CIM_LogicalElement: 'CIM_ManagedSystemElement',
  CIM_EnabledLogicalElement: 'CIM_LogicalElement',
  CIM_LogicalDevice: 'CIM_EnabledLogicalElement',
  CIM_Sensor: 'CIM_LogicalDevice',
  CIM_NumericSensor: 'CIM_Sensor',
  CIM_Log: 'CIM_EnabledLogicalElement',
  CIM_RecordLog: 'CIM_Log',
  CIM_LogRecord: 'CIM_ManagedElement',
  CIM_System: 'CIM_EnabledLogicalElement',
  CIM_ComputerSystem: 'CIM_System',
  CIM_AdminDomain: 'CIM_System',
  CIM_Collection: 'CIM_ManagedElement',
  CIM_SystemSpecificCollection: 'CIM_Collection',
  CIM_RegisteredProfile: 'CIM_ManagedElement',
  CIM_Account: 'CIM_LogicalElement',
};
/** Every property of a Windows class, inherited ones included, in WMI's (case-insensitive alphabetical) order. */
export function windowsProperties(cls: string): string[] {
  const all = new Set<string>();
  for (let c: string | undefined = cls; c; c = PARENT[c]) for (const p of WINDOWS_OWN[c]) all.add(p);
  return [...all].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
}


/** CIM 2.41 own properties of the physical classes (Core/CIM_PhysicalElement.mof, Physical/*.mof). */
export const PHYSICAL_OWN: Record<string, string[]> = {
  CIM_PhysicalElement: [
    'CanBeFRUed', 'CreationClassName', 'Manufacturer', 'ManufactureDate', 'Model', 'OtherIdentifyingInfo', 'PartNumber',
    'PoweredOn', 'SerialNumber', 'SKU', 'Tag', 'UserTracking', 'VendorEquipmentType', 'Version',
  ],
  CIM_PhysicalPackage: ['Depth', 'Height', 'HotSwappable', 'OtherPackageType', 'PackageType', 'RemovalConditions', 'Removable', 'Replaceable', 'VendorCompatibilityStrings', 'Weight', 'Width'],
  CIM_Card: ['HostingBoard', 'OperatingVoltages', 'RequirementsDescription', 'RequiresDaughterBoard', 'SlotLayout', 'SpecialRequirements'],
  CIM_PhysicalFrame: ['AudibleAlarm', 'BreachDescription', 'CableManagementStrategy', 'IsLocked', 'LockPresent', 'SecurityBreach', 'ServiceDescriptions', 'ServicePhilosophy', 'VisibleAlarm'],
  CIM_Chassis: ['ChassisPackageType', 'ChassisTypeDescription', 'ChassisTypes', 'CurrentRequiredOrProduced', 'HeatGeneration', 'MultipleSystemSupport', 'NumberOfPowerCords', 'RackMountable', 'TypeDescriptions'],
};
const PHYSICAL_PARENT: Record<string, string> = {
  CIM_PhysicalElement: 'CIM_ManagedSystemElement',
  CIM_PhysicalPackage: 'CIM_PhysicalElement',
  CIM_Card: 'CIM_PhysicalPackage',
  CIM_PhysicalFrame: 'CIM_PhysicalPackage',
  CIM_Chassis: 'CIM_PhysicalFrame',
};
export function physicalProperties(cls: string): string[] {
  const all = new Set<string>(windowsProperties('CIM_ManagedSystemElement'));
  for (let c: string | undefined = cls; c && c in PHYSICAL_OWN; c = PHYSICAL_PARENT[c]) for (const p of PHYSICAL_OWN[c]) all.add(p);
  return [...all].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
}

/** Every property null, then the values given: the shape WMI returns (nil for no value). */
export function full(props: string[], values: Record<string, unknown>): Record<string, unknown> {
  for (const k of Object.keys(values)) if (!props.includes(k)) throw new Error(`test error: ${k} is not a property`);
  return Object.fromEntries(props.map((p) => [p, p in values ? values[p] : null]));
}
