// Types of ticketbridge-devtools/itsm-sim: the built-in ITSM (ServiceNow Table API simulator).

export interface SimUser { username: string; password: string; roles?: string[]; name?: string }
export interface SimOAuthClient { clientId: string; clientSecret: string; user: string }
export interface SimBearerToken { token: string; user: string }

export interface SimulatorOptions {
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** JSON file records persist to (default `.sim-data/itsm.json`); null keeps them in memory. */
  dataFile?: string | null;
  users?: SimUser[];
  oauthClients?: SimOAuthClient[];
  bearerTokens?: SimBearerToken[];
  tokenTtlMs?: number;
  refreshTokenTtlMs?: number;
  now?: () => number;
  maxBodyBytes?: number;
  /** Conditions on unknown fields match nothing (glide.invalid_query.returns_no_rows). */
  strictQuery?: boolean;
  /** Answer CORS preflights and allow any origin (default true). */
  cors?: boolean;
  log?: (line: string) => void;
}

/** "500", 429, "429:5", "slow:250", "timeout", "reset", "hibernate", … (docs/itsm-sim.md). */
export type FaultSpec = string | number;
export interface Fault { kind: string; text: string; seconds?: number; ms?: number }

export interface Simulator {
  /** Base URL, e.g. http://127.0.0.1:41234/ */
  url: string;
  port: number;
  dataFile: string | null;
  credentials: { users: SimUser[]; oauthClients: SimOAuthClient[]; bearerTokens: SimBearerToken[] };
  close(): Promise<void>;
  incidents(): Array<Record<string, unknown>>;
  queueFaults(faults: FaultSpec[]): void;
  clearFaults(): void;
  stats(): Record<string, unknown>;
  reset(): void;
}

export declare function startSimulator(options?: SimulatorOptions): Promise<Simulator>;
export declare const DEFAULT_DATA_FILE: string;
export declare const DEFAULT_MAX_BODY_BYTES: number;
export declare const DEFAULT_CLI_PORT: number;
export declare const DEFAULT_USERS: readonly SimUser[];
export declare const DEFAULT_OAUTH_CLIENTS: readonly SimOAuthClient[];
export declare const DEFAULT_BEARER_TOKENS: readonly SimBearerToken[];
export declare const HIBERNATION_PAGE: string;
/** Parses one fault queue entry; throws on an unknown one. */
export declare function parseFault(entry: FaultSpec): Fault;
/** Parses the command line of `ticketbridge-itsm-sim`; throws an Error with a usage message. */
export declare function parseSimulatorArgs(argv: string[]):
  | { help: true }
  | { help: false; port: number; dataFile: string | null; quiet: boolean };
/** Runs the simulator as a command until SIGINT/SIGTERM; resolves with the exit code. */
export declare function runSimulatorCli(argv: string[]): Promise<number>;
