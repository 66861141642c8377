import assert from 'node:assert/strict';
import { derivedGuid } from '../../src/profile/load';
import { VirtualBmc } from '../../src/bmc/device';

/**
 * ipmitool's `mc guid` guesses the encoding from where a valid version nibble (1-5) appears:
 * the IPMI reading (wire bytes reversed), the RFC 4122 reading (wire order) or the SMBIOS
 * reading (wire order, time fields little-endian). A derived GUID must be valid only in the
 * IPMI reading, or ipmitool may print it differently from the profile.
 */
describe('profile: derived GUIDs read unambiguously as IPMI-encoded', () => {
  it('in 20000 derived GUIDs only the IPMI reading has a valid version nibble', () => {
    for (let i = 0; i < 20_000; i++) {
      const text = derivedGuid('fleet:rack', String(i), i % 2 ? 'system' : 'device');
      assert.match(text, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, text);
      const wire = VirtualBmc.guidWire(text);
      const ipmiVersion = wire[9] >> 4; // time_hi_and_version LSB first: wire bytes 8-9
      const rfcVersion = wire[6] >> 4; // network order: wire bytes 6-7
      const smbiosVersion = wire[7] >> 4; // little-endian: wire bytes 6-7
      assert.equal(ipmiVersion, 5, text);
      assert.ok(rfcVersion >= 8, `${text}: the RFC 4122 reading finds version ${rfcVersion}`);
      assert.ok(smbiosVersion >= 8 && smbiosVersion <= 0xb, `${text}: the SMBIOS reading finds version ${smbiosVersion}`);
    }
  });

  it('is stable and differs per device and per kind', () => {
    assert.equal(derivedGuid('generic-1u', 'a', 'device'), derivedGuid('generic-1u', 'a', 'device'));
    assert.notEqual(derivedGuid('generic-1u', 'a', 'device'), derivedGuid('generic-1u', 'b', 'device'));
    assert.notEqual(derivedGuid('generic-1u', 'a', 'device'), derivedGuid('generic-1u', 'a', 'system'));
  });
});
