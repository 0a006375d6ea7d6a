// The incident fields the simulator knows, as data. Fields a client may not set (sys_*, number,
// priority, ...) are filled by the simulator the way ServiceNow's business rules do; any field
// not listed here is ignored on insert, as ServiceNow ignores unknown columns.

/**
 * kind: 'string' | 'choice' | 'reference' | 'journal' | 'datetime' | 'boolean' | 'integer'
 * writable: may be set by the client on insert
 * max: ServiceNow column length, longer input is truncated
 * table: referenced table (kind 'reference')
 * choices: value -> label (kind 'choice')
 * @typedef {{kind: string, writable?: boolean, max?: number, table?: string,
 *   choices?: Record<string, string>, initial?: string}} FieldSpec
 */

const IMPACT = { 1: '1 - High', 2: '2 - Medium', 3: '3 - Low' };
const STATE = { 1: 'New', 2: 'In Progress', 3: 'On Hold', 6: 'Resolved', 7: 'Closed', 8: 'Canceled' };
const PRIORITY = { 1: '1 - Critical', 2: '2 - High', 3: '3 - Moderate', 4: '4 - Low', 5: '5 - Planning' };

const text = (max, extra = {}) => ({ kind: 'string', writable: true, max, ...extra });
const ref = (table, writable = true) => ({ kind: 'reference', table, writable });
const system = (kind = 'string', initial = '') => ({ kind, writable: false, initial });

/** @type {Record<string, FieldSpec>} */
export const INCIDENT_FIELDS = {
  active: system('boolean', 'true'),
  approval: system('string', 'not requested'),
  assigned_to: ref('sys_user'),
  assignment_group: ref('sys_user_group'),
  business_service: ref('cmdb_ci_service'),
  caller_id: ref('sys_user'),
  category: text(40, { initial: 'inquiry' }),
  close_code: text(40),
  close_notes: text(4000),
  closed_at: system('datetime'),
  closed_by: ref('sys_user', false),
  cmdb_ci: ref('cmdb_ci'),
  comments: { kind: 'journal', writable: true, label: 'Additional comments' },
  company: ref('core_company'),
  contact_type: text(40),
  correlation_display: text(100),
  correlation_id: text(100),
  description: text(4000),
  escalation: system('integer', '0'),
  impact: { kind: 'choice', writable: true, choices: IMPACT, initial: '3' },
  incident_state: system('choice', '1'),
  location: ref('cmn_location'),
  notify: system('integer', '1'),
  number: system(),
  opened_at: system('datetime'),
  opened_by: ref('sys_user'),
  parent_incident: ref('incident', false),
  priority: { kind: 'choice', writable: false, choices: PRIORITY },
  problem_id: ref('problem', false),
  reassignment_count: system('integer', '0'),
  reopen_count: system('integer', '0'),
  resolved_at: system('datetime'),
  resolved_by: ref('sys_user', false),
  severity: { kind: 'choice', writable: true, choices: IMPACT, initial: '3' },
  short_description: text(160),
  state: { kind: 'choice', writable: true, choices: STATE, initial: '1' },
  subcategory: text(40),
  sys_class_name: system('string', 'incident'),
  sys_created_by: system(),
  sys_created_on: system('datetime'),
  sys_domain: { kind: 'reference', table: 'sys_user_group', writable: false, initial: 'global' },
  sys_domain_path: system('string', '/'),
  sys_id: system(),
  sys_mod_count: system('integer', '0'),
  sys_tags: system(),
  sys_updated_by: system(),
  sys_updated_on: system('datetime'),
  urgency: { kind: 'choice', writable: true, choices: IMPACT, initial: '3' },
  watch_list: text(4000),
  work_notes: { kind: 'journal', writable: true, label: 'Work notes' },
};

INCIDENT_FIELDS.incident_state.choices = STATE;

/** ServiceNow's default priority lookup: impact 1..3 x urgency 1..3 -> priority 1..5. */
export function priorityFor(impact, urgency) {
  return String(Number(impact) + Number(urgency) - 1);
}
