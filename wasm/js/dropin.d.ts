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

/** A parent operator's (%) slot: the label its ancestor is recorded under, and how far up. */
export interface AncestorSlot { label: string; level: number; index: number }
/**
 * A node of the tree ast() returns, as jsonata-js 2.x shapes it: `type` says which members
 * it has ("path": steps; "binary" / "bind" / "apply": value, lhs, rhs; "unary": value and
 * expression, expressions or lhs pairs; "function" / "partial": procedure, arguments;
 * "lambda": arguments, signature, body; "condition", "transform", "block", "sort", "parent",
 * "name", "string", "number", "value", "variable", "regex" (value: a RegExp), "wildcard",
 * "descendant", "operator"; stages are "filter" (expr) and "index" (value)).
 */
export interface ExprNode {
  type: string;
  value?: any;
  position?: number;
  steps?: ExprNode[];
  stages?: ExprNode[];
  predicate?: ExprNode[];
  expr?: ExprNode;
  expression?: ExprNode;
  expressions?: ExprNode[];
  lhs?: ExprNode | ExprNode[][];
  rhs?: ExprNode;
  group?: { lhs: ExprNode[][]; position: number };
  procedure?: ExprNode;
  arguments?: ExprNode[];
  signature?: { definition: string };
  body?: ExprNode;
  thunk?: boolean;
  condition?: ExprNode;
  then?: ExprNode;
  else?: ExprNode;
  pattern?: ExprNode;
  update?: ExprNode;
  delete?: ExprNode;
  terms?: { descending: boolean; expression: ExprNode }[];
  keepArray?: boolean;
  keepSingletonArray?: boolean;
  consarray?: boolean;
  tuple?: boolean;
  focus?: string;
  index?: string;
  ancestor?: AncestorSlot;
  slot?: AncestorSlot;
  seekingParent?: AncestorSlot[];
}

export interface Expression {
  /** Resolves with the result (undefined for no match); rejects with a JsonataError or what a function threw. */
  evaluate(input: unknown, bindings?: Record<string, unknown>, callback?: (error: JsonataError | null, result?: unknown) => void): Promise<any>;
  /** Binds `$name` to a value or a JavaScript function for every later evaluation. */
  assign(name: string, value: unknown): void;
  /** Binds `$name` to a JavaScript function; its arguments are checked against `signature` (e.g. "<n-n:n>"). */
  registerFunction(name: string, implementation: JsonataFunction, signature?: string): void;
  /** The parsed tree as jsonata-js's ast() gives it (a fresh copy per call); throws NOT_INITIALISED before init(). */
  ast(): ExprNode;
}

/** Compiles `expression`; throws a JsonataError (S0xxx, position, token) on a syntax error once the engine is loaded. */
declare function jsonata(expression: string, options?: JsonataDropInOptions): Expression;
export default jsonata;
