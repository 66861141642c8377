import { CIPHER_SUITES, CipherSuite, suiteById } from '../../codec/session/algorithms';

/** One record of Get Channel Cipher Suites (v2.0 §22.15.2, Table 22-19). */
export interface OfferedSuite {
  id: number;
  /** OEM suites (record start C1h) carry an IANA number; we do not use them. */
  oemIana?: number;
  auth?: number;
  integrity: number[];
  confidentiality: number[];
}

/**
 * Parse the cipher suite records a BMC lists (v2.0 Table 22-19): C0h, suite ID, then algorithm
 * bytes tagged by [7:6]: 00b authentication, 01b integrity, 10b confidentiality; C1h records
 * add a 3-byte IANA number after the suite ID. Unparseable tails are dropped.
 */
export function parseCipherSuiteRecords(data: Buffer): OfferedSuite[] {
  const out: OfferedSuite[] = [];
  let i = 0;
  while (i < data.length) {
    const start = data[i];
    if (start !== 0xc0 && start !== 0xc1) {
      i++;
      continue;
    }
    if (i + 1 >= data.length) break;
    const rec: OfferedSuite = { id: data[i + 1], integrity: [], confidentiality: [] };
    i += 2;
    if (start === 0xc1) {
      if (i + 3 > data.length) break;
      rec.oemIana = data.readUIntLE(i, 3);
      i += 3;
    }
    while (i < data.length && data[i] !== 0xc0 && data[i] !== 0xc1) {
      const b = data[i++];
      const alg = b & 0x3f;
      if ((b & 0xc0) === 0x00) rec.auth = alg;
      else if ((b & 0xc0) === 0x40) rec.integrity.push(alg);
      else if ((b & 0xc0) === 0x80) rec.confidentiality.push(alg);
    }
    out.push(rec);
  }
  return out;
}

/**
 * Which suites to try, best first. Suite 17 (HMAC-SHA256, AES) is the default and 3
 * (HMAC-SHA1, AES) the fallback, as ipmitool 1.8.19 orders them; when the BMC listed its
 * suites, only those it offers and we implement, in the order 17, 3, then the rest from
 * strongest to weakest. Suite 0 (no authentication) is never chosen automatically.
 */
export const SUITE_PREFERENCE: readonly number[] = [17, 3, 16, 15, 8, 12, 2, 7, 11, 1, 6];

export function suiteCandidates(offered: OfferedSuite[] | undefined): CipherSuite[] {
  if (!offered) return [suiteById(17)!, suiteById(3)!];
  const ok = new Set(
    offered
      .filter((o) => o.oemIana === undefined)
      .filter((o) => {
        const s = suiteById(o.id);
        // A BMC that lists algorithms must list the standard ones for that suite ID.
        return !!s && (o.auth === undefined || o.auth === s.auth);
      })
      .map((o) => o.id),
  );
  return SUITE_PREFERENCE.filter((id) => ok.has(id)).map((id) => suiteById(id)!);
}

export { CIPHER_SUITES };
