import { defineCollection } from 'astro:content';
import { file } from 'astro/loaders';
import { articleSchemaOf, glossaryEntrySchema, topicSchema } from './content/schema.ts';
import { contentDir, noteIndex } from './content/note-index.ts';
import { glossaryLoader, notesLoader, recordedLoader } from './content/loader.ts';

// The tests and the benchmark point the same build at other folders (CONTENT_DIR).
const dir = contentDir();

const articles = defineCollection({
  // Drafts are published only in `astro dev`, so only there may a note link to one.
  // In `astro dev` a note's text stays in the store, where Astro renders a changed note.
  loader: notesLoader({ dir, drafts: import.meta.env.DEV, textInStore: import.meta.env.DEV }),
  // Read when the notes load, not when this file is imported (`astro preview` loads no notes).
  // What exists, so that `topic` and `related` are checked against it (Astro's references are not).
  schema: () => articleSchemaOf(noteIndex(dir)),
});

const topics = defineCollection({
  loader: recordedLoader(file(`${dir}/topics.yaml`)),
  schema: topicSchema,
});

// content/glossary.yaml, checked with its lines against the notes before any note renders.
const glossary = defineCollection({
  loader: glossaryLoader({ dir, drafts: import.meta.env.DEV }),
  schema: glossaryEntrySchema,
});

export const collections = { articles, topics, glossary };
