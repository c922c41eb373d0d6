/** Helpers shared by the locales (no prose here). */

/** A value as the user typed it: strings in quotes, everything else as JSON. */
export function quote(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  try {
    const json = JSON.stringify(value);
    return json.length > 80 ? `${json.slice(0, 77)}...` : json;
  } catch {
    return String(value);
  }
}

type RuleDetail = Readonly<Record<string, number | string>>;

/** Render a consistency rule's detail with a locale's table; an unknown rule name shows its data. */
export function ruleDetail(rule: string, detail: RuleDetail, table: Readonly<Record<string, (d: RuleDetail) => string>>): string {
  const render = table[rule];
  return render ? render(detail) : `${rule} ${JSON.stringify(detail)}`;
}
