import assert from 'node:assert/strict';
import { DcmiCapabilityParameter, GetDcmiCapabilityInfo, dcmiCapabilityData } from '../../../../src/codec/commands/group';
import { decode, encode } from '../../../../src/codec/fields';
import { fromHex, hex } from '../../../../src/codec/wire/checksum';
import { DecodeError } from '../../../../src/lib/errors';
import { describeCodec, describeCommand, fuzzDecoder } from '../../../helpers/vectors';

describeCommand(GetDcmiCapabilityInfo, {
  request: [
    // ipmitool sends the group byte DCh first; the framework strips it, the codec sees the selector.
    { name: 'parameter 1 (ipmitool dcmi discover)', source: 'capture: ipmitool 1.8.19 -vvvv dcmi discover (request data dc 01)', hex: '01', value: { parameter: 1 } },
    { name: 'parameter 5', source: 'DCMI v1.5 Table 6-2', hex: '05', value: { parameter: 5 } },
  ],
  response: [
    {
      name: 'DCMI 1.5, revision 02h, supported capabilities',
      source: 'DCMI v1.5 Tables 6-2, 6-3',
      hex: '01 05 02 00 01 0d',
      value: { majorVersion: 1, minorVersion: 5, parameterRevision: 2, data: fromHex('00 01 0d') },
    },
  ],
  responseErrors: [{ name: 'no parameter revision', hex: '01 05', reason: 'short' }],
});

describe('DCMI capability parameter data (DCMI v1.5 Table 6-3)', () => {
  describeCodec('1: supported DCMI capabilities', dcmiCapabilityData[1], [
    {
      // 0Dh = bits 0, 2, 3: in-band KCS, out-of-band secondary and primary LAN.
      name: 'power management; KCS, secondary and primary LAN',
      source: 'DCMI v1.5 Table 6-3; bit order as ipmitool dcmi_management_access_capabilities',
      hex: '00 01 0d',
      value: {
        mandatoryPlatform: { identification: false, selLogging: false, chassisPower: false, temperatureMonitor: false },
        optionalPlatform: { powerManagement: true },
        manageabilityAccess: { inBandKcs: true, serialTmode: false, secondaryLan: true, primaryLan: true, sol: false, vlan: false },
      },
    },
  ]);
  describeCodec('2: mandatory platform attributes', dcmiCapabilityData[2], [
    {
      name: '256-entry SEL with automatic rollover, all three temperature sensor groups, 1 s sampling',
      source: 'DCMI v1.5 Table 6-3 (FreeIPMI template order)',
      hex: '00 81 00 07 01',
      value: {
        sel: { maxEntries: 256, recordLevelFlushOnRollover: false, entireFlushOnRollover: false, automaticRollover: true },
        identification: { guid: false, dhcpHostName: false, assetTag: false },
        temperatureMonitoring: { inlet: true, processor: true, baseboard: true },
        temperatureSamplingSeconds: 1,
      },
    },
    {
      name: 'DCMI 1.1 form without the sampling byte',
      source: 'DCMI v1.1 Table 6-3 (FreeIPMI: optional in revision 01h)',
      hex: '00 01 07 01',
      value: {
        sel: { maxEntries: 256, recordLevelFlushOnRollover: false, entireFlushOnRollover: false, automaticRollover: false },
        identification: { guid: true, dhcpHostName: true, assetTag: true },
        temperatureMonitoring: { inlet: true, processor: false, baseboard: false },
      },
    },
  ]);
  describeCodec('3: optional platform attributes', dcmiCapabilityData[3], [
    // ipmitool dcmi discover prints "Slave address of device: 20h (BMC)" only for 40h.
    { name: 'power management in the BMC', source: 'DCMI v1.5 Table 6-3; ipmitool lib/ipmi_dcmi.c', hex: '40 00', value: { powerManagementAddress: 0x40, powerManagementController: { channel: 0, deviceRevision: 0 } } },
  ]);
  describeCodec('4: manageability access attributes', dcmiCapabilityData[4], [
    { name: 'primary LAN on channel 1, no secondary, no serial', source: 'DCMI v1.5 Table 6-3', hex: '01 ff ff', value: { primaryLanChannel: 1, secondaryLanChannel: 0xff, serialChannel: 0xff } },
  ]);
  describeCodec('5: enhanced system power statistics attributes', dcmiCapabilityData[5], [
    {
      name: 'rolling averages over 30 s, 5 min, 1 h, 1 day',
      source: 'DCMI v1.5 Table 6-3',
      hex: '04 1e 45 81 c1',
      value: {
        rollingAveragePeriods: [
          { units: 0, duration: 30 },
          { units: 1, duration: 5 },
          { units: 2, duration: 1 },
          { units: 3, duration: 1 },
        ],
      },
    },
    { name: 'none', source: 'DCMI v1.5 Table 6-3', hex: '00', value: { rollingAveragePeriods: [] } },
  ], [{ name: 'count beyond the data', hex: '02 1e', reason: 'short' }]);

  it('the parameter constants and a round trip through the command response', () => {
    assert.equal(DcmiCapabilityParameter.enhancedSystemPowerStatisticsAttributes, 5);
    const data = encode(dcmiCapabilityData[4], { primaryLanChannel: 1, secondaryLanChannel: 2, serialChannel: 0xff });
    const rsp = encode(GetDcmiCapabilityInfo.response, { majorVersion: 1, minorVersion: 5, parameterRevision: 2, data });
    assert.equal(hex(rsp), '01 05 02 01 02 ff');
    assert.deepEqual(decode(dcmiCapabilityData[4], decode(GetDcmiCapabilityInfo.response, rsp).data), { primaryLanChannel: 1, secondaryLanChannel: 2, serialChannel: 0xff });
  });

  it('random parameter data gives a value or a DecodeError', () => {
    for (const c of Object.values(dcmiCapabilityData)) fuzzDecoder(c, 1000, 12);
    assert.throws(() => decode(dcmiCapabilityData[1], fromHex('00 01')), DecodeError);
  });
});
