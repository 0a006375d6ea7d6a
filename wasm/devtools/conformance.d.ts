// Types of ticketbridge-devtools/conformance: the JSONata conformance runner.

export interface ConformanceCase {
  id: string;
  group: string;
  expr: string;
  input: unknown;
  spec: Record<string, unknown>;
}
/** Every case of a suite directory (groups/<group>/*.json, datasets/). */
export declare function loadSuite(suiteDir: string, options?: { group?: string }): ConformanceCase[];
/** Runs the suite as `ticketbridge-conformance` does; resolves with the exit code. */
export declare function runConformance(argv: string[], options?: { stdout?: { write(text: string): unknown } }): Promise<number>;
