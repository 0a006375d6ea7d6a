// ITSM presets: data files (presets/<name>.json) that hold a complete starting configuration
// for one system, plus what an admin must know about it. Node only (they are read from disk
// beside this module): the CLI's `preset` command prints them, and `ticketbridge/presets`
// gives them to servers (the web demo's console offers them through its own API).
import fs from 'node:fs';

const folder = new URL('./presets/', import.meta.url);

/** The preset names, sorted. */
export function presetNames() {
  return fs.readdirSync(folder).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
}

/**
 * One preset: {name, system, ticketNumber, ticketId, auth, needs, notes[], config}. Throws
 * PRESET_UNKNOWN (listing the names there are) for a name that is not one. Each call reads the
 * file afresh, so a caller may change what it gets.
 */
export function readPreset(name) {
  const names = presetNames();
  if (!names.includes(name)) {
    throw Object.assign(new Error(`no preset "${name}" (there are: ${names.join(', ')})`), { code: 'PRESET_UNKNOWN' });
  }
  return JSON.parse(fs.readFileSync(new URL(`${name}.json`, folder), 'utf8'));
}

/** Every preset, in name order. */
export function listPresets() {
  return presetNames().map(readPreset);
}
