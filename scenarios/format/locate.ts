// Maps a field path ["products", 0, "price"] back to a line and column of the YAML source, using
// the node ranges the `yaml` parser keeps and a LineCounter. A path that does not exist (a missing
// field) falls back to the nearest ancestor that does, so every error still points somewhere.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

export type FieldPath = readonly (string | number)[];

export interface Position {
  line: number;
  column: number;
}

export interface ParsedYaml {
  doc: Document;
  lines: LineCounter;
}

export function parseYaml(text: string): ParsedYaml {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  return { doc, lines };
}

/** `products[0].price`, or `(root)` for the document itself. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out === '' ? '(root)' : out;
}

function child(node: Node, key: string | number, wantKey: boolean): Node | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
    if (pair === undefined) return undefined;
    if (wantKey && isScalar(pair.key)) return pair.key;
    // A key with an empty value (`price:`) has no value node: point at the key.
    return (pair.value as Node | null) ?? (isScalar(pair.key) ? pair.key : undefined);
  }
  if (isSeq(node) && typeof key === 'number') return (node.items[key] as Node | undefined) ?? undefined;
  return undefined;
}

/**
 * Where `path` is in the document. With `key: true` the last step points at the map key rather
 * than its value (for unknown keys). `exact` says whether the whole path was found.
 */
export function locate(parsed: ParsedYaml, path: FieldPath, options?: { key?: boolean }): Position & { exact: boolean } {
  let node: Node | null = parsed.doc.contents;
  let found = node;
  let exact = node !== null;
  for (let i = 0; i < path.length && node !== null; i++) {
    const part = path[i];
    if (part === undefined) break;
    const next = child(node, part, options?.key === true && i === path.length - 1);
    if (next === undefined) {
      exact = false;
      break;
    }
    node = next;
    found = next;
  }
  const offset = found?.range?.[0] ?? 0;
  const pos = parsed.lines.linePos(offset);
  return { line: pos.line, column: pos.col, exact };
}
