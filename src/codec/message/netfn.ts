/** Network function codes, request (even) values (v2.0 §5.1, Table 5-1). */
export const NetFn = {
  Chassis: 0x00,
  Bridge: 0x02,
  SensorEvent: 0x04,
  App: 0x06,
  Firmware: 0x08,
  Storage: 0x0a,
  Transport: 0x0c,
  /** Group extension: first data byte is the defining body (DCMI 0xDC, PICMG 0x00, VITA 0x03). */
  Group: 0x2c,
  Oem: 0x2e,
} as const;
export type NetFn = (typeof NetFn)[keyof typeof NetFn];

/** Privilege levels (v2.0 §6.8, Table 22-28 encodings). */
export const Privilege = {
  callback: 1,
  user: 2,
  operator: 3,
  administrator: 4,
  oem: 5,
} as const;
export type PrivilegeName = keyof typeof Privilege;
export type PrivilegeLevel = (typeof Privilege)[PrivilegeName];
export const privilegeName = (n: number): string =>
  (Object.keys(Privilege) as PrivilegeName[]).find((k) => Privilege[k] === n) ?? `reserved(${n})`;
