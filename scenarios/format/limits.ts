// Limits that keep a hostile scenario file from exhausting the validator: its size, how deep its
// mappings and lists nest, and how many aliases it may expand. The largest shipped task is 9 KB
// and nests 6 deep, so the limits leave ample room for real files. Walks the parsed document
// without recursion, so a file just under the parser's own stack limit is still answered.
import { isAlias, isMap, isPair, isSeq, type Node } from 'yaml';
import type { ParsedYaml } from './locate.ts';

export const YAML_LIMITS = {
  /** Characters in one file (a task is about 9 KB); this also bounds indented nesting to ~700 levels, which parse safely. */
  maxChars: 256 * 1024,
  /** Nesting of mappings and lists (a task needs 6). */
  maxDepth: 32,
  /** Alias expansions when the document is turned into data (yaml's maxAliasCount). */
  maxAliasCount: 100,
} as const;

export interface LimitProblem {
  /** Offset in the source text where the problem is. */
  offset: number;
  message: string;
}

const OPENERS_BEFORE_FLOW = new Set([':', '-', '[', '{', ',', '?', '\n']);

/**
 * A linear scan of the source for nesting too deep to parse quickly: flow collections (`[[[…`,
 * `{a: {a: …`) and compact block lists (`- - - …`), which cost the parser one level per one or two
 * characters. Quoted scalars and comments are skipped; a bracket counts only where a flow
 * collection can start. Indented block nesting needs quadratic space, so the size limit bounds it
 * and structureProblem() checks it after parsing.
 */
export function nestingProblem(text: string): LimitProblem | null {
  let flow = 0;
  let dashes = 0;
  let lineStart = true;
  let prev = '\n'; // last non-space character
  const tooDeep = (offset: number): LimitProblem => ({ offset, message: `嵌套超过 ${YAML_LIMITS.maxDepth} 层 (nesting deeper than ${YAML_LIMITS.maxDepth} levels)` });
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '\n') {
      lineStart = true;
      dashes = 0;
      prev = '\n';
      continue;
    }
    if (c === ' ' || c === '\t') continue;
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end - 1;
      continue;
    }
    if ((c === '"' || c === "'") && OPENERS_BEFORE_FLOW.has(prev)) {
      for (i++; i < text.length; i++) {
        const q = text[i];
        if (c === '"' && q === '\\') i++;
        else if (q === c && c === "'" && text[i + 1] === "'") i++;
        else if (q === c) break;
      }
      prev = c;
      lineStart = false;
      continue;
    }
    if (lineStart && c === '-' && /\s/.test(text[i + 1] ?? ' ')) {
      if (++dashes > YAML_LIMITS.maxDepth) return tooDeep(i);
      prev = '-';
      continue;
    }
    lineStart = false;
    if ((c === '[' || c === '{') && OPENERS_BEFORE_FLOW.has(prev)) {
      if (++flow > YAML_LIMITS.maxDepth) return tooDeep(i);
    } else if ((c === ']' || c === '}') && flow > 0) flow--;
    prev = c;
  }
  return null;
}

/** The first nesting or unresolved-alias problem of a parsed document, or null. */
export function structureProblem(parsed: ParsedYaml): LimitProblem | null {
  const stack: { node: unknown; depth: number }[] = [{ node: parsed.doc.contents, depth: 1 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { node, depth } = item;
    if (isAlias(node)) {
      if (node.resolve(parsed.doc) === undefined) {
        return { offset: node.range?.[0] ?? 0, message: `别名 *${node.source} 没有对应的锚点 &${node.source}（锚点须写在别名之前）(unresolved alias: the anchor must be set before the alias)` };
      }
      continue;
    }
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > YAML_LIMITS.maxDepth) {
      return { offset: (node as Node).range?.[0] ?? 0, message: `嵌套超过 ${YAML_LIMITS.maxDepth} 层 (nesting deeper than ${YAML_LIMITS.maxDepth} levels)` };
    }
    for (const child of node.items as unknown[]) {
      if (isPair(child)) {
        stack.push({ node: child.value, depth: depth + 1 });
        stack.push({ node: child.key, depth: depth + 1 });
      } else stack.push({ node: child, depth: depth + 1 });
    }
  }
  return null;
}

/** Offset of the first alias in the document (where an alias bomb is reported). */
export function firstAliasOffset(parsed: ParsedYaml): number {
  let first = Number.POSITIVE_INFINITY;
  const stack: unknown[] = [parsed.doc.contents];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (isAlias(node)) first = Math.min(first, node.range?.[0] ?? 0);
    else if (isMap(node) || isSeq(node)) for (const child of node.items as unknown[]) stack.push(...(isPair(child) ? [child.key, child.value] : [child]));
  }
  return Number.isFinite(first) ? first : 0;
}
