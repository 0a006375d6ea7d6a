// A tiny stand-in for the tables incident fields refer to (sys_user, sys_user_group, cmdb_ci,
// ...), so reference fields have display values and `sysparm_input_display_value=true` can turn
// a name into a sys_id. sys_ids are derived from the name, so they are stable across restarts.
import { createHash } from 'node:crypto';

/** Deterministic 32-hex sys_id for a directory entry. */
export function stableSysId(table, key) {
  return createHash('md5').update(`${table}:${key}`).digest('hex');
}

const SAMPLE_USERS = [
  { user_name: 'abel.tuter', name: 'Abel Tuter' },
  { user_name: 'beth.anglin', name: 'Beth Anglin' },
  { user_name: 'david.miller', name: 'David Miller' },
];
const SAMPLE_ROWS = {
  sys_user_group: ['Service Desk', 'Network', 'Hardware', 'Software', 'Database'],
  cmdb_ci: ['EMAIL-SRV-01', 'VPN-GW-01', 'LAPTOP-0042', 'PRINTER-3F'],
  cmdb_ci_service: ['Email', 'VPN', 'SAP ERP'],
  core_company: ['ACME Corporation'],
  cmn_location: ['Head Office', 'Remote'],
};

/**
 * Builds the directory: sample rows plus one sys_user per configured account.
 * @param {{username: string, name?: string}[]} accounts
 */
export function createDirectory(accounts) {
  /** @type {Map<string, {sys_id: string, display: string, keys: string[]}[]>} */
  const tables = new Map();
  const add = (table, display, keys) => {
    if (!tables.has(table)) tables.set(table, []);
    tables.get(table).push({ sys_id: stableSysId(table, keys[0]), display, keys });
  };
  for (const account of accounts) add('sys_user', account.name || account.username, [account.username]);
  for (const user of SAMPLE_USERS) add('sys_user', user.name, [user.user_name, user.name]);
  for (const [table, names] of Object.entries(SAMPLE_ROWS)) for (const name of names) add(table, name, [name]);
  add('sys_user_group', 'global', ['global']);
  tables.get('sys_user_group').at(-1).sys_id = 'global';

  const rows = (table) => tables.get(table) ?? [];
  return {
    /** The display value of a stored reference, or undefined when it points nowhere known. */
    displayOf(table, sysId) {
      return rows(table).find((row) => row.sys_id === sysId)?.display;
    },
    /** Resolves a display value (or user name) to a sys_id; undefined when nothing matches. */
    resolve(table, displayValue) {
      const wanted = displayValue.toLowerCase();
      const row = rows(table).find(
        (r) => r.sys_id === displayValue || r.display.toLowerCase() === wanted || r.keys.some((k) => k.toLowerCase() === wanted),
      );
      return row?.sys_id;
    },
    /** sys_id of an account's sys_user row. */
    userSysId(username) {
      return stableSysId('sys_user', username);
    },
    /** Every row, for the control API and docs. */
    dump() {
      return Object.fromEntries([...tables].map(([t, r]) => [t, r.map(({ sys_id, display }) => ({ sys_id, display_value: display }))]));
    },
  };
}
