/** The locale of an API request: `?lang=` first (an unknown value is a 400), else Accept-Language, else en. */
import { LOCALES, type Locale, localeOf } from '../report/format.ts';
import { closest, type Problem } from '../schema/problems.ts';

/** The best supported locale of an Accept-Language header (`pt-BR,pt;q=0.9,en;q=0.8`), by q-value then order. */
export function localeFromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranges = header
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), order };
    })
    .filter((r) => r.tag !== '' && r.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const r of ranges) {
    if (r.tag === 'pt' || r.tag.startsWith('pt-')) return 'pt-BR';
    if (r.tag === 'en' || r.tag.startsWith('en-')) return 'en';
  }
  return undefined;
}

export function requestLocale(lang: string | undefined, acceptLanguage: string | undefined): { ok: true; locale: Locale } | { ok: false; problem: Problem } {
  if (lang !== undefined) {
    const locale = localeOf(lang);
    if (locale !== undefined) return { ok: true, locale };
    return { ok: false, problem: { field: 'lang', value: lang, accepted: { kind: 'one_of', values: LOCALES, suggestion: closest(lang, LOCALES) } } };
  }
  return { ok: true, locale: localeFromAcceptLanguage(acceptLanguage) ?? 'en' };
}
