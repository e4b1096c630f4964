import type { Loader } from 'astro/loaders';

/**
 * Astro's glob loader logs a note it cannot render (broken TeX, say) or an empty or duplicate file,
 * then carries on and publishes the page without its body. Here every error or warning the loader
 * logs fails the build instead, after the loader has reported all of them; so does a note with no body.
 */
export function failOnLoaderProblems(loader: Loader): Loader {
  return {
    ...loader,
    async load(context) {
      const problems: string[] = [];
      const logger = new Proxy(context.logger, {
        get(target, property, receiver) {
          if (property === 'error' || property === 'warn') {
            return (message: string) => {
              problems.push(message);
              target[property](message);
            };
          }
          const value = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      await loader.load({ ...context, logger });
      // A note with frontmatter and nothing under it would publish a page with a title and no text.
      for (const entry of context.store.values()) {
        if (!entry.body?.trim() && entry.data['draft'] !== true) {
          problems.push(`${entry.filePath ?? entry.id}: the article has no text under its frontmatter; write the note, or mark it draft: true until it is written`);
        }
      }
      if (problems.length > 0) {
        throw new Error(`The ${context.collection} collection has ${problems.length} problem(s); fix them to build:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
      }
    },
  };
}
