/**
 * The parameter dictionary's section texts, made ahead of time. From the sources (tests, the library,
 * the page) there are none, and the text report wraps them itself. In the CLI's bundles, `npm run build`
 * (scripts/build.mjs) puts a module here with one function per `locale|verbose` key that returns the
 * text: a report neither wraps the same prose on every run nor loads the texts it does not print (a
 * function that is never called is never compiled, so its text stays out of the code cache).
 */
export const PRECOMPUTED_SECTIONS: Readonly<Record<string, () => string>> | undefined = undefined;
