import { privilegeName } from '../../codec/message/netfn';
import type { Schema } from '../classes/schema';
import { instance, Provider } from './types';

/** Get User Access privilege limit 0Fh: no access (v2.0 Table 22-29 byte 4 [3:0]). */
const NO_ACCESS = 0x0f;

/**
 * IPMI users as Account (an extension mapping; research note §2.9). One instance per user slot
 * with a name: the null user (slot 1, no name) and empty slots have nothing that could be
 * the key property Name. Passwords are never published (UserPassword stays null).
 */
export function accountProvider(schema: Schema): Provider {
  const cls = schema.concrete('Account');
  const system = schema.concrete('ComputerSystem');
  return {
    className: cls,
    scope: 'device',
    parts: () => ['users'],
    device: (keys) => (typeof keys.SystemName === 'string' ? keys.SystemName : undefined),
    build(view) {
      const v = view!;
      return (v.users ?? [])
        .filter((u) => u.name !== '')
        .map((u) => {
          const access = u.channels.map((c) =>
            c.privilegeLimit === NO_ACCESS
              ? `channel ${c.channel}: no access`
              : `channel ${c.channel}: ${privilegeName(c.privilegeLimit)}${c.ipmiMessaging ? ', IPMI messaging' : ''}${c.linkAuth ? ', link auth' : ''}${c.callbackOnly ? ', callback only' : ''}`,
          );
          return instance(schema, cls, {
            SystemCreationClassName: system,
            SystemName: v.name,
            CreationClassName: cls,
            Name: u.name,
            UserID: String(u.id),
            ElementName: u.name,
            Caption: `IPMI user ${u.id}`,
            Description: u.enabled ? 'enabled' : 'disabled',
            Descriptions: access,
            OperationalStatus: [u.enabled ? 2 : 10],
            StatusDescriptions: [u.enabled ? 'OK' : 'Stopped'],
          });
        });
    },
  };
}
