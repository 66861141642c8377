import { ClassDef, p, ref } from './define';

/**
 * Associations: an extension. Windows' root\hardware defines none (the wmigen dump of Server
 * 2019 has no association class there), so association traversal against Windows returns
 * nothing; these follow the DMTF 2.41 MOFs and DSP1009 (Sensors), DSP1010 (Record Log),
 * DSP1011 (Physical Asset), DSP1033 (Profile Registration). Abstract parents are included so
 * `ASSOCIATORS OF ... WHERE AssocClass = CIM_Dependency` works polymorphically.
 */
const assoc = (name: string, superClass: string | undefined, r1: [string, string], r2: [string, string], extra = [] as ReturnType<typeof p>[], abstract = false): ClassDef => ({
  name,
  superClass,
  association: true,
  abstract,
  properties: [ref(r1[0], r1[1]), ref(r2[0], r2[1]), ...extra],
});

export const associationClasses: ClassDef[] = [
  assoc('CIM_Component', undefined, ['GroupComponent', 'CIM_ManagedElement'], ['PartComponent', 'CIM_ManagedElement'], [], true),
  assoc('CIM_Dependency', undefined, ['Antecedent', 'CIM_ManagedElement'], ['Dependent', 'CIM_ManagedElement'], [], true),
  assoc('CIM_SystemComponent', 'CIM_Component', ['GroupComponent', 'CIM_System'], ['PartComponent', 'CIM_ManagedSystemElement'], [], true),
  assoc('CIM_SystemDevice', 'CIM_SystemComponent', ['GroupComponent', 'CIM_System'], ['PartComponent', 'CIM_LogicalDevice']),
  assoc('CIM_AssociatedSensor', 'CIM_Dependency', ['Antecedent', 'CIM_Sensor'], ['Dependent', 'CIM_ManagedSystemElement']),
  assoc('CIM_UseOfLog', 'CIM_Dependency', ['Antecedent', 'CIM_Log'], ['Dependent', 'CIM_ManagedSystemElement'], [p('RecordedData', 'string')]),
  // 2.41 types Record as CIM_RecordForLog, which Windows' schema lacks; CIM_LogRecord is the only record class here.
  assoc('CIM_LogManagesRecord', undefined, ['Log', 'CIM_Log'], ['Record', 'CIM_LogRecord']),
  assoc('CIM_Realizes', 'CIM_Dependency', ['Antecedent', 'CIM_PhysicalElement'], ['Dependent', 'CIM_LogicalDevice']),
  assoc('CIM_SystemPackaging', 'CIM_Dependency', ['Antecedent', 'CIM_PhysicalElement'], ['Dependent', 'CIM_System'], [], true),
  assoc('CIM_ComputerSystemPackage', 'CIM_SystemPackaging', ['Antecedent', 'CIM_PhysicalPackage'], ['Dependent', 'CIM_ComputerSystem'], [p('PlatformGUID', 'string')]),
  assoc('CIM_Container', 'CIM_Component', ['GroupComponent', 'CIM_PhysicalPackage'], ['PartComponent', 'CIM_PhysicalElement'], [p('LocationWithinContainer', 'string')]),
  assoc('CIM_HostedDependency', 'CIM_Dependency', ['Antecedent', 'CIM_ManagedElement'], ['Dependent', 'CIM_ManagedElement'], [], true),
  assoc('CIM_HostedCollection', 'CIM_HostedDependency', ['Antecedent', 'CIM_System'], ['Dependent', 'CIM_SystemSpecificCollection']),
  assoc('CIM_MemberOfCollection', undefined, ['Collection', 'CIM_Collection'], ['Member', 'CIM_ManagedElement']),
  assoc('CIM_ElementConformsToProfile', undefined, ['ConformantStandard', 'CIM_RegisteredProfile'], ['ManagedElement', 'CIM_ManagedElement']),
];
