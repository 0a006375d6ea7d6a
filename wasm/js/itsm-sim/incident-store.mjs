// Incidents and the number counter, kept in memory and mirrored to a JSON data file after every
// change. The file is replaced atomically (write a temp file, then rename over the old one), so a
// crash or kill mid-write leaves either the old or the new state, never a torn file. OAuth tokens
// are deliberately not stored: a restart invalidates them, as clients must be able to cope with.
import fs from 'node:fs';
import path from 'node:path';

const FIRST_NUMBER = 10001;
const FORMAT_VERSION = 1;

function emptyState() {
  return { nextNumber: FIRST_NUMBER, incidents: [] };
}

function loadState(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (err.code === 'ENOENT') return emptyState();
    throw err;
  }
  // A data file we cannot read is refused rather than replaced: starting empty would
  // silently destroy the records it holds.
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`itsm-sim: data file ${file} is not valid JSON (${err.message}); move it away to start empty`);
  }
  const valid =
    data && data.version === FORMAT_VERSION && Number.isSafeInteger(data.nextNumber) && Array.isArray(data.incidents) &&
    data.incidents.every((r) => r && typeof r.sys_id === 'string' && typeof r.number === 'string');
  if (!valid) throw new Error(`itsm-sim: data file ${file} does not hold simulator data (version ${FORMAT_VERSION})`);
  return { nextNumber: data.nextNumber, incidents: data.incidents };
}

let tempCounter = 0;

function writeAtomically(file, state) {
  const text = JSON.stringify({ version: FORMAT_VERSION, nextNumber: state.nextNumber, incidents: state.incidents }, null, 1);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${++tempCounter}.tmp`;
  try {
    fs.writeFileSync(temp, text + '\n');
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

/**
 * Opens the store. With `dataFile` null everything stays in memory.
 * @param {string | null} dataFile
 */
export function openIncidentStore(dataFile) {
  const state = dataFile ? loadState(dataFile) : emptyState();
  const bySysId = new Map(state.incidents.map((r) => [r.sys_id, r]));

  // Applies a change and persists it; if the write fails the change is undone, so memory never
  // claims a record that a restart would lose.
  function commit(change, undo) {
    change();
    if (!dataFile) return;
    try {
      writeAtomically(dataFile, state);
    } catch (err) {
      undo();
      throw err;
    }
  }

  return {
    dataFile,
    /** Reserves the next number and stores the record `build(number)` returns. */
    create(build) {
      const record = build(state.nextNumber);
      commit(
        () => {
          state.nextNumber += 1;
          state.incidents.push(record);
          bySysId.set(record.sys_id, record);
        },
        () => {
          state.nextNumber -= 1;
          state.incidents.pop();
          bySysId.delete(record.sys_id);
        },
      );
      return record;
    },
    get(sysId) {
      return bySysId.get(sysId);
    },
    /** Records in creation order. */
    all() {
      return state.incidents;
    },
    get nextNumber() {
      return state.nextNumber;
    },
    /** Drops every record and restarts numbering at INC0010001. Returns how many were dropped. */
    reset() {
      const saved = { nextNumber: state.nextNumber, incidents: state.incidents, map: new Map(bySysId) };
      commit(
        () => {
          state.nextNumber = FIRST_NUMBER;
          state.incidents = [];
          bySysId.clear();
        },
        () => {
          state.nextNumber = saved.nextNumber;
          state.incidents = saved.incidents;
          for (const [k, v] of saved.map) bySysId.set(k, v);
        },
      );
      return saved.incidents.length;
    },
  };
}
