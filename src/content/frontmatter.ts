import { isMap, isSeq, LineCounter, parse as parseYaml, parseDocument, YAMLParseError, type Node } from 'yaml';

/** A note's source split at its frontmatter: the one place that finds where the YAML ends. */
export interface SplitNote {
  /** The YAML between the `---` lines; undefined when the note has no frontmatter. */
  yaml: string | undefined;
  /** The parsed frontmatter; undefined when it is missing or not a YAML mapping (the loader reports that, with its line). */
  data: Record<string, unknown> | undefined;
  /** Why the frontmatter is not YAML, when it is not. */
  yamlError?: YAMLParseError;
  body: string;
  /** The file's line on which the body starts. */
  bodyLine: number;
}

// A byte order mark may open the file (some editors write one).
const fence = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/;

/** `parse` reads the YAML (a kept result: note-index.ts); it throws as `yaml`'s parse does. */
export function splitFrontmatter(source: string, parse: (yaml: string) => unknown = parseYaml): SplitNote {
  const match = fence.exec(source);
  if (!match) return { yaml: undefined, data: undefined, body: source, bodyLine: 1 };
  let data: Record<string, unknown> | undefined;
  let yamlError: YAMLParseError | undefined;
  try {
    const parsed: unknown = parse(match[1]);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
  } catch (error) {
    // Reported with its line by source-checks.ts; an index only lacks this note's names.
    if (!(error instanceof YAMLParseError)) throw error;
    yamlError = error;
  }
  return { yaml: match[1], data, yamlError, body: source.slice(match[0].length), bodyLine: match[0].split('\n').length };
}

/**
 * The line, in the whole file, of the frontmatter field at `fieldPath` (`paper.url`, `tags.0`), or
 * undefined when the field is not written (a missing field has no line).
 */
export function frontmatterFieldLine(source: string, fieldPath: string[]): number | undefined {
  const { yaml } = splitFrontmatter(source);
  if (yaml === undefined) return undefined;
  const lines = new LineCounter();
  const document = parseDocument(yaml, { lineCounter: lines });
  const offset = yamlFieldOffset(document.contents, fieldPath);
  // The frontmatter starts on the file's second line, after `---`.
  return offset === undefined ? undefined : lines.linePos(offset).line + 1;
}

/**
 * The line to name for a schema issue at `fieldPath`: the field's own; for a field that is not
 * written, the line of the entry it belongs in (`paper:` for a missing `paper.year`), or for a
 * top-level field, the `---` that closes the frontmatter, above which it goes.
 */
export function schemaIssueLine(source: string, fieldPath: string[]): number | undefined {
  const { yaml } = splitFrontmatter(source);
  for (let depth = fieldPath.length; depth > 0; depth--) {
    const line = frontmatterFieldLine(source, fieldPath.slice(0, depth));
    if (line !== undefined) return line;
  }
  return yaml === undefined ? undefined : yaml.split('\n').length + 2;
}

/**
 * Where the field at `fieldPath` (`paper.url`, `en.1`) starts in a parsed YAML node (its key, or its
 * item in a list), or undefined when it is not written. The one walk of a YAML tree by field path,
 * for frontmatter and the glossary alike.
 */
export function yamlFieldOffset(root: unknown, fieldPath: string[]): number | undefined {
  let node = root;
  let offset: number | undefined;
  for (const segment of fieldPath) {
    if (isMap(node)) {
      const pair = node.items.find((item) => String((item.key as Node | null)?.toJSON?.() ?? item.key) === segment);
      offset = (pair?.key as Node | undefined)?.range?.[0];
      node = pair?.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      offset = item?.range?.[0];
      node = item;
    } else {
      break;
    }
    if (offset === undefined) return undefined;
  }
  return offset;
}
