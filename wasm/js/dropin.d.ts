// Types of `ticketbridge/jsonata`: jsonata-js 2.x's API over the ticketbridge engine.
import type { JsonataError } from './index.js';

export interface JsonataDropInOptions {
  /** This engine's guardrails for every evaluation (D1012 / D1011 beyond them). */
  timeLimitMs?: number;
  maxDepth?: number;
}
/** The `this` a JavaScript function called from an expression sees. */
export interface FunctionContext { input: unknown; environment: null }
export type JsonataFunction = (this: FunctionContext, ...args: any[]) => unknown;

export interface Expression {
  /** Resolves with the result (undefined for no match); rejects with a JsonataError or what a function threw. */
  evaluate(input: unknown, bindings?: Record<string, unknown>, callback?: (error: JsonataError | null, result?: unknown) => void): Promise<any>;
  /** Binds `$name` to a value or a JavaScript function for every later evaluation. */
  assign(name: string, value: unknown): void;
  /** Binds `$name` to a JavaScript function; its arguments are checked against `signature` (e.g. "<n-n:n>"). */
  registerFunction(name: string, implementation: JsonataFunction, signature?: string): void;
}

/** Compiles `expression`; throws a JsonataError (S0xxx, position, token) on a syntax error once the engine is loaded. */
declare function jsonata(expression: string, options?: JsonataDropInOptions): Expression;
export default jsonata;
