/**
 * What a V8 heap snapshot holds, by kind and constructor, as DevTools' Summary view shows it (shallow
 * sizes: each object's own bytes, not what it keeps alive): `node scripts/bench/heap-summary.ts <file>`.
 * Reads the file line by line rather than with one JSON.parse, summing the nodes in one pass and
 * looking up only the names it needs. Node writes each of the snapshot's arrays on one line, and a
 * line is one string: a snapshot whose edges line passes V8's string limit (about 512 MB; the 363 MB
 * heap of a 1000-note build wrote a 70 MB line) cannot be read this way. A snapshot of a build near its
 * heap limit: `NODE_OPTIONS='--max-old-space-size=2048 --heapsnapshot-near-heap-limit=1' astro build`;
 * one at a chosen moment: `NODE_OPTIONS=--heapsnapshot-signal=SIGUSR2`, then `kill -USR2` the node process.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const file = process.argv[2];
if (!file) throw new Error('usage: node scripts/bench/heap-summary.ts <file.heapsnapshot> [rows]');
const rows = Number(process.argv[3] ?? 30);

interface Meta { node_fields: string[]; node_types: [string[], ...unknown[]] }

async function* lines() {
  yield* createInterface({ input: createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
}

/** Sums shallow sizes by node kind, and by (kind, name) for kinds whose name is a constructor or a function. */
async function summarise() {
  let header = '';
  let section: 'header' | 'nodes' | 'other' | 'strings' = 'header';
  let meta: Meta | undefined;
  const byKind = new Map<string, { count: number; bytes: number }>();
  const byName = new Map<string, { kind: string; name: number; count: number; bytes: number }>();
  const wanted = new Set<number>();
  /** Strings of 64 KB or more: pages, modules, JSON kept whole. */
  const bigStrings: Array<{ name: number; bytes: number }> = [];
  const names = new Map<number, string>();
  let stringIndex = 0;
  let total = 0;
  let fields: { type: number; name: number; size: number; width: number } | undefined;
  let pending: number[] = [];
  const named = new Set(['object', 'closure', 'native', 'code', 'hidden', 'array', 'synthetic', 'object shape']);

  const addNode = (values: number[]) => {
    const kind = meta!.node_types[0][values[fields!.type]];
    const size = values[fields!.size];
    const name = values[fields!.name];
    total += size;
    const k = byKind.get(kind) ?? { count: 0, bytes: 0 };
    k.count++;
    k.bytes += size;
    byKind.set(kind, k);
    if (kind === 'string' && size >= 64 * 1024) {
      bigStrings.push({ name, bytes: size });
      wanted.add(name);
    }
    if (named.has(kind)) {
      const key = `${kind}\0${name}`;
      const n = byName.get(key) ?? { kind, name, count: 0, bytes: 0 };
      n.count++;
      n.bytes += size;
      byName.set(key, n);
      wanted.add(name);
    }
  };

  /** Adds the whole nodes in `text` (part of the nodes array), keeps a node cut by the line's end for the next; whether the array ended. */
  const takeNodes = (text: string): boolean => {
    const done = text.includes(']');
    for (const value of text.replace(/\].*$/, '').split(',')) if (value.trim()) pending.push(Number(value));
    let next = 0;
    for (; next + fields!.width <= pending.length; next += fields!.width) addNode(pending.slice(next, next + fields!.width));
    pending = pending.slice(next);
    return done;
  };

  // Node writes all the nodes on one line; a file that breaks them over lines is read the same way.
  for await (const line of lines()) {
    if (section === 'header') {
      if (line.startsWith('"nodes":[')) {
        meta = JSON.parse(header.replace(/^\{"snapshot":/, '').replace(/,\s*$/, '')).meta as Meta;
        const at = (field: string) => meta!.node_fields.indexOf(field);
        fields = { type: at('type'), name: at('name'), size: at('self_size'), width: meta.node_fields.length };
        section = takeNodes(line.slice('"nodes":['.length)) ? 'other' : 'nodes';
        continue;
      }
      header += line;
      continue;
    }
    if (section === 'nodes') {
      if (takeNodes(line)) section = 'other';
      continue;
    }
    if (section === 'other') {
      if (line.startsWith('"strings":[') && /\]\}\s*$/.test(line)) {
        // All the strings on one line (V8's own writer).
        (JSON.parse(line.slice('"strings":'.length).replace(/\}\s*$/, '')) as string[]).forEach((text, index) => {
          if (wanted.has(index)) names.set(index, text);
        });
        break;
      }
      if (line.startsWith('"strings":[')) {
        section = 'strings';
        const rest = line.slice('"strings":['.length);
        if (rest) {
          if (wanted.has(stringIndex)) names.set(stringIndex, JSON.parse(rest.replace(/[,\]}]*$/, '')));
          stringIndex++;
        }
      }
      continue;
    }
    // One JSON string a line, after a comma; the last closes the array and the object.
    const literal = line.replace(/^,/, '').replace(/\]\}?\s*$/, '');
    if (literal && wanted.has(stringIndex)) {
      try {
        names.set(stringIndex, JSON.parse(literal));
      } catch {
        names.set(stringIndex, literal.slice(0, 80));
      }
    }
    stringIndex++;
  }
  return { total, byKind, byName, names, bigStrings };
}

const { total, byKind, byName, names, bigStrings } = await summarise();
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1).padStart(8);
console.log(`${mb(total)} MB in all (shallow sizes)\n\nBy kind:`);
for (const [kind, { count, bytes }] of [...byKind].sort((a, b) => b[1].bytes - a[1].bytes)) console.log(`${mb(bytes)} MB ${String(count).padStart(10)}  ${kind}`);
console.log('\nBy constructor or function:');
for (const { kind, name, count, bytes } of [...byName.values()].sort((a, b) => b.bytes - a.bytes).slice(0, rows)) {
  console.log(`${mb(bytes)} MB ${String(count).padStart(10)}  ${kind}: ${(names.get(name) ?? `#${name}`).slice(0, 80)}`);
}

/** What a long string is, by how it starts. */
const sort = (text: string) => (text.startsWith('data:') ? 'data: URL' : /^\s*</.test(text) ? 'HTML' : /^\s*[[{]/.test(text) ? 'JSON' : /^(import|export|const|let|var|function|\(function|"use strict")/.test(text) ? 'JavaScript' : /^---\n|^#/.test(text) ? 'Markdown' : 'other');
const sorted = new Map<string, { count: number; bytes: number; example: string }>();
for (const { name, bytes } of bigStrings) {
  const text = names.get(name) ?? '';
  const group = sorted.get(sort(text)) ?? { count: 0, bytes: 0, example: text.slice(0, 60).replace(/\s+/g, ' ') };
  group.count++;
  group.bytes += bytes;
  sorted.set(sort(text), group);
}
console.log('\nStrings of 64 KB or more, by what they start with:');
for (const [group, { count, bytes, example }] of [...sorted].sort((a, b) => b[1].bytes - a[1].bytes)) console.log(`${mb(bytes)} MB ${String(count).padStart(10)}  ${group}  (e.g. ${JSON.stringify(example)})`);
