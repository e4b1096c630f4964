import type { Loader } from 'astro/loaders';

/**
 * Astro's glob loader logs a note it cannot render (broken TeX, say) or an empty or duplicate file,
 * then carries on and publishes the page without its body. Here every error or warning the loader
 * logs fails the build instead, after the loader has reported all of them.
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
      if (problems.length > 0) {
        throw new Error(`The ${context.collection} collection has ${problems.length} problem(s); fix them to build:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
      }
    },
  };
}
