// The slice of Architect's expression language that handover workflows use, as pure functions:
// `Flow.` variables, string/number/boolean literals and NOT_SET, the operators
// == != < <= > >= + - * / % and or not !, parentheses, and the functions IsSet,
// IsNotSetOrEmpty, ToString, If, Append and GetJsonObjectProperty. Sources: Genesys's "Work with expressions" and
// "Use NOT_SET in expressions" (help.mypurecloud.com/articles/using-not_set-expressions/):
// NOT_SET is not "", `ToString(NOT_SET) == ""` is false, and arithmetic on NOT_SET is a
// runtime error. Anything else is refused with a message naming it, never guessed.

/** NOT_SET: a scalar with no value. */
export const NOT_SET = undefined;
export type Value = string | number | boolean | Record<string, unknown> | unknown[] | undefined;

export class ExpressionError extends Error {}

type Token = { kind: "num"; value: number } | { kind: "str"; value: string } | { kind: "id"; value: string } | { kind: "op"; value: string };

const OPERATORS = ["==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "%", "!", "(", ")", ","];

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let value = "";
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === "\\" && i + 1 < text.length) i++;
        value += text[i++];
      }
      if (text[i] !== '"') throw new ExpressionError(`Unterminated string literal in expression '${text}'`);
      i++;
      tokens.push({ kind: "str", value });
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(text.slice(i))!;
      tokens.push({ kind: "num", value: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(text.slice(i))!;
      tokens.push({ kind: "id", value: m[0] });
      i += m[0].length;
    } else {
      const op = OPERATORS.find((o) => text.startsWith(o, i));
      if (!op) throw new ExpressionError(`Unexpected character '${c}' in expression '${text}'`);
      tokens.push({ kind: "op", value: op });
      i += op.length;
    }
  }
  return tokens;
}

/** Evaluates `text` with `variables` keyed by full name (`Flow.addressTo`). */
export function evaluate(text: string, variables: Readonly<Record<string, Value>>): Value {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const isOp = (v: string) => peek()?.kind === "op" && peek()!.value === v;
  const isWord = (v: string) => peek()?.kind === "id" && String(peek()!.value).toLowerCase() === v;
  const take = () => String(tokens[pos++].value);
  const expect = (v: string) => {
    if (!isOp(v)) throw new ExpressionError(`Expected '${v}' in expression '${text}'`);
    pos++;
  };

  const or = (): Value => {
    let left = and();
    while (isWord("or")) {
      pos++;
      const right = and();
      left = bool(left, "or") || bool(right, "or");
    }
    return left;
  };
  const and = (): Value => {
    let left = not();
    while (isWord("and")) {
      pos++;
      const right = not();
      left = bool(left, "and") && bool(right, "and");
    }
    return left;
  };
  const not = (): Value => {
    if (isOp("!") || isWord("not")) {
      pos++;
      return !bool(not(), "not");
    }
    return comparison();
  };
  const comparison = (): Value => {
    const left = sum();
    const op = peek();
    if (op?.kind === "op" && ["==", "!=", "<", "<=", ">", ">="].includes(op.value)) {
      pos++;
      return compare(op.value, left, sum());
    }
    return left;
  };
  const sum = (): Value => {
    let left = product();
    while (isOp("+") || isOp("-")) {
      const op = take();
      left = arithmetic(op, left, product());
    }
    return left;
  };
  const product = (): Value => {
    let left = unary();
    while (isOp("*") || isOp("/") || isOp("%")) {
      const op = take();
      left = arithmetic(op, left, unary());
    }
    return left;
  };
  const unary = (): Value => {
    if (isOp("-")) {
      pos++;
      return arithmetic("-", 0, unary());
    }
    return primary();
  };
  const primary = (): Value => {
    const t = tokens[pos++];
    if (!t) throw new ExpressionError(`Expression '${text}' ends too early`);
    if (t.kind === "num" || t.kind === "str") return t.value;
    if (t.kind === "op") {
      if (t.value !== "(") throw new ExpressionError(`Unexpected '${t.value}' in expression '${text}'`);
      const inner = or();
      expect(")");
      return inner;
    }
    const word = t.value;
    if (isOp("(")) {
      pos++;
      const args: Value[] = [];
      if (!isOp(")")) {
        args.push(or());
        while (isOp(",")) {
          pos++;
          args.push(or());
        }
      }
      expect(")");
      return call(word, args);
    }
    if (word.toLowerCase() === "true") return true;
    if (word.toLowerCase() === "false") return false;
    if (word === "NOT_SET") return NOT_SET;
    if (word.startsWith("Flow.")) {
      if (!(word in variables)) throw new ExpressionError(`Unable to resolve variable '${word}' in expression '${text}'`);
      return variables[word];
    }
    throw new ExpressionError(`The emulator does not evaluate '${word}' in expression '${text}' (only Flow. variables, literals and NOT_SET)`);
  };

  const result = or();
  if (pos < tokens.length) throw new ExpressionError(`Unexpected '${String(tokens[pos].value)}' in expression '${text}'`);
  return result;
}

