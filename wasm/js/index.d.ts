// Types of the ticketbridge package (wasm/dist): the same for every entry point (Node, browser,
// CommonJS). They need no DOM or Node lib: the few host shapes they mention (fetch, Response,
// Storage, URL) are declared structurally below, so any real implementation fits.

// ---- Host shapes -------------------------------------------------------------------------

/** What `fetch` must answer: the standard Response is one. */
export interface FetchResponseLike {
  readonly status: number;
  readonly type?: string;
  readonly headers: { forEach(callback: (value: string, name: string) => void): void };
  readonly body?: unknown;
  text(): Promise<string>;
}
export interface FetchInitLike {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal?: any;
  redirect?: 'manual';
}
/** The standard Fetch API (a browser's, Node 18+'s or undici's) fits this shape. */
export type FetchLike = (url: string, init: FetchInitLike) => Promise<FetchResponseLike>;
/** Web Storage (localStorage, sessionStorage) fits this shape. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}
/** A WHATWG URL. */
export interface UrlLike { readonly href: string }
/** A fetch Response carrying the .wasm (status checked, streamed when the host can). */
export interface WasmResponseLike {
  readonly ok: boolean;
  readonly status: number;
  readonly url?: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}
/** A compiled `WebAssembly.Module` (typed as an object: its type lives in the DOM lib). */
export type CompiledWasmModule = object;

// ---- Loading -----------------------------------------------------------------------------

export type WasmSource = ArrayBuffer | ArrayBufferView | string | UrlLike | WasmResponseLike | CompiledWasmModule;
export interface InitOptions {
  /**
   * The engine: its bytes, its URL (or a path, on Node), a fetch Response (or the promise
   * fetch() returns) or a compiled WebAssembly.Module. Default: ticketbridge-core.wasm beside
   * the package's module (read from disk on Node, fetched in browsers).
   */
  wasm?: WasmSource | PromiseLike<WasmSource>;
  /**
   * Run one small evaluation before resolving (default true), so the engine's code is
   * compiled during init() rather than on the first real call.
   */
  warmUp?: boolean;
  /**
   * Load the picture strings' module (ticketbridge-pictures.wasm) too, alongside the engine:
   * then synchronous evaluations of $formatNumber, $formatInteger, $parseInteger, $fromMillis,
   * $toMillis and $now work from the start. Default false: it is loaded by loadPictures(), or
   * by escalate(), testCall() and the drop-in's evaluate() when what they evaluate needs it.
   */
  pictures?: boolean;
  /** Where the pictures module is, as for `wasm`. Default: beside the package's module. */
  picturesWasm?: WasmSource | PromiseLike<WasmSource>;
}
/**
 * Loads the engine; every other function throws NOT_INITIALISED until it has settled. Safe
 * to call again (one load). Rejects with a TicketbridgeError: WASM_NOT_FOUND,
 * WASM_LOAD_FAILED, WASM_INVALID, WASM_INSTANTIATE_FAILED or INIT_OPTIONS_INVALID; and
 * WASM_JSONATA_ONLY when `ticketbridge/jsonata` had already loaded its JSONata-only engine.
 */
export declare function init(options?: InitOptions): Promise<void>;
export declare function isInitialised(): boolean;
/**
 * Loads the picture strings' module (once; later calls share the load). Until it is loaded, an
 * evaluation that reaches $formatNumber, $formatInteger, $parseInteger, $fromMillis, $toMillis
 * or $now fails with JsonataError PICTURES_NOT_LOADED, and loadConfig() refuses a configuration
 * whose expressions name one (ConfigError PICTURES_NOT_LOADED). Rejects like init() (WASM_*).
 */
export declare function loadPictures(options?: { wasm?: WasmSource | PromiseLike<WasmSource> }): Promise<void>;
/** Whether the pictures module is loaded. */
export declare function picturesLoaded(): boolean;
/** Version of the engine; '' until init() has loaded it. */
export declare const version: string;

// ---- Errors ------------------------------------------------------------------------------

/** Codes of the package's own loading errors (the engine's are listed in docs/errors.md). */
export type LoadErrorCode =
  | 'NOT_INITIALISED' | 'WASM_NOT_FOUND' | 'WASM_LOAD_FAILED' | 'WASM_INVALID'
  | 'WASM_INSTANTIATE_FAILED' | 'WASM_JSONATA_ONLY' | 'INIT_OPTIONS_INVALID';

/** Every error the package throws: a stable code plus where it happened. */
export declare class TicketbridgeError extends Error {
  code: string;
  path?: string;
  position?: number;
  line?: number;
  column?: number;
  token?: string;
  value?: unknown;
  toJSON(): { code: string; message: string; [key: string]: unknown };
}
export interface ProblemDetail { code: string; message: string; path?: string; position?: number }
export declare class ConfigError extends TicketbridgeError {
  /** Every problem found, each {code, message, path}. */
  errors?: ProblemDetail[];
}
/** Codes S0xxx (syntax), T0xxx (type), D1xxx-D3xxx (evaluation), with `position` and `token`. */
export declare class JsonataError extends TicketbridgeError {}
export declare class RenderError extends TicketbridgeError {}
export declare class EscalationError extends TicketbridgeError {}

