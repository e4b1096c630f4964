import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import katex from 'katex';
import { makeKatexValid } from './katex-valid.ts';

/**
 * A formula as text a person reads, for the places where text leaves the page: search excerpts,
 * Open Graph descriptions, section share pages and hover previews. `\mathbf{c}_t^{KV} = W^{DKV}\mathbf{h}_t`
 * reads `cₜᴷⱽ = Wᴰᴷⱽhₜ`, `\frac{a}{b+c}` reads `a/(b+c)`, `\sqrt{d_h}` reads `√dₕ`.
 *
 * The reading is taken from KaTeX's MathML, not from the TeX: KaTeX has already parsed the TeX,
 * expanded its macros and turned every command into its Unicode character (`\alpha` → α, `\le` → ≤,
 * `\sum` → ∑), so what is left here is the layout: scripts, fractions, roots, accents, tables.
 * Scripts become Unicode sub- and superscripts when every character has one, else `_x`, `^(…)`.
 * Styles (`\mathbf`, `\mathcal`) are dropped, except the blackboard letters everyone reads (ℝ, ℕ…).
 */
export function formulaReading(tex: string, displayMode = false): string {
  const key = (displayMode ? 'D' : 'I') + tex;
  let reading = readings.get(key);
  if (reading === undefined) {
    let mathml: string;
    try {
      mathml = katex.renderToString(tex, { output: 'mathml', displayMode, strict: false, throwOnError: true });
    } catch {
      // Only formulas KaTeX renders reach the site; anything else reads as the TeX minus its commands' backslashes.
      return tex.replace(/\\([a-zA-Z]+)/g, '$1').trim();
    }
    const tree = fromHtml(mathml, { fragment: true });
    // As on the page: an operator name in a script (`\sigma_{\max}^2`) becomes one argument.
    makeKatexValid(tree);
    const math = findMath(tree);
    reading = math ? mathmlReading(math) : tex.trim();
    if (readings.size >= 20_000) readings.delete(readings.keys().next().value!);
    readings.set(key, reading);
  }
  return reading;
}

const readings = new Map<string, string>();

function findMath(node: Root | Element): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'math') return child;
    const found = findMath(child);
    if (found) return found;
  }
  return undefined;
}

/** The reading of a KaTeX `<math>` element (or any MathML element in it). */
export function mathmlReading(math: Element): string {
  // Composed where Unicode has the letter with its accent (ŷ, ᾱ), so search and fonts see one character.
  return read(math).replace(/\s+/g, ' ').trim().normalize('NFC');
}

const subscripts: Record<string, string> = Object.fromEntries(
  [...'0123456789+-−=()aehijklmnoprstuvxβγρφχ'].map((character, index) => [character, [...'₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ'][index]]),
);
const superscripts: Record<string, string> = Object.fromEntries(
  [...'0123456789+-−=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWαβγδεθιφχ⊤'].map((character, index) => [character, [...'⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵅᵝᵞᵟᵋᶿᶥᵠᵡᵀ'][index]]),
);
/** Letters and digits back from their raised and lowered forms (withAsciiScripts). */
const fromSubscript = Object.fromEntries(Object.entries(subscripts).filter(([plain]) => plain !== '-').map(([plain, small]) => [small, plain === '−' ? '-' : plain]));
const fromSuperscript = Object.fromEntries(Object.entries(superscripts).filter(([plain]) => plain !== '-' && plain !== '⊤').map(([plain, small]) => [small, plain === '−' ? '-' : plain]));
// Marks that read the same raised: primes, stars, daggers.
for (const character of '′″‴*∗†‡') superscripts[character] = character === '∗' ? '*' : character;

/** Combining marks for accents (`\hat x` → x̂); an accent without one reads as a function, `hat(AB)`. */
const accents: Record<string, string> = { '^': '\u0302', ˆ: '\u0302', '~': '\u0303', '˜': '\u0303', ˉ: '\u0304', '¯': '\u0304', '‾': '\u0305', '˙': '\u0307', '¨': '\u0308', '→': '\u20d7', '⃗': '\u20d7', ˇ: '\u030c', '˘': '\u0306', '´': '\u0301', '`': '\u0300', '˚': '\u030a' };
const doubleStruck: Record<string, string> = { R: 'ℝ', N: 'ℕ', Z: 'ℤ', Q: 'ℚ', C: 'ℂ', '1': '𝟙' };