function bool(v: Value, op: string): boolean {
  if (typeof v !== "boolean") throw new ExpressionError(`'${op}' needs boolean operands, got ${describe(v)}`);
  return v;
}

function describe(v: Value): string {
  return v === NOT_SET ? "NOT_SET" : JSON.stringify(v);
}

function compare(op: string, a: Value, b: Value): boolean {
  if (op === "==") return a === b;
  if (op === "!=") return a !== b;
  if (typeof a !== typeof b || (typeof a !== "number" && typeof a !== "string")) {
    throw new ExpressionError(`'${op}' cannot compare ${describe(a)} with ${describe(b)}`);
  }
  const x = a as number | string;
  const y = b as number | string;
  return op === "<" ? x < y : op === "<=" ? x <= y : op === ">" ? x > y : x >= y;
}

function arithmetic(op: string, a: Value, b: Value): Value {
  if (a === NOT_SET || b === NOT_SET) throw new ExpressionError(`'${op}' on a NOT_SET value has no answer (check it with IsSet first)`);
  if (op === "+" && typeof a === "string" && typeof b === "string") return a + b;
  if (typeof a !== "number" || typeof b !== "number") throw new ExpressionError(`'${op}' cannot combine ${describe(a)} and ${describe(b)}`);
  if ((op === "/" || op === "%") && b === 0) throw new ExpressionError(`Division by zero`);
  return op === "+" ? a + b : op === "-" ? a - b : op === "*" ? a * b : op === "/" ? a / b : a % b;
}

function arity(name: string, args: Value[], n: number): void {
  if (args.length !== n) throw new ExpressionError(`${name} takes ${n} argument(s), got ${args.length}`);
}

function call(name: string, args: Value[]): Value {
  switch (name) {
    case "IsSet":
      arity(name, args, 1);
      return args[0] !== NOT_SET;
    case "IsNotSetOrEmpty":
      arity(name, args, 1);
      return args[0] === NOT_SET || args[0] === "" || (Array.isArray(args[0]) && args[0].length === 0);
    case "ToString":
      arity(name, args, 1);
      if (args[0] === NOT_SET) return NOT_SET;
      return typeof args[0] === "string" ? args[0] : JSON.stringify(args[0]);
    case "If":
      arity(name, args, 3);
      return bool(args[0], "If") ? args[1] : args[2];
    case "GetJsonObjectProperty": {
      arity(name, args, 2);
      const [json, key] = args;
      if (typeof json !== "object" || json === null || Array.isArray(json) || typeof key !== "string") {
        throw new ExpressionError(`GetJsonObjectProperty takes a JSON object and a property name, got ${args.map(describe).join(", ")}`);
      }
      return (json as Record<string, unknown>)[key] as Value;
    }
    case "Append":
      if (args.some((a) => typeof a !== "string")) throw new ExpressionError(`Append takes strings, got ${args.map(describe).join(", ")}`);
      return args.join("");
    default:
      throw new ExpressionError(`The emulator does not evaluate the function '${name}' (it knows IsSet, IsNotSetOrEmpty, ToString, If, Append, GetJsonObjectProperty)`);
  }
}
