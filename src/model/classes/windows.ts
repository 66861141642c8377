import { ClassDef, k, m, p, pin, pout, WMI } from './define';

/**
 * The IPMI provider's concrete classes in root\hardware (MS-IPMIPrv docs; the wmigen dump
 * shows each as an empty subclass of its CIM_* parent). Only in Windows-compatible semantics;
 * in DMTF semantics the CIM_* classes are instantiated directly.
 */
const sub = (name: string, superClass: string): ClassDef => ({ name, superClass, only: 'windows', properties: [] });

export const windowsClasses: ClassDef[] = [
  sub('Sensor', 'CIM_Sensor'),
  sub('NumericSensor', 'CIM_NumericSensor'),
  sub('ComputerSystem', 'CIM_ComputerSystem'),
  sub('AdminDomain', 'CIM_AdminDomain'),
  sub('RecordLog', 'CIM_RecordLog'),
  sub('LogRecord', 'CIM_LogRecord'),
  sub('SystemSpecificCollection', 'CIM_SystemSpecificCollection'),
  sub('ConcreteCollection', 'CIM_ConcreteCollection'),
  sub('RegisteredProfile', 'CIM_RegisteredProfile'),
  sub('Account', 'CIM_Account'),
];

/**
 * Microsoft_IPMI (root\wmi): the WDM class of IpmiDrv.sys, raw IPMI pass-through (MS-IPMIPrv
 * docs, microsoft-ipmi*.md). In both semantics. Windows has one instance per local BMC; we
 * have one per device, InstanceName = the device name.
 */
export const wmiClasses: ClassDef[] = [
  {
    name: 'Microsoft_IPMI',
    namespace: WMI,
    properties: [k('InstanceName'), p('BMCAddress', 'uint8')],
    methods: [
      m(
        'RequestResponse',
        [
          pin('Command', 'uint8'),
          pin('Lun', 'uint8'),
          pin('NetworkFunction', 'uint8'),
          { ...pin('RequestData', 'uint8'), array: true },
          pin('RequestDataSize', 'uint32'),
          pin('ResponderAddress', 'uint8'),
          pout('CompletionCode', 'uint8'),
          { ...pout('ResponseData', 'uint8'), array: true },
          pout('ResponseDataSize', 'uint32'),
        ],
        'uint32',
      ),
      m(
        'RequestResponseEx',
        [
          pin('Command', 'uint8'),
          { ...pin('Data', 'uint8'), array: true },
          pin('DataSize', 'uint32'),
          pin('Lun', 'uint8'),
          pin('NetworkFunction', 'uint8'),
          pin('RequestDataSize', 'uint32'),
          pin('ResponderAddress', 'uint8'),
          pout('CompletionCode', 'uint8'),
          { ...pout('ResponseData', 'uint8'), array: true },
          pout('ResponseDataSize', 'uint32'),
        ],
        'uint32',
      ),
      m('SMS_Attention', [pout('AttentionSet', 'boolean'), pout('StatusRegisterValue', 'uint8')], 'uint32'),
    ],
  },
];
