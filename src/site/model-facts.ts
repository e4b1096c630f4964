import type { Article } from './entries.ts';

export type ModelFacts = NonNullable<Article['data']['model']>;

const units: Record<string, number> = { '': 1, K: 1e3, M: 1e6, B: 1e9, T: 1e12 };

/** The number a count such as `671B`, `2.8B` or `128K` stands for, for sorting. */
export function countValue(count: string): number {
  const match = /^(\d+(?:\.\d+)?)([KMBT]?)$/.exec(count);
  return match ? Number(match[1]) * units[match[2]] : NaN;
}

const modalityNames: Record<string, string> = { text: '文本', image: '图像', video: '视频', audio: '音频' };

/** One column of a comparison table: its heading, and each row's text and sort key. */
export interface FactColumn {
  key: string;
  label: string;
  /** Numeric columns sort by number, biggest first on first click. */
  numeric: boolean;
  text(article: Article, facts: ModelFacts): string;
  sortKey(article: Article, facts: ModelFacts): string | number;
}

const architectureParts = [
  ['vision', '视觉编码器'],
  ['connector', '连接器'],
  ['language', '语言模型'],
  ['attention', '注意力'],
  ['ffn', '前馈层'],
] as const;

const allColumns: FactColumn[] = [
  { key: 'org', label: '机构', numeric: false, text: (article) => article.data.org ?? '', sortKey: (article) => article.data.org ?? '' },
  { key: 'released', label: '发布', numeric: false, text: (_, facts) => facts.released ?? '', sortKey: (_, facts) => facts.released ?? '' },
  {
    key: 'params',
    label: '参数（总 / 激活）',
    numeric: true,
    text: (_, facts) => (facts.params ? facts.params.total + (facts.params.activated ? ` / ${facts.params.activated}` : '') : ''),
    sortKey: (_, facts) => (facts.params ? countValue(facts.params.total) : -1),
  },
  { key: 'context', label: '上下文', numeric: true, text: (_, facts) => facts.context ?? '', sortKey: (_, facts) => (facts.context ? countValue(facts.context) : -1) },
  { key: 'modalities', label: '模态', numeric: false, text: (_, facts) => (facts.modalities ?? []).map((name) => modalityNames[name]).join('、'), sortKey: (_, facts) => (facts.modalities ?? []).join(',') },
  ...architectureParts.map(([part, label]): FactColumn => ({
    key: part,
    label,
    numeric: false,
    text: (_, facts) => facts.architecture?.[part] ?? '',
    sortKey: (_, facts) => facts.architecture?.[part] ?? '',
  })),
];

/**
 * The comparison table of a set of notes: the notes that carry model facts, oldest release first,
 * and only the columns at least one of them fills. Empty when fewer than two notes have facts.
 */
export function comparisonTable(articles: Article[]): { columns: FactColumn[]; rows: Array<{ article: Article; facts: ModelFacts }> } {
  const rows = articles
    .filter((article) => article.data.model)
    .map((article) => ({ article, facts: article.data.model! }))
    .sort((a, b) => (a.facts.released ?? '9999').localeCompare(b.facts.released ?? '9999') || a.article.data.title.localeCompare(b.article.data.title));
  if (rows.length < 2) return { columns: [], rows: [] };
  const columns = allColumns.filter((column) => rows.some(({ article, facts }) => column.text(article, facts) !== ''));
  return { columns, rows };
}

/** The facts as label–value pairs, in reading order, for an article's metadata. */
export function modelFactItems(facts: ModelFacts): Array<[string, string]> {
  const items: Array<[string, string]> = [];
  if (facts.name) items.push(['型号', facts.name]);
  if (facts.released) items.push(['发布', facts.released]);
  if (facts.params) items.push(['参数', facts.params.activated ? `${facts.params.total}（每 token 激活 ${facts.params.activated}）` : facts.params.total]);
  if (facts.context) items.push(['上下文', facts.context]);
  if (facts.modalities?.length) items.push(['模态', facts.modalities.map((name) => modalityNames[name]).join('、')]);
  for (const [part, label] of architectureParts) {
    const value = facts.architecture?.[part];
    if (value) items.push([label, value]);
  }
  return items;
}
