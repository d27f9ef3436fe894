// The slice of mvdan-sh (mvdan/sh compiled to JS by GopherJS) that parse.ts uses. Nodes are Go structs
// exposed as JS objects: fields by their Go names, slices as arrays, nil pointers as null.
declare module 'mvdan-sh' {
  /** Any syntax node; its kind comes from `syntax.NodeType(node)`. */
  export type GoNode = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  /** A reusable parser. `Parse` throws a Go error value (with an `Error()` method) on bad input. */
  export interface GoParser {
    Parse(source: string, name: string): GoNode;
  }

  export interface Syntax {
    NewParser(...options: unknown[]): GoParser;
    NodeType(node: GoNode): string;
    /** Calls `visit` on every node, depth first, then `visit(null)` when leaving it; `false` skips children. */
    Walk(node: GoNode, visit: (node: GoNode | null) => boolean): void;
  }

  export const syntax: Syntax;
  const mvdanSh: { syntax: Syntax };
  export default mvdanSh;
}