/** Operators read with a space either side (`a = b`, `x ∈ ℝ`); in scripts they stay tight (`t−1`). */
const spaced = new Set([...'=<>≤≥≠≈≡∼∝∈∉⊂⊆⊃⊇→←↔⇒⇐⇔⟶⟵⟹⟸↦≜≪≫≺≻≲≳+−±∓×·÷∘⊙⊗⊕∪∩∖∣∥', '&lt;', '&gt;', ':=']);
const punctuation = new Set([',', ';']);
const invisible = /[\u2061\u2062\u2063\u2064]/g;

function text(node: Element): string {
  return node.children.map((child) => (child.type === 'text' ? child.value : child.type === 'element' ? text(child) : '')).join('');
}

const elements = (node: Element) => node.children.filter((child): child is Element => child.type === 'element');

function read(node: ElementContent, inScript = false): string {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element') return '';
  const children = elements(node);
  switch (node.tagName) {
    case 'annotation':
    case 'annotation-xml':
    case 'mphantom':
      return '';
    case 'mi': {
      const value = text(node);
      return node.properties.mathvariant === 'double-struck' ? [...value].map((character) => doubleStruck[character] ?? character).join('') : value;
    }
    case 'mn':
      return text(node);
    case 'mtext':
      return text(node).replace(/\u00a0/g, ' ');
    case 'mo':
      return text(node).replace(invisible, '').replace(/⋅/g, '·');
    case 'mspace': {
      const width = parseFloat(String(node.properties.width ?? '0'));
      return width >= 0.5 ? ' ' : '';
    }
    case 'msub':
      return read(children[0], inScript) + script(children[1], 'sub');
    case 'msup':
      return read(children[0], inScript) + script(children[1], 'sup');
    case 'msubsup':
      return read(children[0], inScript) + script(children[1], 'sub') + script(children[2], 'sup');
    case 'munder':
      return under(children[0], children[1], node, inScript);
    case 'mover':
      return over(children[0], children[1], node, inScript);
    case 'munderover':
      return read(children[0], inScript) + script(children[1], 'sub') + script(children[2], 'sup');
    case 'mfrac': {
      const [numerator, denominator] = children.map((child) => read(child, true));
      // \binom: KaTeX draws it as a fraction without a bar between parentheses.
      if (String(node.properties.linethickness) === '0px') return `${numerator}, ${denominator}`;
      return `${group(numerator)}/${group(denominator)}`;
    }
    case 'msqrt':
      return `√${group(row(children, true))}`;
    case 'mroot': {
      const index = read(children[1], true);
      const radical = index === '3' ? '∛' : index === '4' ? '∜' : `${raise(index, 'sup') ?? `^${group(index)}`}√`;
      return radical + group(read(children[0], true));
    }
    case 'mtable':
      return table(node);
    default:
      return row(children.length === node.children.length ? children : node.children, inScript);
  }
}

