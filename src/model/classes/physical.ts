import { a, ClassDef, k, p } from './define';
import * as vm from './valuemaps';

/**
 * Physical inventory from IPMI FRU data: an extension, Windows' root\hardware has no physical
 * classes. Shapes from the DMTF CIM 2.41 MOFs (Core/CIM_PhysicalElement, Physical/*), the
 * classes DSP1011 (Physical Asset Profile) uses.
 */
export const physicalClasses: ClassDef[] = [
  {
    name: 'CIM_PhysicalElement',
    superClass: 'CIM_ManagedSystemElement',
    abstract: true,
    properties: [
      k('Tag'),
      k('CreationClassName'),
      p('Manufacturer', 'string'),
      p('Model', 'string'),
      p('SKU', 'string'),
      p('SerialNumber', 'string'),
      p('Version', 'string'),
      p('PartNumber', 'string'),
      p('OtherIdentifyingInfo', 'string'),
      p('PoweredOn', 'boolean'),
      p('ManufactureDate', 'datetime'),
      p('VendorEquipmentType', 'string'),
      p('UserTracking', 'string'),
      p('CanBeFRUed', 'boolean'),
    ],
  },
  {
    name: 'CIM_PhysicalPackage',
    superClass: 'CIM_PhysicalElement',
    properties: [
      p('RemovalConditions', 'uint16', { default: 2 }),
      p('Removable', 'boolean'),
      p('Replaceable', 'boolean'),
      p('HotSwappable', 'boolean'),
      p('Height', 'real32'),
      p('Depth', 'real32'),
      p('Width', 'real32'),
      p('Weight', 'real32'),
      p('PackageType', 'uint16', { valueMap: vm.PackageType }),
      p('OtherPackageType', 'string'),
      a('VendorCompatibilityStrings', 'string'),
    ],
  },
  {
    name: 'CIM_Card',
    superClass: 'CIM_PhysicalPackage',
    properties: [
      p('HostingBoard', 'boolean'),
      p('SlotLayout', 'string'),
      p('RequiresDaughterBoard', 'boolean'),
      p('SpecialRequirements', 'boolean'),
      p('RequirementsDescription', 'string'),
      a('OperatingVoltages', 'sint16'),
    ],
  },
  {
    name: 'CIM_PhysicalFrame',
    superClass: 'CIM_PhysicalPackage',
    abstract: true,
    properties: [
      p('CableManagementStrategy', 'string'),
      a('ServicePhilosophy', 'uint16'),
      a('ServiceDescriptions', 'string'),
      p('LockPresent', 'boolean'),
      p('AudibleAlarm', 'boolean'),
      p('VisibleAlarm', 'boolean'),
      p('SecurityBreach', 'uint16', { valueMap: vm.SecurityBreach }),
      p('BreachDescription', 'string'),
      p('IsLocked', 'boolean'),
    ],
  },
  {
    name: 'CIM_Chassis',
    superClass: 'CIM_PhysicalFrame',
    properties: [
      p('NumberOfPowerCords', 'uint16'),
      p('CurrentRequiredOrProduced', 'sint16'),
      p('HeatGeneration', 'uint16'),
      a('ChassisTypes', 'uint16', { valueMap: vm.ChassisTypes }),
      a('TypeDescriptions', 'string'),
      p('ChassisPackageType', 'uint16'),
      p('ChassisTypeDescription', 'string'),
      p('MultipleSystemSupport', 'uint16'),
      p('RackMountable', 'uint16'),
    ],
  },
];
