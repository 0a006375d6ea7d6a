// The demo server's one data file (<data dir>/demo.json): the admin's API calls and
// escalation settings, the credentials made from presets (never their secrets: those live in
// <data dir>/secrets.json, see credentials.mjs), the category CSV in force, and the
// conversations the cockpit lists.
// Written whole to a temporary file and renamed, so a crash mid-write never leaves half a file.
import fs from 'node:fs';
import path from 'node:path';

const VERSION = 1;
const MAX_CONVERSATIONS = 500;

function empty(defaults) {
  const settings = { apiCalls: defaults.apiCalls, escalation: defaults.escalation };
  return { version: VERSION, ...settings, origin: settings, credentials: {}, categoriesCsv: defaults.categoriesCsv, conversations: {} };
}

/** Opens (or creates) the data file under `dir`, seeded with `defaults` the first time. */
export function openDataFile(dir, defaults) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'demo.json');
  let data;
  if (fs.existsSync(file)) {
    const text = fs.readFileSync(file, 'utf8');
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new Error(`${file} is not JSON (${err.message}): fix or remove it`);
    }
    if (data?.version !== VERSION) throw new Error(`${file} has version ${data?.version}, this demo reads ${VERSION}: remove it to start afresh`);
    data.conversations ??= {};
    data.credentials ??= {};
  } else {
    data = empty(defaults);
  }

  function save() {
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(data, null, 1));
    fs.renameSync(tmp, file);
  }
  save();

  return {
    file,
    get settings() { return { apiCalls: data.apiCalls, escalation: data.escalation }; },
    setSettings({ apiCalls, escalation }) {
      data.apiCalls = apiCalls;
      data.escalation = escalation;
      save();
    },
    // Whether the settings differ from where they started (the seed, or the preset applied
    // last): a preset then asks before it replaces them. A file from before `origin` counts as edited.
    get edited() { return JSON.stringify({ apiCalls: data.apiCalls, escalation: data.escalation }) !== JSON.stringify(data.origin ?? null); },
    /** Credentials made from presets: name → {credential (no secret), secretFields}. */
    get credentials() { return data.credentials; },
    /** A preset's credential and settings, stored together (one write). */
    applyPreset({ name, credential, secretFields }, { apiCalls, escalation }, { newOrigin }) {
      data.credentials[name] = { credential, secretFields };
      data.apiCalls = apiCalls;
      data.escalation = escalation;
      if (newOrigin) data.origin = { apiCalls, escalation };
      save();
    },
    get categoriesCsv() { return data.categoriesCsv; },
    setCategoriesCsv(csv) {
      data.categoriesCsv = csv;
      save();
    },
    conversations() {
      return Object.values(data.conversations).sort((a, b) => b.updatedAt - a.updatedAt);
    },
    conversation(id) { return data.conversations[id]; },
    putConversation(entry) {
      data.conversations[entry.id] = entry;
      const all = Object.values(data.conversations);
      if (all.length > MAX_CONVERSATIONS) {
        all.sort((a, b) => a.updatedAt - b.updatedAt);
        for (const old of all.slice(0, all.length - MAX_CONVERSATIONS)) delete data.conversations[old.id];
      }
      save();
    },
  };
}