// ---- The configuration document (docs/configuration.md) ---------------------------------

export type CredentialAuth =
  | { type: 'none' }
  | { type: 'basic'; username: string; password: string }
  | { type: 'bearer'; token: string; scheme?: string }
  | { type: 'apiKey'; header: string; value: string }
  | { type: 'oauth2ClientCredentials'; clientId: string; clientSecret: string; scope?: string; tokenUrl: string };
export interface CredentialConfig {
  description?: string;
  /** https://host[:port]/[path/]; plain http only for a loopback test ITSM. */
  baseUrl: string;
  auth: CredentialAuth;
  /** JSONata over an error body yielding the ITSM's own words for the failure reason. */
  errorMessage?: string;
  /** 2xx answers that are not JSON, recognised by a marker and explained by a reason. */
  unreadableAnswers?: { contains: string; reason: string }[];
}
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export interface ApiCallParameter { name: string; description?: string; required?: boolean; default?: JsonValue }
export interface ApiCallConfig {
  description?: string;
  credential: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Relative to the credential's baseUrl; {{parameter}} placeholders are encoded for where they stand. */
  resource: string;
  /** At most 5; never Authorization. */
  headers?: Record<string, string>;
  parameters?: ApiCallParameter[];
  /** The body as a JSON template (a string with {{parameter}} placeholders). */
  payload?: string;
  /** At most 5 JSONata expressions; an escalation call needs ticketId and ticketNumber. */
  outputs?: Record<string, string>;
}
export interface EscalationMessages { confirm?: string; escalated?: string; failed?: string; declined?: string }
export interface RetryPolicy { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number; deadlineMs?: number }
export interface EscalationConfig {
  apiCall: string;
  parameters?: Record<string, JsonValue>;
  lookup?: { apiCall: string; parameters?: Record<string, JsonValue> };
  /** https; where employees go when the ticket cannot be created. */
  fallbackUrl: string;
  requireConfirmation?: boolean;
  timeoutMs?: number;
  retry?: RetryPolicy;
  messages?: EscalationMessages;
  categoryThreshold?: number;
  redaction?: boolean | RedactionOptions;
}
/** The admin's configuration document (unknown fields are CONFIG_UNKNOWN_FIELD errors). */
export interface ConfigDocument {
  description?: string;
  credentials: Record<string, CredentialConfig>;
  apiCalls: Record<string, ApiCallConfig>;
  escalation?: EscalationConfig;
}
/** A configuration as an object, its JSON text, or one loadConfig() already validated. */
export type ConfigInput = ConfigDocument | string | Config;

/** A request as shown (secrets masked as "***"). */
export interface ShownRequest {
  id?: string;
  purpose?: 'token' | 'create' | 'lookup' | 'call';
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
  bodyJson?: unknown;
  timeoutMs?: number;
}

export interface OutputValue {
  name: string;
  defined: boolean;
  value?: unknown;
  error?: { code: string; message: string; position?: number };
}

export declare class Config {
  readonly summary: {
    credentials: Record<string, { baseUrl: string }>;
    apiCalls: Record<string, { method: string; credential: string; parameters: Array<{ name: string; required: boolean; description: string }>; outputs: string[] }>;
    escalation?: { apiCall: string; lookupApiCall: string | null; fallbackUrl: string };
  };
  render(callName: string, params?: Record<string, unknown>, options?: { accessToken?: string }): ShownRequest;
  /**
   * Only the body `render(callName, params)` would send, as the wire form holds it (a secret in a
   * value is not masked: send it, never show or log it), or null when the call has no payload.
   * Throws what render() throws for the same arguments. `params` may be its JSON text.
   */
  renderPayload(callName: string, params?: Record<string, unknown> | string): string | null;
  tokenRequest(callName: string): ShownRequest | null;
  outputs(callName: string, body: string | object): OutputValue[];
  redact(text: string, extra?: string): string;
}

export declare function loadConfig(config: ConfigInput): Config;
export declare function render(config: ConfigInput, callName: string, params?: Record<string, unknown>, options?: { accessToken?: string }): ShownRequest;

