// Exercises every export of the package's types the way an application would, under
// `tsc --noEmit --strict` with no DOM or Node lib (tsconfig.*.json beside this file). Each
// line marked to expect an error proves the types reject what the engine would reject.
import {
  init, isInitialised, version, loadConfig, render, Config, JsonDocument, jsonata, parseJson,
  Categories, CategoryError, importCategories, escalate, Escalation, testCall, redactText, perform,
  memoryStore, localStorageStore, fileStore, escalationKey, TicketbridgeError, ConfigError,
  JsonataError, RenderError, EscalationError,
} from 'ticketbridge';
import type {
  Action, ConfigDocument, Conversation, EscalationOutcome, FetchLike, InitOptions, LoadErrorCode,
  SnapshotStore, StorageLike, HttpResponseEvent,
} from 'ticketbridge';
import dropIn from 'ticketbridge/jsonata';
import { listPresets, presetNames, readPreset } from 'ticketbridge/presets';
import type { Preset, PresetName } from 'ticketbridge/presets';
import { startSimulator } from 'ticketbridge-devtools/itsm-sim';
import { runConformance } from 'ticketbridge-devtools/conformance';

declare const bytes: Uint8Array;
declare const hostFetch: FetchLike;
declare const storage: StorageLike;

const options: InitOptions[] = [{}, { wasm: bytes }, { wasm: 'https://cdn.example/ticketbridge-core.wasm' }, { wasm: bytes.buffer }];
await init(options[0]);
const ready: boolean = isInitialised();
const v: string = version;

const config: ConfigDocument = {
  credentials: { sn: { baseUrl: 'https://x.service-now.com/', auth: { type: 'basic', username: 'u', password: 'secret-pw' } } },
  apiCalls: {
    create: {
      credential: 'sn', method: 'POST', resource: 'api/now/table/incident',
      parameters: [{ name: 'short_description', required: true }],
      payload: '{"short_description": "{{short_description}}"}',
      outputs: { ticketId: 'result.sys_id', ticketNumber: 'result.number' },
    },
  },
  escalation: { apiCall: 'create', parameters: { short_description: '{{summary}}' }, fallbackUrl: 'https://portal.example/new' },
};
// @ts-expect-error: not an HTTP method the engine sends
const badMethod: ConfigDocument['apiCalls'][string]['method'] = 'FETCH';
// @ts-expect-error: an auth type needs its fields
const badAuth: ConfigDocument['credentials'][string]['auth'] = { type: 'basic', username: 'u' };

const cfg: Config = loadConfig(config);
const shown = cfg.render('create', { short_description: 'VPN down' }, { accessToken: '' });
const shown2 = render(JSON.stringify(config), 'create', { short_description: 'x' }, { accessToken: 't' });
const method: string = shown.method + shown2.url;
const payload: string | null = cfg.renderPayload('create', { short_description: 'VPN down' });
const payloadFromText: string | null = cfg.renderPayload('create', '{"short_description":"x"}');
// @ts-expect-error: the payload may be null (a call without one), so it is not a plain string
const payloadNotNull: string = cfg.renderPayload('create');
const outputs = cfg.outputs('create', { result: { sys_id: '1', number: 'INC1' } });
const redacted: string = cfg.redact('secret-pw');

const expr = jsonata('$sum(a)');
const n: unknown = expr.evaluate({ a: [1, 2] }, { x: 1 }, { timeLimitMs: 100, maxDepth: 50 });
const doc: JsonDocument = parseJson('{"a": [1]}');
expr.evaluate(doc);
expr.evaluateJson('{"a": [3]}');
new JsonDocument(bytes);

const conversation: Conversation = {
  id: 'c-1', employee: { id: 'e1', name: 'Ana' }, messages: [{ role: 'employee', text: 'VPN is down' }],
};
// @ts-expect-error: messages come from the employee or the assistant
const badRole: Conversation = { id: 'c-2', messages: [{ role: 'robot', text: 'hi' }] };

