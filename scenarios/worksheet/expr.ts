// The worksheet's small formula language, for computed columns and automatic checks:
//   (price - cost) / price * 100        arithmetic over a row's columns and the task's figures
//   sum(qty * cost) <= budget           aggregates over the rows of a table (sum avg min max count)
//   picked and margin >= 20             comparisons, and / or / not, string literals "食品"
// Parsed once into a tree (parse errors carry the column in the formula), evaluated many times
// without allocation per row beyond the value itself. Pure: no eval, no globals.

export type Value = number | string | boolean | null;

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'bool'; v: boolean }
  | { k: 'ref'; name: string; at: number }
  | { k: 'neg'; e: Expr }
  | { k: 'not'; e: Expr }
  | { k: 'bin'; op: BinOp; a: Expr; b: Expr }
  | { k: 'agg'; fn: AggFn; e: Expr | null; at: number }
  | { k: 'call'; fn: CallFn; args: Expr[]; at: number };

export type BinOp = '+' | '-' | '*' | '/' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';
export const AGG_FNS = ['sum', 'avg', 'min', 'max', 'count'] as const;
export type AggFn = (typeof AGG_FNS)[number];
/** Functions of values in one row: abs(x), round(x, digits), least(a, b, …), greatest(a, b, …). */
export const CALL_FNS = ['abs', 'round', 'least', 'greatest'] as const;
export type CallFn = (typeof CALL_FNS)[number];

export class ExprError extends Error {
  /** 0-based character offset in the formula. */
  readonly at: number;
  constructor(message: string, at: number) {
    super(message);
    this.at = at;
  }
}

type Tok = { t: 'num'; v: number; at: number } | { t: 'str'; v: string; at: number } | { t: 'id'; v: string; at: number } | { t: 'op'; v: string; at: number };

const IDENT = /[a-z_][a-z0-9_]*/y;
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)/y;
const OPS = ['<=', '>=', '==', '!=', '+', '-', '*', '/', '(', ')', '<', '>', ','];

function tokens(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] ?? '';
    if (c === ' ' || c === '\t' || c === '\n') {
      i++;
      continue;
    }
    NUMBER.lastIndex = i;
    const num = NUMBER.exec(src);
    if (num && /[\d.]/.test(c)) {
      out.push({ t: 'num', v: Number(num[0]), at: i });
      i += num[0].length;
      continue;
    }
    IDENT.lastIndex = i;
    const id = IDENT.exec(src);
    if (id) {
      out.push({ t: 'id', v: id[0], at: i });
      i += id[0].length;
      continue;
    }
    if (c === '"') {
      const end = src.indexOf('"', i + 1);
      if (end < 0) throw new ExprError('字符串缺少结束引号 (unterminated string)', i);
      out.push({ t: 'str', v: src.slice(i + 1, end), at: i });
      i = end + 1;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op === undefined) throw new ExprError(`无法识别的字符 “${c}” (unexpected character)`, i);
    out.push({ t: 'op', v: op, at: i });
    i += op.length;
  }
  return out;
}

const PRECEDENCE: Readonly<Record<string, number>> = { or: 1, and: 2, '==': 3, '!=': 3, '<': 3, '<=': 3, '>': 3, '>=': 3, '+': 4, '-': 4, '*': 5, '/': 5 };

