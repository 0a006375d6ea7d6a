// Types of `require('ticketbridge/jsonata')`: the same drop-in, as a CommonJS export.
import type { JsonataError } from './index.cjs';

declare namespace jsonata {
  interface JsonataDropInOptions { timeLimitMs?: number; maxDepth?: number }
  interface FunctionContext { input: unknown; environment: null }
  type JsonataFunction = (this: FunctionContext, ...args: any[]) => unknown;
  interface AncestorSlot { label: string; level: number; index: number }
  interface ExprNode {
    type: string; value?: any; position?: number; steps?: ExprNode[]; stages?: ExprNode[]; predicate?: ExprNode[];
    expr?: ExprNode; expression?: ExprNode; expressions?: ExprNode[]; lhs?: ExprNode | ExprNode[][]; rhs?: ExprNode;
    group?: { lhs: ExprNode[][]; position: number }; procedure?: ExprNode; arguments?: ExprNode[];
    signature?: { definition: string }; body?: ExprNode; thunk?: boolean; condition?: ExprNode; then?: ExprNode;
    else?: ExprNode; pattern?: ExprNode; update?: ExprNode; delete?: ExprNode;
    terms?: { descending: boolean; expression: ExprNode }[]; keepArray?: boolean; keepSingletonArray?: boolean;
    consarray?: boolean; tuple?: boolean; focus?: string; index?: string; ancestor?: AncestorSlot; slot?: AncestorSlot;
    seekingParent?: AncestorSlot[];
  }
  interface Expression {
    evaluate(input: unknown, bindings?: Record<string, unknown>, callback?: (error: JsonataError | null, result?: unknown) => void): Promise<any>;
    assign(name: string, value: unknown): void;
    registerFunction(name: string, implementation: JsonataFunction, signature?: string): void;
    ast(): ExprNode;
  }
}
declare function jsonata(expression: string, options?: jsonata.JsonataDropInOptions): jsonata.Expression;
export = jsonata;