export interface JsonataOptions {
  maxDepth?: number;
  timeLimitMs?: number;
}
/** JSON text parsed once inside the engine; pass it as evaluate()'s input, any number of times. */
export declare class JsonDocument {
  constructor(jsonText: string | Uint8Array);
}
export declare function parseJson(jsonText: string | Uint8Array): JsonDocument;
export interface CompiledJsonata {
  /** A JS value (serialised to JSON for the engine) or a JsonDocument parsed earlier. */
  evaluate(input?: unknown, bindings?: Record<string, unknown>, options?: JsonataOptions): any;
  evaluateJson(jsonText: string | Uint8Array, bindings?: Record<string, unknown>, options?: JsonataOptions): any;
  /** The expression names a picture function: await loadPictures() before evaluating it. */
  readonly needsPictures: boolean;
}
export declare function jsonata(expression: string): CompiledJsonata;

export interface Conversation {
  id: string;
  employee?: { id?: string; name?: string; email?: string };
  device?: { name?: string };
  messages?: Array<{ role: 'employee' | 'assistant'; text: string; at?: string }>;
  diagnostics?: Array<{ name: string; result?: string }>;
  summary?: string;
  category?: string;
  subCategory?: string;
  [key: string]: unknown;
}

export interface HttpResponseEvent {
  requestId?: string;
  status: number;
  headers?: Record<string, string>;
  body?: string;
  bodyTruncated?: boolean;
  /** When no response arrived: "timeout", "connect", "reset", "network", or "blocked" (a page's cross-origin request refused: CORS). */
  error?: string;
}

export type Action =
  | { type: 'AskConfirmation'; message: string }
  | { type: 'HttpRequest'; request: ShownRequest; readonly wire: ShownRequest }
  | { type: 'Wait'; untilMs: number }
  | { type: 'Escalated'; ticketId: string; ticketNumber: string; existing: boolean; employeeMessage: string }
  | { type: 'Declined'; message: string }
  | { type: 'Failed'; code: string; reason: string; employeeMessage: string; fallbackUrl: string; summary: string };

export interface AuditEntry { at: number; event: string; from: string; to: string; detail: string }

export interface CockpitRecord {
  conversationId: string;
  status: 'not_started' | 'in_progress' | 'escalated' | 'escalation_failed' | 'declined';
  statusLabel: string;
  reason: string;
  attempts: number;
  ticket: { id: string; number: string } | null;
  failure: { code: string; reason: string } | null;
  audit: AuditEntry[];
}

export interface StartOptions {
  seed?: number;
  /** A pair proposed by the host; checked against the category list when one is set. */
  category?: string;
  subCategory?: string;
  /** Why the host set a stored snapshot aside: noted in the audit; the ticket is looked up before creating one. */
  setAside?: string;
  /** The host's store failed: look the ticket up before creating (fail without a lookup call). */
  storeUnavailable?: boolean;
}

export declare class CategoryError extends TicketbridgeError {
  report?: ImportReport;
}

export interface ImportProblem { line: number; column: number; code: string; message: string; severity: 'error' | 'warning' }
export interface ImportReport {
  accepted: boolean;
  rowsRead: number;
  imported: number;
  rejected: number;
  problems: ImportProblem[];
  tree: Record<string, string[]>;
}
export interface ImportOptions {
  formulas?: 'reject' | 'neutralise';
  maxBytes?: number;
  maxRows?: number;
  maxFieldChars?: number;
  maxProblems?: number;
}
export interface ClassifyOptions {
  threshold?: number;
  maxAlternatives?: number;
  employeeWeight?: number;
  summaryWeight?: number;
  diagnosticsWeight?: number;
  assistantWeight?: number;
  /** A synonym table in the built-in table's text format. */
  synonyms?: string;
}
export interface Classification {
  category: string | null;
  subCategory: string | null;
  confidence: number;
  alternatives: Array<{ category: string; subCategory: string; confidence: number }>;
}

export declare function importCategories(csv: string | Uint8Array, options?: ImportOptions): ImportReport;

/** The category list in force; replacing it is all-or-nothing. */
export declare class Categories {
  /** Optionally imports `csv` at once; throws CategoryError if the file is rejected. */
  constructor(csv?: string | Uint8Array, options?: ImportOptions);
  replaceFromCsv(csv: string | Uint8Array, options?: ImportOptions): ImportReport;
  readonly pairs: Array<{ category: string; subCategory: string }>;
  classify(conversation: Conversation | string, options?: ClassifyOptions): Classification;
  resolve(proposal: { category: string; subCategory?: string }): { category: string; subCategory: string };
}

/** The sans-I/O escalation machine: events in, the next action out. */
export declare class Escalation {
  constructor(config: ConfigInput);
  static restore(config: ConfigInput, snapshot: string | object): Escalation;
  setCategories(categories: Categories): void;
  start(conversation: Conversation | string, reason: string, nowMs: number, options?: StartOptions): Action;
  /** A conversation that cannot be read ends in a Failed action with the fallback URL and a summary. */
  reject(problem: { code: string; message?: string }, reason: string, nowMs: number): Action;
  confirm(yes: boolean, nowMs: number): Action;
  receive(response: HttpResponseEvent, nowMs: number): Action;
  tick(nowMs: number): Action;
  resume(nowMs: number): Action;
  readonly phase: string;
  record(): CockpitRecord;
  snapshot(): string;
  /** Frees the WebAssembly side now; the object is unusable afterwards. */
  dispose(): void;
}

