// The demo server's one data file (<data dir>/demo.json): the admin's API calls and
// escalation settings, the category CSV in force, and the conversations the cockpit lists.
// Written whole to a temporary file and renamed, so a crash mid-write never leaves half a file.
import fs from 'node:fs';
import path from 'node:path';

const VERSION = 1;
const MAX_CONVERSATIONS = 500;

function empty(defaults) {
  return { version: VERSION, apiCalls: defaults.apiCalls, escalation: defaults.escalation, categoriesCsv: defaults.categoriesCsv, conversations: {} };
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
