/** The report date shown by every report: SOURCE_DATE_EPOCH when set (reproducible reports), else now; always UTC. */
export function reportDateOf(env: Readonly<Record<string, string | undefined>>, now: () => Date): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  const date = epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : now();
  return utcText(date);
}

/** Milliseconds of 1970-01-01 and of 10000-01-01 (UTC): the years written with four digits. */
const FOUR_DIGIT_YEARS = [0, 253402300800000] as const;

/**
 * `YYYY-MM-DD hh:mm:ss UTC`, as `toISOString()` cut to the second would give it. From 1970 to 9999 the
 * fields are worked out here (the civil calendar from a day count, as in Howard Hinnant's
 * `civil_from_days`): the first `toISOString()` of a process costs about 0.2 ms, a tenth of the CLI's
 * start-up margin. Other dates (and invalid ones, which throw) go through `toISOString()`.
 *
 * @example utcText(new Date(0)) //=> '1970-01-01 00:00:00 UTC'
 */
export function utcText(date: Date): string {
  const ms = date.getTime();
  if (!(ms >= FOUR_DIGIT_YEARS[0] && ms < FOUR_DIGIT_YEARS[1])) return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  const days = Math.floor(ms / 86400000);
  const seconds = Math.floor((ms - days * 86400000) / 1000);
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
  return `${year}-${two(month)}-${two(day)} ${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)} UTC`;
}