/** Parses a formula; throws ExprError with the offset of the problem. */
export function parseExpr(src: string): Expr {
  const toks = tokens(src);
  let p = 0;
  const peek = () => toks[p];
  const fail = (msg: string, at = peek()?.at ?? src.length): never => {
    throw new ExprError(msg, at);
  };
  const expect = (v: string) => {
    const tok = peek();
    if (tok?.t !== 'op' || tok.v !== v) fail(`此处应为 “${v}” (expected ${v})`);
    p++;
  };
  const binOp = (tok: Tok | undefined): string | null => {
    if (tok === undefined) return null;
    if (tok.t === 'op' && tok.v in PRECEDENCE) return tok.v;
    if (tok.t === 'id' && (tok.v === 'and' || tok.v === 'or')) return tok.v;
    return null;
  };
  const primary = (): Expr => {
    const tok = peek();
    if (tok === undefined) return fail('公式不完整 (unexpected end of formula)');
    p++;
    if (tok.t === 'num') return { k: 'num', v: tok.v };
    if (tok.t === 'str') return { k: 'str', v: tok.v };
    if (tok.t === 'op' && tok.v === '(') {
      const e = expr(0);
      expect(')');
      return e;
    }
    if (tok.t === 'op' && tok.v === '-') return { k: 'neg', e: primary() };
    if (tok.t === 'id') {
      if (tok.v === 'true' || tok.v === 'false') return { k: 'bool', v: tok.v === 'true' };
      if (tok.v === 'not') return { k: 'not', e: primary() };
      const next = peek();
      if (next?.t === 'op' && next.v === '(') {
        p++;
        if ((AGG_FNS as readonly string[]).includes(tok.v)) {
          const close = peek();
          if (close?.t === 'op' && close.v === ')') {
            p++;
            if (tok.v !== 'count') fail(`${tok.v}() 需要一个参数 (needs an argument)`, tok.at);
            return { k: 'agg', fn: 'count', e: null, at: tok.at };
          }
          const e = expr(0);
          expect(')');
          return { k: 'agg', fn: tok.v as AggFn, e, at: tok.at };
        }
        if ((CALL_FNS as readonly string[]).includes(tok.v)) {
          const args = [expr(0)];
          for (let comma = peek(); comma?.t === 'op' && comma.v === ','; comma = peek()) {
            p++;
            args.push(expr(0));
          }
          expect(')');
          if (tok.v === 'abs' && args.length !== 1) fail('abs() 只要一个参数 (abs takes one argument)', tok.at);
          if (tok.v === 'round' && args.length > 2) fail('round() 最多两个参数 (round takes a value and digits)', tok.at);
          return { k: 'call', fn: tok.v as CallFn, args, at: tok.at };
        }
        return fail(`未知函数 “${tok.v}”，可用：${[...AGG_FNS, ...CALL_FNS].join('、')} (unknown function)`, tok.at);
      }
      return { k: 'ref', name: tok.v, at: tok.at };
    }
    return fail(`此处不应出现 “${tok.v}” (unexpected token)`, tok.at);
  };
  const expr = (min: number): Expr => {
    let left = primary();
    for (;;) {
      const op = binOp(peek());
      if (op === null) break;
      const prec = PRECEDENCE[op] ?? 0;
      if (prec <= min) break;
      p++;
      left = { k: 'bin', op: op as BinOp, a: left, b: expr(prec) };
    }
    return left;
  };
  if (toks.length === 0) fail('公式为空 (empty formula)', 0);
  const e = expr(0);
  if (p < toks.length) fail(`多余的内容 “${String(peek()?.v)}” (unexpected token after the formula)`);
  return e;
}

/** Every name the formula reads, with its offset, and whether it aggregates over rows. */
export function refsOf(e: Expr, out: { name: string; at: number; inAgg: boolean }[] = [], inAgg = false): { name: string; at: number; inAgg: boolean }[] {
  switch (e.k) {
    case 'ref':
      out.push({ name: e.name, at: e.at, inAgg });
      break;
    case 'neg':
    case 'not':
      refsOf(e.e, out, inAgg);
      break;
    case 'bin':
      refsOf(e.a, out, inAgg);
      refsOf(e.b, out, inAgg);
      break;
    case 'agg':
      if (e.e) refsOf(e.e, out, true);
      break;
    case 'call':
      e.args.forEach((a) => refsOf(a, out, inAgg));
      break;
    default:
      break;
  }
  return out;
}

export function hasAggregate(e: Expr): boolean {
  switch (e.k) {
    case 'agg':
      return true;
    case 'neg':
    case 'not':
      return hasAggregate(e.e);
    case 'bin':
      return hasAggregate(e.a) || hasAggregate(e.b);
    case 'call':
      return e.args.some(hasAggregate);
    default:
      return false;
  }
}

