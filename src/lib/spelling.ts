/**
 * A spelling as search compares it: ASCII letters and digits in lower case, nothing else, so that
 * `Zhu Yi Li`, `zhuyili` and `zhu-yi-li` are one spelling. The build keys the pinyin of every name
 * by it (src/site/search-names.ts) and the search page looks a typed query up by it.
 */
export const spellingKey = (text: string) => text.normalize('NFKC').toLowerCase().replace(/[^a-z0-9]/g, '');
