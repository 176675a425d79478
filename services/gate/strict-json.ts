/**
 * JSON.parse that refuses duplicate keys. JSON.parse keeps the last of two equal keys silently, while
 * the tools that deploy a template may read it otherwise (or refuse it): what is judged must be
 * what is deployed. The check costs one scan of the text (its member colons, and its depth, capped)
 * against the parsed keys; only when they differ is the text walked again to name the duplicate.
 */
export function parseStrictJson(text: string): unknown {
  const { members, depth } = scan(text);
  // Deeper than any real template or plan; the recursive walks after parsing would overflow the stack.
  if (depth > MAX_DEPTH) throw new Error(`nested ${depth} levels deep, over the limit of ${MAX_DEPTH}`);
  const value = JSON.parse(text);
  if (members !== keyCount(value)) {
    const dup = firstDuplicate(text);
    if (dup) throw new Error(`duplicate key ${dup.key} at line ${dup.line}, column ${dup.column}: JSON keeps only the last, what deploys it may not`);
  }
  return value;
}

/** How deep objects and lists may nest. */
export const MAX_DEPTH = 1000;

/** Colons outside strings (in valid JSON, exactly one per object member) and the deepest nesting. */
function scan(text: string): { members: number; depth: number } {
  let members = 0;
  let depth = 0;
  let open = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) i = stringEnd(text, i);
    else if (c === 0x3a) members++;
    else if (c === 0x7b || c === 0x5b) depth = Math.max(depth, ++open);
    else if (c === 0x7d || c === 0x5d) open--;
  }
  return { members, depth };
}

/**
 * The index of the closing quote of the string opening at `start` (text.length if none): the next
 * quote not escaped, i.e. after an even run of backslashes. indexOf jumps over the string's
 * characters natively, a third faster over an estate's templates than testing each one in a loop.
 */
function stringEnd(text: string, start: number): number {
  for (let i = text.indexOf('"', start + 1); i >= 0; i = text.indexOf('"', i + 1)) {
    let b = i - 1;
    while (text.charCodeAt(b) === 0x5c) b--;
    if ((i - 1 - b) % 2 === 0) return i;
  }
  return text.length;
}

function keyCount(value: unknown): number {
  let n = 0;
  if (value === null || typeof value !== 'object') return 0;
  const todo: object[] = [value];
  while (todo.length > 0) {
    const v = todo.pop() as Record<string, unknown> | unknown[];
    // Only containers are queued: the scalars, most of the values, are not pushed to be popped again.
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        if (x !== null && typeof x === 'object') todo.push(x);
      }
    } else {
      for (const k in v) {
        n++;
        const x = v[k];
        if (x !== null && typeof x === 'object') todo.push(x);
      }
    }
  }
  return n;
}

/** The first key that repeats within one object, with its position. */
function firstDuplicate(text: string): { key: string; line: number; column: number } | undefined {
  // One entry per open container: the keys seen (objects) or null (arrays); `expectKey` after { and , in an object.
  const open: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      const top = open.at(-1);
      if (expectKey && top) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.has(key)) {
          const before = text.slice(0, i).split('\n');
          return { key: JSON.stringify(key), line: before.length, column: before.at(-1)!.length + 1 };
        }
        top.add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === '{') {
      open.push(new Set());
      expectKey = true;
    } else if (c === '[') open.push(null);
    else if (c === '}' || c === ']') open.pop();
    else if (c === ',') expectKey = open.at(-1) instanceof Set;
  }
  return undefined;
}
