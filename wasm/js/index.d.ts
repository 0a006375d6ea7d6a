// Types of the ticketbridge package (wasm/dist/index.mjs).

export declare const version: string;

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
export declare class ConfigError extends TicketbridgeError {
  /** Every problem found, each {code, message, path}. */
  errors?: Array<{ code: string; message: string; path?: string; position?: number }>;
}
export declare class JsonataError extends TicketbridgeError {}
export declare class RenderError extends TicketbridgeError {}
export declare class EscalationError extends TicketbridgeError {}

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
  tokenRequest(callName: string): ShownRequest | null;
  outputs(callName: string, body: string | object): OutputValue[];
  redact(text: string, extra?: string): string;
}

export declare function loadConfig(config: string | object | Config): Config;
export declare function render(config: string | object | Config, callName: string, params?: Record<string, unknown>): ShownRequest;

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
  /** When no response arrived: "timeout", "connect", "reset", "network". */
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
  constructor(config: string | object | Config);
  static restore(config: string | object | Config, snapshot: string | object): Escalation;
  setCategories(categories: Categories): void;
  start(conversation: Conversation | string, reason: string, nowMs: number, options?: StartOptions): Action;
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
  fetch?: typeof fetch;
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

export declare function escalate(config: string | object | Config, conversation: Conversation | string, options?: EscalateOptions): Promise<EscalationOutcome>;

export interface TestCallReport {
  request?: ShownRequest;
  status?: number;
  durationMs?: number;
  response?: { headers: Record<string, string>; body: unknown; bodyTruncated?: boolean };
  outputs?: OutputValue[];
  token?: { status: number; error?: string };
  error?: { code: string; message: string };
}
export declare function testCall(config: string | object | Config, callName: string, params?: Record<string, unknown>, options?: { fetch?: typeof fetch; now?: () => number }): Promise<TestCallReport>;

export declare function perform(wire: ShownRequest, fetchImpl: typeof fetch, options?: { maxBytes?: number }): Promise<HttpResponseEvent>;
export declare function escalationKey(conversationId: string): string;
export declare function memoryStore(options?: { now?: () => number }): SnapshotStore & { readonly size: number };
export declare function localStorageStore(storage?: Storage, prefix?: string, options?: { now?: () => number }): SnapshotStore;
/** Refuses a URL (redis://, file:) with StoreError STORE_INVALID_LOCATION. */
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
