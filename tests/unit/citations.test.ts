import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, test } from 'vitest';
import {
  authorList, bibtexEscape, citationKey, familyName, isOrganisation, noteBibtex, noteCitation, paperBibtex, paperCitation, readVenue, type PaperFacts,
} from '../../src/site/citations.ts';

const flash: PaperFacts = {
  title: 'FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness',
  authors: ['Tri Dao', 'Daniel Y. Fu', 'Stefano Ermon', 'Atri Rudra', 'Christopher Ré'],
  url: 'https://arxiv.org/abs/2205.14135',
  arxiv: '2205.14135',
  venue: 'NeurIPS 2022',
  year: 2022,
};
const deepseek: PaperFacts = { title: 'DeepSeek-V3 Technical Report', authors: ['DeepSeek-AI'], url: 'https://arxiv.org/abs/2412.19437', arxiv: '2412.19437', year: 2024 };

/** The fields of a BibTeX entry this module writes (one `name = {value},` a line). */
function fieldsOf(entry: string): Record<string, string> {
  return Object.fromEntries([...entry.matchAll(/^ {2}(\w+) = \{(.*)\},$/gm)].map((match) => [match[1], match[2]]));
}

/** Braces balance in an entry, ignoring escaped ones: BibTeX rejects the file otherwise. */
function balanced(entry: string): boolean {
  let depth = 0;
  for (const character of entry.replace(/\\[{}]/g, '')) {
    if (character === '{') depth++;
    if (character === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

describe('citation keys', () => {
  test.each([
    ['the first author\'s family name, the year and the title\'s first word', ['Tri Dao', 'Daniel Y. Fu'], 2022, flash.title, 'dao2022flashattention'],
    ['an accented name in ASCII', ['Baptiste Rozière'], 2023, 'Code Llama: Open Foundation Models for Code', 'roziere2023code'],
    ['a corporate author whole', ['DeepSeek-AI'], 2024, 'DeepSeek-V3 Technical Report', 'deepseekai2024deepseekv3'],
    ['a team whole', ['Kimi Team'], 2025, 'Kimi-VL Technical Report', 'kimiteam2025kimivl'],
    ['a leading article skipped', ['Alexey Dosovitskiy'], 2021, 'An Image is Worth 16x16 Words: Transformers for Image Recognition at Scale', 'dosovitskiy2021image'],
    ['a family name with a particle', ['Laurens van der Maaten', 'Geoffrey Hinton'], 2008, 'Visualizing Data using t-SNE', 'vandermaaten2008visualizing'],
    ['a hyphenated given name', ['Tsung-Yi Lin'], 2017, 'Feature Pyramid Networks for Object Detection', 'lin2017feature'],
    ['a title that starts with a number', ['A. Author'], 2020, '16x16 Words', 'author202016x16'],
  ])('%s', (_name, authors, year, title, key) => {
    expect(citationKey(authors, year, title)).toBe(key);
  });

  test.each([
    ['DeepSeek-AI', true], ['Kimi Team', true], ['Xiaomi LLM-Core Team', true], ['Tri Dao', false], ['Christopher Ré', false], ['Teamwork Smith', false],
  ])('%s is an organisation: %s', (name, organisation) => {
    expect(isOrganisation(name)).toBe(organisation);
  });

  test.each([
    ['Tri Dao', 'Dao'], ['Ricky T. Q. Chen', 'Chen'], ['Ludwig van Beethoven', 'van Beethoven'], ['DeepSeek-AI', 'DeepSeek-AI'],
  ])('the family name of %s is %s', (name, family) => {
    expect(familyName(name)).toBe(family);
  });
});

describe('BibTeX escaping', () => {
  test.each([
    ['R&D at 50% cost', 'R\\&D at 50\\% cost'],
    ['$x_1$ and #tags', '\\$x\\_1\\$ and \\#tags'],
    ['{braces}', '\\{braces\\}'],
    ['a~b^c', 'a\\textasciitilde{}b\\textasciicircum{}c'],
    ['back\\slash', 'back\\textbackslash{}slash'],
    ['Christopher Ré, 注意力', 'Christopher Ré, 注意力'],
  ])('%s → %s', (text, escaped) => {
    expect(bibtexEscape(text)).toBe(escaped);
  });

  test('a title with special characters stays one balanced field, its capitals kept by a second pair of braces', () => {
    const entry = paperBibtex({ ...flash, title: 'Q&A {at} 100% with $\\alpha$_1 #1' });
    expect(fieldsOf(entry).title).toBe('{Q\\&A \\{at\\} 100\\% with \\$\\textbackslash{}alpha\\$\\_1 \\#1}');
    expect(balanced(entry)).toBe(true);
  });

  test('a team is braced whole, and so is a name containing "and", so BibTeX does not split them', () => {
    const entry = paperBibtex({ ...deepseek, authors: ['DeepSeek-AI', 'Research and Development Group', 'Tri Dao'] });
    expect(fieldsOf(entry).author).toBe('{DeepSeek-AI} and {Research and Development Group} and Tri Dao');
  });

  test('a brace in an address is percent-encoded, not escaped, since url fields are read verbatim', () => {
    expect(fieldsOf(paperBibtex({ ...flash, url: 'https://example.org/a{b}' })).url).toBe('https://example.org/a%7Bb%7D');
  });
});

describe('venues', () => {
  test.each([
    ['NeurIPS 2022', { kind: 'conference', written: 'NeurIPS 2022', name: 'NeurIPS', year: 2022 }],
    ['ICLR 2015 Workshop', { kind: 'conference', name: 'ICLR Workshop', year: 2015 }],
    ['ECCV 2014 / TPAMI 2015', { kind: 'conference', written: 'ECCV 2014', year: 2014 }],
    ['Nature 2025', { kind: 'journal', name: 'Nature', year: 2025 }],
    ['Nature Communications 2025', { kind: 'journal', name: 'Nature Communications', year: 2025 }],
    ['Journal of Computer and System Sciences 1997', { kind: 'journal', name: 'Journal of Computer and System Sciences', year: 1997 }],
    ['The Annals of Mathematical Statistics 22(3)', { kind: 'journal', name: 'The Annals of Mathematical Statistics', year: undefined, volume: '22', number: '3' }],
    ['Machine Learning', { kind: 'journal', name: 'Machine Learning', year: undefined }],
    ['International Conference on Machine Learning 2024', { kind: 'conference' }],
  ])('%s', (venue, expected) => {
    expect(readVenue(venue)).toMatchObject(expected);
  });
});

describe('the paper\'s BibTeX', () => {
  test.each<[string, PaperFacts, string, Record<string, string | undefined>]>([
    ['a conference paper is @inproceedings with its venue as booktitle', flash, '@inproceedings{dao2022flashattention,', {
      author: 'Tri Dao and Daniel Y. Fu and Stefano Ermon and Atri Rudra and Christopher Ré', booktitle: 'NeurIPS 2022', year: '2022', url: 'https://arxiv.org/abs/2205.14135', eprint: '2205.14135', archivePrefix: 'arXiv', journal: undefined,
    }],
    ['an arXiv preprint without venue is @article in "arXiv preprint arXiv:<id>"', deepseek, '@article{deepseekai2024deepseekv3,', {
      title: '{DeepSeek-V3 Technical Report}', author: '{DeepSeek-AI}', journal: 'arXiv preprint arXiv:2412.19437', year: '2024', url: 'https://arxiv.org/abs/2412.19437', booktitle: undefined,
    }],
    ['a conference paper takes the venue\'s year, not its preprint\'s', { title: 'Decoupled Weight Decay Regularization', authors: ['Ilya Loshchilov', 'Frank Hutter'], url: 'https://arxiv.org/abs/1711.05101', arxiv: '1711.05101', venue: 'ICLR 2019', year: 2017 }, '@inproceedings{loshchilov2019decoupled,', {
      booktitle: 'ICLR 2019', year: '2019',
    }],
    ['a journal paper is @article with the journal, volume and number', { title: 'A Stochastic Approximation Method', authors: ['Herbert Robbins', 'Sutton Monro'], url: 'https://doi.org/10.1214/aoms/1177729586', venue: 'The Annals of Mathematical Statistics 22(3)', year: 1951 }, '@article{robbins1951stochastic,', {
      journal: 'The Annals of Mathematical Statistics', volume: '22', number: '3', year: '1951', eprint: undefined,
    }],
    ['a paper with neither venue nor arXiv id is @misc with its address', { title: 'Alpaca: A Strong, Replicable Instruction-Following Model', authors: ['Rohan Taori', 'Ishaan Gulrajani'], url: 'https://crfm.stanford.edu/2023/03/13/alpaca.html', year: 2023 }, '@misc{taori2023alpaca,', {
      url: 'https://crfm.stanford.edu/2023/03/13/alpaca.html', year: '2023', journal: undefined,
    }],
  ])('%s', (_name, paper, opening, fields) => {
    const entry = paperBibtex(paper);
    expect(entry.split('\n')[0]).toBe(opening);
    expect(entry.endsWith('\n}')).toBe(true);
    expect(balanced(entry)).toBe(true);
    for (const [field, value] of Object.entries(fields)) expect(fieldsOf(entry)[field], field).toBe(value);
  });
});

describe('plain citations', () => {
  test.each([
    [['Leo Breiman'], 'Leo Breiman'],
    [['Diederik P. Kingma', 'Max Welling'], 'Diederik P. Kingma and Max Welling'],
    [['Aaron Lou', 'Chenlin Meng', 'Stefano Ermon'], 'Aaron Lou, Chenlin Meng, and Stefano Ermon'],
    [flash.authors, 'Tri Dao, Daniel Y. Fu, Stefano Ermon, et al.'],
  ])('%j → %s', (authors, text) => {
    expect(authorList(authors)).toBe(text);
  });

  test.each<[string, PaperFacts, string]>([
    ['a conference paper', flash, 'Tri Dao, Daniel Y. Fu, Stefano Ermon, et al. FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness. NeurIPS 2022. arXiv:2205.14135.'],
    ['a corporate author\'s preprint', deepseek, 'DeepSeek-AI. DeepSeek-V3 Technical Report. 2024. arXiv:2412.19437.'],
    ['a title ending in a question mark takes no second stop', { title: 'MMBench: Is Your Multi-modal Model an All-around Player?', authors: ['Yuan Liu'], url: 'https://arxiv.org/abs/2307.06281', arxiv: '2307.06281', venue: 'ECCV 2024', year: 2023 }, 'Yuan Liu. MMBench: Is Your Multi-modal Model an All-around Player? ECCV 2024. arXiv:2307.06281.'],
    ['a journal paper, its year after the journal', { title: 'DeepSeek-R1: Incentivizing Reasoning Capability in LLMs via Reinforcement Learning', authors: ['DeepSeek-AI'], url: 'https://arxiv.org/abs/2501.12948', arxiv: '2501.12948', venue: 'Nature 2025', year: 2025 }, 'DeepSeek-AI. DeepSeek-R1: Incentivizing Reasoning Capability in LLMs via Reinforcement Learning. Nature, 2025. arXiv:2501.12948.'],
    ['a journal with volume and number', { title: 'A Stochastic Approximation Method', authors: ['Herbert Robbins', 'Sutton Monro'], url: 'https://doi.org/10.1214/aoms/1177729586', venue: 'The Annals of Mathematical Statistics 22(3)', year: 1951 }, 'Herbert Robbins and Sutton Monro. A Stochastic Approximation Method. The Annals of Mathematical Statistics 22(3), 1951. https://doi.org/10.1214/aoms/1177729586'],
    ['a journal without a year in its venue, and no arXiv id', { title: 'Random Forests', authors: ['Leo Breiman'], url: 'https://doi.org/10.1023/A:1010933404324', venue: 'Machine Learning', year: 2001 }, 'Leo Breiman. Random Forests. Machine Learning, 2001. https://doi.org/10.1023/A:1010933404324'],
  ])('%s', (_name, paper, text) => {
    expect(paperCitation(paper)).toBe(text);
  });
});

describe('citing the note', () => {
  const note = { slug: 'mla', title: '多头潜在注意力（MLA）', siteName: '模型笔记', url: 'https://notes.example.org/mla/', date: new Date('2026-12-05') };

  test('as text: title, site, date of the last revision, address', () => {
    expect(noteCitation(note)).toBe('多头潜在注意力（MLA）. 模型笔记, 2026-12-05. https://notes.example.org/mla/');
  });

  test('as BibTeX: @misc with the site as its author, the date and the address; a Chinese title as written', () => {
    const entry = noteBibtex({ ...note, title: '量化 & 蒸馏：50% 显存' });
    expect(entry.split('\n')[0]).toBe('@misc{mla-2026,');
    expect(fieldsOf(entry)).toEqual({ title: '{量化 \\& 蒸馏：50\\% 显存}', author: '{模型笔记}', year: '2026', date: '2026-12-05', url: 'https://notes.example.org/mla/' });
    expect(balanced(entry)).toBe(true);
  });
});

describe('the papers of the notes', () => {
  const root = path.resolve(import.meta.dirname, '../../content/articles');
  const papers = readdirSync(root).filter((file) => file.endsWith('.md')).flatMap((file) => {
    const paper = (parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(readFileSync(path.join(root, file), 'utf8'))![1]) as { paper?: PaperFacts }).paper;
    return paper ? [[file, paper] as const] : [];
  });

  test('each gives a balanced BibTeX entry with a key of lower-case ASCII, and keys do not collide', () => {
    const keys = papers.map(([file, paper]) => {
      const entry = paperBibtex(paper);
      expect(balanced(entry), file).toBe(true);
      const key = /^@\w+\{([^,]+),/.exec(entry)![1];
      expect(key, file).toMatch(/^[a-z]+\d{4}[a-z0-9]+$/);
      return key;
    });
    expect(papers.length).toBeGreaterThan(40);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
