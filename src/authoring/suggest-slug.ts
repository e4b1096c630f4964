import { kebabCase } from '../lib/slugs.ts';
import { reservedSlugs } from '../lib/routes.ts';

/**
 * An ASCII kebab-case slug suggested from a title: its Latin words and numbers, lower-cased, in order.
 * `DeepSeek-V3` → `deepseek-v3`, `Adam 与 AdamW` → `adam-adamw`, `LLaDA 大语言扩散模型` → `llada`.
 * Words written together stay together (`FlashAttention` → `flashattention`): splitting at capitals
 * would turn `DeepSeek` and `MiniCPM` into `deep-seek` and `mini-cpm`, which nobody types.
 * Returns undefined when the title has no Latin letters or digits (a Chinese-only title): a
 * transliteration such as pinyin makes a poor permanent address, so the author chooses one.
 */
export function suggestSlug(title: string): string | undefined {
  const ascii = title
    .normalize('NFKD')
    // Accents go (Université → universite); full-width letters became ASCII through NFKD.
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[+&]/g, ' ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!ascii) return undefined;
  // Long English titles make long addresses; the first words name the thing.
  const words = ascii.split('-');
  const slug = words.slice(0, 6).join('-');
  return kebabCase.test(slug) ? slug : undefined;
}

/** Why `slug` cannot name a new article, or undefined if it can. */
export function slugProblem(slug: string): string | undefined {
  if (!kebabCase.test(slug)) return `"${slug}" is not lower-case ASCII kebab-case (e.g. "flash-attention")`;
  if (reservedSlugs.has(slug)) return `"${slug}" is a route of the site (/${slug}/)`;
  return undefined;
}