/** A row of atoms: relations and binary operators get spaces (`a = b + c`), except in scripts and where one is unary (`-x`, `(−1)`). */
function row(children: ElementContent[], inScript: boolean): string {
  let out = '';
  let previous: Element | undefined;
  for (const child of children) {
    const part = read(child, inScript);
    if (child.type === 'element' && child.tagName === 'mo') {
      const symbol = part.trim();
      // `\log\int`, `\max\sum`: a function name before an operator keeps a space too.
      if (out.endsWith('\u2061') && symbol !== '') out = out.slice(0, -1) + (/^[([{|‖⟨]/.test(symbol) ? '' : ' ');
      if (!inScript && spaced.has(symbol) && previous && !isOpening(previous)) {
        out += ` ${symbol} `;
      } else if (!inScript && punctuation.has(symbol)) {
        out += `${symbol} `;
      } else {
        // A function name (`\log`, `\operatorname{softmax}`) is followed by an invisible operator; its argument needs a space unless it is bracketed.
        out += part;
        if (text(child).includes('\u2061')) out += '\u2061';
      }
    } else {
      if (out.endsWith('\u2061')) out = out.slice(0, -1) + (/^[([{|‖⟨]/.test(part) ? '' : ' ');
      else if (previous && isLargeOperator(previous) && !/^[\s([{|‖⟨]/u.test(part)) out += ' ';
      // `1/2 g`, `√d k`: what follows a fraction or a root is not part of it.
      else if (previous && ['mfrac', 'msqrt', 'mroot'].includes(core(previous).tagName) && /^[\p{L}\p{N}]/u.test(part)) out += ' ';
      // `W_q x`, `∇_θ L`: a script written with `_`/`^` ends where a space says so.
      else if (/[_^][^\s()]$/u.test(out) && /^[\p{L}\p{N}]/u.test(part)) out += ' ';
      else if (/[\p{L}\p{N}\p{M}]$/u.test(out) && isWordName(part)) out += ' ';
      out += part;
    }
    if (child.type === 'element') previous = child;
  }
  return out.replace(/\u2061/g, '');
}

/** A multi-letter name (`max`, `softmax`) after a letter or digit needs a space to stay a word. */
function isWordName(part: string): boolean {
  return /^\p{L}{2,}/u.test(part) && /^[a-zA-Z]{2,}$/.test(part.split(/[^a-zA-Z]/)[0]);
}

/** The element a style wrapper (`\tfrac`, `\displaystyle`) holds. */
function core(node: Element): Element {
  const children = elements(node);
  return (node.tagName === 'mstyle' || node.tagName === 'mrow') && children.length === 1 ? core(children[0]) : node;
}

/** `∑ᵢ`, `lim_(n→∞)`, `max_θ`: a large operator or a function name with limits; what it acts on follows after a space. */
function isLargeOperator(wrapped: Element): boolean {
  const node = core(wrapped);
  if (!['munderover', 'munder', 'msubsup', 'msub', 'msup', 'mover'].includes(node.tagName)) return false;
  const base = elements(node)[0];
  if (!base) return false;
  const value = text(base);
  return /^[∑∏∫∬∭∮⋃⋂⨁⨂]$/u.test(value.trim()) || value.includes('\u2061');
}

function isOpening(node: Element): boolean {
  if (node.tagName !== 'mo') return false;
  const symbol = text(node).trim();
  return spaced.has(symbol) || punctuation.has(symbol) || /^[([{⟨|‖⌊⌈]$/.test(symbol);
}

/** Wraps a compound operand in parentheses: `a/(b+c)`, `√(d+1)`; a single term (`qᵀk`, `dₕ`, `10`) stays bare. */
function group(value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') return '';
  if (/^[([{⟨|‖].*[)\]}⟩|‖]$/u.test(trimmed) && balanced(trimmed)) return trimmed;
  let depth = 0;
  for (const character of trimmed) {
    if (/[([{⟨]/u.test(character)) depth++;
    else if (/[)\]}⟩]/u.test(character)) depth--;
    else if (depth === 0 && /[\s+\-−=<>≤≥≈∈,;/±∓×·÷→]/u.test(character)) return `(${trimmed})`;
  }
  return trimmed;
}

/** Whether the opening bracket of `value` is closed by its last character. */
function balanced(value: string): boolean {
  let depth = 0;
  const characters = [...value];
  for (let i = 0; i < characters.length; i++) {
    if (/[([{⟨]/u.test(characters[i])) depth++;
    else if (/[)\]}⟩]/u.test(characters[i])) depth--;
    if (depth === 0 && i < characters.length - 1 && !/[|‖]/u.test(characters[0])) return false;
  }
  return true;
}

/** A character string raised or lowered in Unicode, when every character has a form there. */
function raise(value: string, kind: 'sub' | 'sup'): string | undefined {
  const table = kind === 'sub' ? subscripts : superscripts;
  const characters = [...value.replace(/\s+/g, '')];
  if (characters.length === 0 || !characters.every((character) => table[character])) return undefined;
  return characters.map((character) => table[character]).join('');
}

function script(node: Element | undefined, kind: 'sub' | 'sup'): string {
  if (!node) return '';
  const value = read(node, true).trim();
  if (value === '') return '';
  const raised = raise(value, kind);
  if (raised) return raised;
  // Primes and stars read raised as they are: x′, x*.
  if (kind === 'sup' && /^[′″‴*∗†‡]+$/.test(value)) return value;
  const mark = kind === 'sub' ? '_' : '^';
  return [...value].length === 1 ? mark + value : `${mark}(${value})`;
}

const isStretchyMark = (node: Element | undefined, marks: string) => node?.tagName === 'mo' && marks.includes(text(node).trim());

function under(base: Element, below: Element, node: Element, inScript: boolean): string {
  // \underline, \underbrace: the mark under the base has nothing to say.
  if (node.properties.accentunder === 'true' || isStretchyMark(below, '⏟_‾︸')) return read(base, inScript);
  // \underbrace{…}_{label}: the label follows in parentheses.
  if (base.tagName === 'munder' && isStretchyMark(elements(base)[1], '⏟︸')) return `${read(base, inScript)}（${read(below, true).trim()}）`;
  return read(base, inScript) + script(below, 'sub');
}

function over(base: Element, above: Element, node: Element, inScript: boolean): string {
  const mark = text(above).trim();
  if (node.properties.accent === 'true' || isStretchyMark(above, '⏞︷‾¯ˉ→⃗')) {
    if (isStretchyMark(above, '⏞︷')) return read(base, inScript);
    const combining = accents[mark];
    const value = read(base, inScript);
    const characters = [...value];
    if (combining && characters.length === 1) return value + combining;
    // \overline{AB}, \bar{AB}: every letter barred; other accents over several letters read as a function.
    if (combining && (combining === '\u0304' || combining === '\u0305')) return characters.map((character) => character + combining).join('');
    return `${accentName[mark] ?? 'over'}(${value})`;
  }
  if (base.tagName === 'mover' && isStretchyMark(elements(base)[1], '⏞︷')) return `${read(base, inScript)}（${read(above, true).trim()}）`;
  return read(base, inScript) + script(above, 'sup');
}

const accentName: Record<string, string> = { '^': 'hat', ˆ: 'hat', '~': 'tilde', '˜': 'tilde', '→': 'vec', '˙': 'dot', '¨': 'ddot' };

/**
 * Matrices read row by row, `(a, b; c, d)`; aligned equations line by line with their cells joined
 * as written (`a = b; c = d`); cases as `1, x > 0; 0, 否则`.
 */
function table(node: Element): string {
  const aligned = String(node.properties.columnspacing ?? '') === '0em';
  const rows = elements(node).filter((child) => child.tagName === 'mtr' || child.tagName === 'mlabeledtr');
  return rows
    .map((tableRow) => {
      const cells = elements(tableRow).filter((cell) => cell.tagName === 'mtd').slice(tableRow.tagName === 'mlabeledtr' ? 1 : 0);
      const values = cells.map((cell) => read(cell).trim()).filter((value) => value !== '');
      return aligned ? values.join(' ') : values.join(', ');
    })
    .filter((value) => value !== '')
    .join('; ');
}

/** Characters a plain text font may lack, read another way (the preview cards' Noto Sans SC has none of these). */
const plainer: Record<string, string> = { ℝ: 'R', ℕ: 'N', ℤ: 'Z', ℚ: 'Q', ℂ: 'C', '𝟙': '1', ϕ: 'φ', ϵ: 'ε', '⟨': '〈', '⟩': '〉', '⌊': '[', '⌋': ']', '⌈': '[', '⌉': ']', '∘': '°', '⊤': 'T', '∗': '*', '⋆': '*', '⟹': '⇒', '∖': '\\', '↦': '→', '≜': '=' };

/**
 * A reading for a font without Unicode sub- and superscripts (the preview cards' Noto Sans SC):
 * `cₜᴷⱽ` → `c_t^(KV)`; accents without a glyph are dropped, other missing symbols read plainer.
 */
export function withAsciiScripts(value: string): string {
  const run = (characters: Record<string, string>, mark: string) => (match: string) => {
    const plain = [...match].map((character) => characters[character]).join('');
    return [...plain].length === 1 ? mark + plain : `${mark}(${plain})`;
  };
  const subClass = new RegExp(`[${Object.keys(fromSubscript).join('')}]+`, 'gu');
  const supClass = new RegExp(`[${Object.keys(fromSuperscript).join('')}]+`, 'gu');
  return value
    .replace(subClass, run(fromSubscript, '_'))
    .replace(supClass, (match) => (/^[¹²³]$/.test(match) ? match : run(fromSuperscript, '^')(match)))
    .replace(/[\u0302\u0303\u0308\u20d7\u030c\u0306\u0301\u0300\u030a\u0305]/gu, '')
    .replace(/[ℝℕℤℚℂϕϵ⟨⟩⌊⌋⌈⌉∘⊤∗⋆⟹∖↦≜]|𝟙/gu, (character) => plainer[character] ?? character);
}