/** Where names are looked up: the current row (if any), then the task's figures; `rows` feeds aggregates. */
export type Lookup = (name: string) => Value | undefined;
export interface Scope {
  row: Lookup | null;
  figure: (name: string) => Value;
  rows: readonly Lookup[];
}

const num = (v: Value): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'boolean' ? (v ? 1 : 0) : null);

/** Evaluates a parsed formula; a missing or non-numeric operand gives null (the cell is not filled yet). */
export function evaluate(e: Expr, scope: Scope): Value {
  switch (e.k) {
    case 'num':
    case 'str':
    case 'bool':
      return e.v;
    case 'ref': {
      const v = scope.row?.(e.name);
      return v === undefined ? scope.figure(e.name) : v;
    }
    case 'neg': {
      const v = num(evaluate(e.e, scope));
      return v === null ? null : -v;
    }
    case 'not': {
      const v = evaluate(e.e, scope);
      return v === null ? null : !truthy(v);
    }
    case 'call': {
      if (e.fn === 'least' || e.fn === 'greatest') {
        let best: number | null = null;
        for (const arg of e.args) {
          const v = num(evaluate(arg, scope));
          if (v === null) return null;
          best = best === null ? v : e.fn === 'least' ? Math.min(best, v) : Math.max(best, v);
        }
        return best;
      }
      const a = num(evaluate(e.args[0] ?? { k: 'num', v: NaN }, scope));
      if (a === null) return null;
      if (e.fn === 'abs') return Math.abs(a);
      const d = e.args[1] ? num(evaluate(e.args[1], scope)) ?? 0 : 0;
      const f = 10 ** d;
      return Math.round(a * f) / f;
    }
    case 'agg':
      return aggregate(e, scope);
    case 'bin':
      return binary(e.op, evaluate(e.a, scope), () => evaluate(e.b, scope));
    default:
      return null;
  }
}

export function truthy(v: Value): boolean {
  return v === true || (typeof v === 'number' && v !== 0) || (typeof v === 'string' && v !== '');
}

function aggregate(e: Extract<Expr, { k: 'agg' }>, scope: Scope): Value {
  if (e.fn === 'count') {
    if (e.e === null) return scope.rows.length;
    let n = 0;
    for (const row of scope.rows) if (truthy(evaluate(e.e, { ...scope, row }) ?? false)) n++;
    return n;
  }
  let acc: number | null = null;
  let n = 0;
  for (const row of scope.rows) {
    const v = num(evaluate(e.e ?? { k: 'num', v: 0 }, { row, figure: scope.figure, rows: scope.rows }));
    if (v === null) return null;
    n++;
    if (acc === null) acc = v;
    else if (e.fn === 'sum' || e.fn === 'avg') acc += v;
    else if (e.fn === 'min') acc = Math.min(acc, v);
    else acc = Math.max(acc, v);
  }
  if (e.fn === 'sum') return acc ?? 0;
  if (e.fn === 'avg') return acc === null ? null : acc / n;
  return acc;
}

/** Equality of numbers is to a millionth (money and percent typed with two decimals compare equal after arithmetic). */
const EPS = 1e-6;

function binary(op: BinOp, a: Value, lazyB: () => Value): Value {
  if (op === 'and') return a === null ? null : truthy(a) ? (((b) => (b === null ? null : truthy(b)))(lazyB())) : false;
  if (op === 'or') return a === null ? null : truthy(a) ? true : ((b) => (b === null ? null : truthy(b)))(lazyB());
  const b = lazyB();
  if (a === null || b === null) return null;
  if (op === '==' || op === '!=') {
    const x = num(a);
    const y = num(b);
    const same = x !== null && y !== null && typeof a !== 'string' && typeof b !== 'string' ? Math.abs(x - y) <= EPS : a === b;
    return op === '==' ? same : !same;
  }
  const x = num(a);
  const y = num(b);
  if (x === null || y === null) return null;
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return y === 0 ? null : x / y;
    case '<':
      return x < y - EPS;
    case '<=':
      return x <= y + EPS;
    case '>':
      return x > y + EPS;
    case '>=':
      return x >= y - EPS;
    default:
      return null;
  }
}
