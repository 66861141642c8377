/**
 * CIM datetimes (DSP0004 §5.2.4): the 25-character form yyyymmddHHMMSS.mmmmmmsUUU, where sUUU
 * is the UTC offset in minutes. Instances carry JavaScript Dates (the WS-Man front end writes
 * xs:dateTime, as WinRM does); keys and WQL literals may be written either way.
 */
const DMTF = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\.(\d{6})([+-])(\d{3})$/;

/** Parse a DMTF datetime or an ISO 8601 date-time; undefined when it is neither. */
export function parseDatetime(s: string): Date | undefined {
  const m = DMTF.exec(s.trim());
  if (m) {
    const [, y, mo, d, h, mi, se, us, sign, off] = m;
    const utc = Date.UTC(+y, +mo - 1, +d, +h, +mi, +se, Math.floor(+us / 1000));
    const offsetMin = (sign === '-' ? -1 : 1) * +off;
    return new Date(utc - offsetMin * 60_000);
  }
  if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s.trim())) {
    const d = new Date(s.trim());
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return undefined;
}

/** A Date as a DMTF datetime in UTC: 20090319022103.000000+000. */
export function formatDmtfDatetime(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}` +
    `${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds() * 1000, 6)}+000`
  );
}
