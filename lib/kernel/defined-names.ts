/**
 * The names a cell's code binds in the module's namespace when it runs: what a `NameError` in
 * another cell may be missing. Read from the code's syntax tree (the editor's Python parser,
 * Lezer), so names inside strings and comments never count, and without asking a kernel: the
 * answer is needed for other people's cells, whose code this Python may never have run.
 *
 * Module scope is what counts: assignment targets (tuple and starred unpacking included, an
 * attribute or item target `a.x = 1` binds nothing), augmented and annotated assignment (a bare
 * annotation `z: int` binds nothing), `def`, `class`, `type`, `import a.b` (binds `a`), `import a
 * as b`, `from m import x [as y]`, `for` and `with ... as` targets, the walrus (also inside a
 * comprehension, which is where Python binds it), and `match` captures, at any depth of `if`,
 * `for`, `while`, `try` and `with` blocks, but not inside a function, class body or lambda.
 * `except E as e` is left out: Python deletes `e` when the block ends. A star import's names are
 * unknown. IPython's line magics are blanked first except `%time stmt`, which runs `stmt`.
 *
 * Best effort by design: the parser recovers from errors, so a cell that does not parse still
 * yields the names its readable statements bind.
 */
import { pythonLanguage } from "@codemirror/lang-python";

/** A node of the parser's tree (named through the parser, which is what this module depends on). */
type SyntaxNode = ReturnType<typeof pythonLanguage.parser.parse>["topNode"];

/** Containers an unpacking target may nest in. */
const TARGET_GROUPS = new Set(["TupleExpression", "ArrayExpression", "ParenthesizedExpression"]);

/** `%time stmt` runs stmt; every other magic or shell line is not Python (python-magics.ts). */
const TIME_MAGIC = /^(\s*)%time(\s+)/;
const MAGIC_LINE = /^\s*(?:[\p{L}_][\p{L}\p{N}_.]*\s*=\s*)?[%!]/u;

/** The source with IPython's magic lines blanked (lengths kept, so positions stay meaningful). */
function withoutMagics(source: string): string {
  if (!/[%!]/.test(source)) return source;
  return source
    .split("\n")
    .map((line) => {
      const time = TIME_MAGIC.exec(line);
      if (time) return " ".repeat(time[0].length) + line.slice(time[0].length);
      return MAGIC_LINE.test(line) ? " ".repeat(line.length) : line;
    })
    .join("\n");
}

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) out.push(child);
  return out;
}

/** Parsed sources, most recent last: a hint re-reads every cell whenever the notebook changes. */
const cache = new Map<string, ReadonlySet<string>>();
const CACHE_SIZE = 500;

/** The names bound at module scope by running `source`. */
export function definedNames(source: string): ReadonlySet<string> {
  const hit = cache.get(source);
  if (hit) return hit;
  const names = scanSource(source);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(source, names);
  return names;
}

function scanSource(source: string): ReadonlySet<string> {
  const code = withoutMagics(source);
  const names = new Set<string>();
  const text = (node: SyntaxNode) => code.slice(node.from, node.to);
  const bind = (node: SyntaxNode | null | undefined) => {
    if (node?.name === "VariableName") names.add(text(node));
  };

  /** An assignment, `for` or `with` target: a name, or names unpacked from a tuple or list. */
  const target = (node: SyntaxNode) => {
    if (node.name === "VariableName") bind(node);
    else if (TARGET_GROUPS.has(node.name)) children(node).forEach(target);
    // MemberExpression (`a.x`, `d[k]`) and anything else binds nothing.
  };

  /** Walks a statement or expression, binding what it binds at module scope. */
  const scan = (node: SyntaxNode): void => {
    const parts = children(node);
    switch (node.name) {
      case "FunctionDefinition":
      case "ClassDefinition":
        return bind(parts.find((p) => p.name === "VariableName"));
      case "TypeDefinition":
        return bind(parts.find((p) => p.name === "VariableName"));
      case "LambdaExpression":
        return;
      case "AssignStatement": {
        // Every part before the last `=` is a target (`x = y = 1`); a bare annotation binds nothing.
        const lastAssign = parts.findLastIndex((p) => p.name === "AssignOp");
        parts.slice(0, Math.max(lastAssign, 0)).forEach(target);
        return parts.slice(lastAssign + 1).forEach(scan);
      }
      case "UpdateStatement":
        target(parts[0]!);
        return parts.slice(1).forEach(scan);
      case "ImportStatement":
        return importStatement(parts);
      case "ForStatement": {
        const inAt = parts.findIndex((p) => p.name === "in");
        if (inAt < 0) return parts.forEach(scan);
        parts.slice(0, inAt).forEach(target);
        return parts.slice(inAt).forEach(scan);
      }
      case "WithStatement":
        parts.forEach((p, i) => (parts[i - 1]?.name === "as" ? target(p) : scan(p)));
        return;
      case "NamedExpression":
        bind(parts[0]);
        return parts.slice(1).forEach(scan);
      case "ArgList":
        // `f(y := 1)` parses as a name then `:=` inside the arguments.
        parts.forEach((p, i) => {
          const next = parts[i + 1];
          if (p.name === "VariableName" && next?.name === "AssignOp" && text(next) === ":=") bind(p);
          else scan(p);
        });
        return;
      case "CapturePattern":
        if (text(node) !== "_") bind(parts[0]);
        return;
      case "AsPattern":
        scan(parts[0]!);
        return bind(parts[parts.length - 1]);
      default:
        return parts.forEach(scan);
    }
  };

  /** `import a.b, c as d` binds a and d; `from m import x, y as z` binds x and z. */
  function importStatement(parts: SyntaxNode[]) {
    let group: SyntaxNode[] = [];
    const end = () => {
      const as = group.findIndex((p) => p.name === "as");
      bind(as >= 0 ? group[as + 1] : group.find((p) => p.name === "VariableName"));
      group = [];
    };
    // The names come after the `import` keyword (the module a `from` names comes before it).
    for (const part of parts.slice(parts.findIndex((p) => p.name === "import") + 1)) {
      if (part.name === ",") end();
      else group.push(part);
    }
    end();
  }

  scan(pythonLanguage.parser.parse(code).topNode);
  return names;
}
