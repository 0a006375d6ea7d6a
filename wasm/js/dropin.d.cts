// Types of `require('ticketbridge/jsonata')`: the same drop-in, as a CommonJS export.
import type { JsonataError } from './index.cjs';

declare namespace jsonata {
  interface JsonataDropInOptions { timeLimitMs?: number; maxDepth?: number }
  interface FunctionContext { input: unknown; environment: null }
  type JsonataFunction = (this: FunctionContext, ...args: any[]) => unknown;
  interface Expression {
    evaluate(input: unknown, bindings?: Record<string, unknown>, callback?: (error: JsonataError | null, result?: unknown) => void): Promise<any>;
    assign(name: string, value: unknown): void;
    registerFunction(name: string, implementation: JsonataFunction, signature?: string): void;
  }
}
declare function jsonata(expression: string, options?: jsonata.JsonataDropInOptions): jsonata.Expression;
export = jsonata;
