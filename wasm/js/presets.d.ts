import type { ConfigDocument } from './index.js';

/** The presets the package ships. */
export type PresetName = 'servicenow' | 'rt' | 'jira-service-management' | 'jira' | 'zendesk' | 'freshservice' | 'topdesk';

/** A ready-made starting configuration for one ITSM, with what an admin must know about it. */
export interface Preset {
  name: PresetName;
  /** The system and API, e.g. "Request Tracker 5 (REST 2)". */
  system: string;
  /** What `ticketNumber` holds: what a person types to find the ticket. */
  ticketNumber: string;
  ticketId: string;
  /** The authentication the system takes. */
  auth: string;
  /** What the admin must have or give (ids, custom fields, rights). */
  needs: string;
  /** Caveats; "[unverified]" marks what no source settled. */
  notes: string[];
  /** A complete configuration that loads as is: placeholder base URL, secrets and fallback URL. */
  config: ConfigDocument;
}

/** The preset names, sorted. */
export declare function presetNames(): PresetName[];
/** One preset, read afresh; throws an Error with code PRESET_UNKNOWN for another name. */
export declare function readPreset(name: PresetName | (string & {})): Preset;
/** Every preset, in name order. */
export declare function listPresets(): Preset[];