const categories = new Categories('category,sub_category\nNetwork,VPN\n', { formulas: 'neutralise' });
const report = importCategories(bytes, { maxRows: 10 });
const accepted: boolean = report.accepted && categories.pairs.length > 0;
const guess = categories.classify(conversation, { threshold: 0.5 });
const pair: { category: string; subCategory: string } = categories.resolve({ category: 'Network' });

const store: SnapshotStore = memoryStore();
const browserStore: SnapshotStore = localStorageStore(storage, 'tb:');
const files: Promise<SnapshotStore> = fileStore('/tmp/tb');

const outcome: EscalationOutcome = await escalate(cfg, conversation, {
  fetch: hostFetch, confirm: async () => true, store, categories, onAction: (a: Action) => void a,
});
if (outcome.status === 'escalated') {
  const ticket: string = outcome.ticketNumber;
} else if (outcome.status === 'failed') {
  const fallback: string = outcome.fallbackUrl + outcome.code;
}

const machine = new Escalation(cfg);
machine.setCategories(categories);
let action: Action = machine.start(conversation, 'no fix found', 0, { seed: 1 });
switch (action.type) {
  case 'HttpRequest': {
    const response: HttpResponseEvent = await perform(action.wire, hostFetch, { maxBytes: 1000 });
    action = machine.receive(response, 1);
    break;
  }
  case 'AskConfirmation': action = machine.confirm(true, 1); break;
  case 'Wait': action = machine.tick(action.untilMs); break;
  case 'Escalated': { const id: string = action.ticketId; break; }
  case 'Failed': { const url: string = action.fallbackUrl; break; }
  case 'Declined': { const m: string = action.message; break; }
}
// @ts-expect-error: a Wait action has no ticket number
const noTicket = (action as Extract<Action, { type: 'Wait' }>).ticketNumber;
const restored = Escalation.restore(cfg, machine.snapshot());
const phase: string = restored.phase + machine.record().status;

const testReport = await testCall(cfg, 'create', { short_description: 'x' }, { fetch: hostFetch });
const red = redactText('mail me at a@b.example', { emails: true });
const key: string = escalationKey('c-1');

try {
  loadConfig('{}');
} catch (err) {
  if (err instanceof ConfigError) { const problems = err.errors?.map((e) => e.path); }
  else if (err instanceof JsonataError || err instanceof RenderError || err instanceof EscalationError || err instanceof CategoryError) { const c: string = err.code; }
  else if (err instanceof TicketbridgeError) { const code = err.code as LoadErrorCode; }
}

// The jsonata-js drop-in.
const compiled = dropIn('$x + $y()', { timeLimitMs: 100 });
compiled.assign('x', 1);
compiled.registerFunction('y', function () { return this.input; }, '<:n>');
const dropped: unknown = await compiled.evaluate({}, { z: 3 });
compiled.evaluate({}, undefined, (error, result) => { if (error) throw new Error(error.message + error.code); return result; });
// @ts-expect-error: registerFunction takes a function
compiled.registerFunction('z', 42);
const tree = compiled.ast();
const treeSteps: string[] = (tree.steps ?? []).map((step) => `${step.type}:${String(step.value)}@${step.position ?? -1}`);
const treeOperands = tree.type === 'binary' ? [tree.lhs, tree.rhs] : [];
// @ts-expect-error: a node's type is a string
const treeType: number = tree.type;

// The presets (Node): each one's config is a configuration document the engine loads.
const presetList: PresetName[] = presetNames();
const rtPreset: Preset = readPreset('rt');
const presetConfig: Config = loadConfig(rtPreset.config);
const presetNotes: string[] = listPresets().flatMap((p) => p.notes);
// @ts-expect-error: GLPI is not a preset (its session-token flow does not fit one call)
const glpi: PresetName = 'glpi';

// The developer tools.
const simulator = await startSimulator({ port: 0, dataFile: null, cors: false });
const simUrl: string = simulator.url;
await simulator.close();
const exit: number = await runConformance(['suite-dir']);

export { ready, v, badMethod, badAuth, method, outputs, redacted, n, badRole, accepted, guess, pair, browserStore, files,
  noTicket, phase, testReport, red, key, dropped, simUrl, exit, presetList, presetConfig, presetNotes, glpi, treeSteps,
  treeOperands, treeType };
