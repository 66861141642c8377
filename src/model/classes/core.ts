import { a, ClassDef, k, m, p, pin, pout } from './define';
import * as vm from './valuemaps';

/**
 * The CIM core parents present in Windows' root\hardware (property sets and types from the
 * Server 2019 wmigen dump of root\hardware, i.e. CIM 2.6-2.9), with the CIM 2.41 additions
 * marked `dmtf` (DMTF MOFs, CIM241/DMTF/Core). Property order here is MOF order; the schema
 * sorts (see schema.ts).
 */
export const coreClasses: ClassDef[] = [
  {
    name: 'CIM_ManagedElement',
    abstract: true,
    properties: [
      p('InstanceID', 'string', { dmtf: true }),
      p('Caption', 'string'),
      p('Description', 'string'),
      p('ElementName', 'string'),
    ],
  },
  {
    name: 'CIM_ManagedSystemElement',
    superClass: 'CIM_ManagedElement',
    abstract: true,
    properties: [
      p('InstallDate', 'datetime'),
      p('Name', 'string'),
      a('OperationalStatus', 'uint16', {
        valueMapBySemantics: { windows: vm.OperationalStatusWindows, dmtf: vm.OperationalStatusDmtf },
      }),
      a('StatusDescriptions', 'string'),
      p('Status', 'string'),
      p('HealthState', 'uint16', { valueMap: vm.HealthState }),
      p('CommunicationStatus', 'uint16', { dmtf: true, valueMap: vm.CommunicationStatus }),
      p('DetailedStatus', 'uint16', { dmtf: true, valueMap: vm.DetailedStatus }),
      p('OperatingStatus', 'uint16', { dmtf: true, valueMap: vm.OperatingStatus }),
      p('PrimaryStatus', 'uint16', { dmtf: true, valueMap: vm.PrimaryStatus }),
    ],
  },
  { name: 'CIM_LogicalElement', superClass: 'CIM_ManagedSystemElement', abstract: true, properties: [] },
  {
    name: 'CIM_EnabledLogicalElement',
    superClass: 'CIM_LogicalElement',
    abstract: true,
    properties: [
      p('EnabledState', 'uint16', { valueMap: vm.EnabledState, default: 5 }),
      p('OtherEnabledState', 'string'),
      p('RequestedState', 'uint16', { valueMap: vm.RequestedState, default: 12 }),
      p('EnabledDefault', 'uint16', { valueMap: vm.EnabledDefault, default: 2 }),
      p('TimeOfLastStateChange', 'datetime'),
      a('AvailableRequestedStates', 'uint16', { dmtf: true, valueMap: vm.RequestedState }),
      p('TransitioningToState', 'uint16', { dmtf: true, valueMap: vm.RequestedState, default: 12 }),
    ],
    methods: [
      m('RequestStateChange', [
        pin('RequestedState', 'uint16'),
        { ...pout('Job', 'reference'), refClass: 'CIM_ConcreteJob' },
        pin('TimeoutPeriod', 'datetime'),
      ]),
    ],
  },
  {
    name: 'CIM_LogicalDevice',
    superClass: 'CIM_EnabledLogicalElement',
    abstract: true,
    properties: [
      k('SystemCreationClassName'),
      k('SystemName'),
      k('CreationClassName'),
      k('DeviceID'),
      p('PowerManagementSupported', 'boolean'),
      a('PowerManagementCapabilities', 'uint16'),
      p('Availability', 'uint16'),
      p('StatusInfo', 'uint16'),
      p('LastErrorCode', 'uint32'),
      p('ErrorDescription', 'string'),
      p('ErrorCleared', 'boolean'),
      a('OtherIdentifyingInfo', 'string'),
      p('PowerOnHours', 'uint64'),
      p('TotalPowerOnHours', 'uint64'),
      a('IdentifyingDescriptions', 'string'),
      a('AdditionalAvailability', 'uint16'),
      p('MaxQuiesceTime', 'uint64'),
    ],
    methods: [
      m('SetPowerState', [pin('PowerState', 'uint16'), pin('Time', 'datetime')]),
      m('Reset'),
      m('EnableDevice', [pin('Enabled', 'boolean')]),
      m('OnlineDevice', [pin('Online', 'boolean')]),
      m('QuiesceDevice', [pin('Quiesce', 'boolean')]),
      m('SaveProperties'),
      m('RestoreProperties'),
    ],
  },
  {
    name: 'CIM_System',
    superClass: 'CIM_EnabledLogicalElement',
    abstract: true,
    properties: [
      k('CreationClassName'),
      k('Name'),
      p('NameFormat', 'string'),
      p('PrimaryOwnerName', 'string', { writable: true }),
      p('PrimaryOwnerContact', 'string', { writable: true }),
      a('Roles', 'string', { writable: true }),
    ],
  },
  {
    name: 'CIM_ComputerSystem',
    superClass: 'CIM_System',
    properties: [
      a('Dedicated', 'uint16', { valueMap: vm.Dedicated }),
      a('OtherDedicatedDescriptions', 'string'),
      p('ResetCapability', 'uint16', { valueMap: vm.ResetCapability }),
      a('PowerManagementCapabilities', 'uint16'),
      // Windows' CIM 2.8 declares these two on CIM_ComputerSystem; 2.41 moved them to CIM_System.
      a('OtherIdentifyingInfo', 'string'),
      a('IdentifyingDescriptions', 'string'),
    ],
    methods: [m('SetPowerState', [pin('PowerState', 'uint32'), pin('Time', 'datetime')])],
  },
  { name: 'CIM_AdminDomain', superClass: 'CIM_System', properties: [] },
  { name: 'CIM_Collection', superClass: 'CIM_ManagedElement', abstract: true, properties: [] },
  { name: 'CIM_SystemSpecificCollection', superClass: 'CIM_Collection', properties: [k('InstanceID')] },
  { name: 'CIM_ConcreteCollection', superClass: 'CIM_Collection', properties: [k('InstanceID')] },
  {
    // Windows' CIM 2.8 CIM_RegisteredProfile derives from CIM_ManagedElement directly; 2.41 puts
    // CIM_RegisteredSpecification between them with the same properties, so the flat set is kept.
    name: 'CIM_RegisteredProfile',
    superClass: 'CIM_ManagedElement',
    properties: [
      k('InstanceID'),
      p('RegisteredOrganization', 'uint16', { valueMap: vm.RegisteredOrganization }),
      p('OtherRegisteredOrganization', 'string'),
      p('RegisteredName', 'string'),
      p('RegisteredVersion', 'string'),
      a('AdvertiseTypes', 'uint16', { valueMap: vm.AdvertiseTypes }),
      a('AdvertiseTypeDescriptions', 'string'),
    ],
  },
  {
    // Windows' CIM 2.8 CIM_Account derives from CIM_LogicalElement (2.41: CIM_EnabledLogicalElement).
    name: 'CIM_Account',
    superClass: 'CIM_LogicalElement',
    properties: [
      k('SystemCreationClassName'),
      k('SystemName'),
      k('CreationClassName'),
      k('Name'),
      p('UserID', 'string'),
      a('ObjectClass', 'string'),
      a('Descriptions', 'string'),
      a('Host', 'string'),
      a('LocalityName', 'string'),
      a('OrganizationName', 'string'),
      a('OU', 'string'),
      a('SeeAlso', 'string'),
      a('UserCertificate', 'string'),
      a('UserPassword', 'string'),
    ],
  },
];