type MaybePromise<T> = T | Promise<T>;

/** Where snapshots live. get/set alone serve one host; the claim methods let a fleet share it. */
export interface SnapshotStore {
  get(key: string): MaybePromise<string | undefined>;
  set(key: string, value: string, options?: { ttlMs?: number }): MaybePromise<unknown>;
  delete?(key: string): MaybePromise<unknown>;
  /** Compare-and-set with an expiry: a token when this caller now holds the key, else null. */
  claim?(key: string, leaseMs: number): MaybePromise<{ token: string } | null>;
  renew?(key: string, token: string, leaseMs: number): MaybePromise<boolean>;
  /** Writes only while `token` holds the claim (false otherwise); leaseMs extends it. */
  save?(key: string, token: string, value: string, options?: { ttlMs?: number; leaseMs?: number }): MaybePromise<boolean>;
  release?(key: string, token: string): MaybePromise<boolean>;
  /** Drops expired snapshots and claims. */
  sweep?(): MaybePromise<unknown>;
  close?(): MaybePromise<void>;
}

export declare class StoreError extends TicketbridgeError {}

export interface EscalateOptions {
  fetch?: FetchLike;
  confirm?: (message: string) => boolean | Promise<boolean>;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  reason?: string;
  seed?: number;
  store?: SnapshotStore;
  onAction?: (action: Action) => void;
  category?: string;
  subCategory?: string;
  categories?: Categories;
  /** How long a claim lasts without renewal (a crashed instance's claim lapses after it). Default 30000. */
  leaseMs?: number;
  /** How long a final snapshot is kept; 0 deletes it at once. Default 86400000 (24 h). */
  retentionMs?: number;
  /** How often an instance waiting for another's claim looks again. Default 100. */
  pollMs?: number;
  /** Longest wait for another instance's claim before going on without the store. Default 660000. */
  waitLimitMs?: number;
}

export interface StoreProblem { code: string; message: string }

export type EscalationOutcome =
  | { status: 'escalated'; ticketNumber: string; ticketId: string; existing: boolean; employeeMessage: string; record: CockpitRecord; storeError?: StoreProblem }
  | { status: 'declined'; employeeMessage: string; record: CockpitRecord; storeError?: StoreProblem }
  | { status: 'failed'; code: string; reason: string; employeeMessage: string; fallbackUrl: string; summary: string; record: CockpitRecord; storeError?: StoreProblem };

export declare function escalate(config: ConfigInput, conversation: Conversation | string, options?: EscalateOptions): Promise<EscalationOutcome>;

export interface TestCallReport {
  request?: ShownRequest;
  status?: number;
  durationMs?: number;
  response?: { headers: Record<string, string>; body: unknown; bodyTruncated?: boolean };
  outputs?: OutputValue[];
  token?: { status: number; error?: string };
  error?: { code: string; message: string };
}
export declare function testCall(config: ConfigInput, callName: string, params?: Record<string, unknown>, options?: { fetch?: FetchLike; now?: () => number }): Promise<TestCallReport>;

/** Sends one request; never throws. `pageOrigin` (default: the page's location.origin) lets a refused cross-origin request be told from a network failure. */
export declare function perform(wire: ShownRequest, fetchImpl: FetchLike, options?: { maxBytes?: number; pageOrigin?: string }): Promise<HttpResponseEvent>;
export declare function escalationKey(conversationId: string): string;
export declare function memoryStore(options?: { now?: () => number }): SnapshotStore & { readonly size: number };
export declare function localStorageStore(storage?: StorageLike, prefix?: string, options?: { now?: () => number }): SnapshotStore;
/** Node only (the `node` export condition); absent from the browser build. Refuses a URL (redis://, file:) with StoreError STORE_INVALID_LOCATION. */
export declare function fileStore(dir: string, options?: { now?: () => number; sweepEveryMs?: number }): Promise<SnapshotStore>;

export interface RedactionOptions {
  enabled?: boolean;
  emails?: boolean;
  phones?: boolean;
  cards?: boolean;
  secrets?: boolean;
  highEntropy?: boolean;
  highEntropyMinLength?: number;
  terms?: string[];
  wholeWordTerms?: boolean;
  placeholders?: { email?: string; phone?: string; card?: string; secret?: string; term?: string };
}
export interface RedactionResult {
  text: string;
  counts: { email: number; phone: number; card: number; secret: number; term: number };
  invalidUtf8: number;
}
export declare function redactText(text: string, options?: RedactionOptions): RedactionResult;
