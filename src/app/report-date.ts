/** The report date shown by every report: SOURCE_DATE_EPOCH when set (reproducible reports), else now; always UTC. */
export function reportDateOf(env: Readonly<Record<string, string | undefined>>, now: () => Date): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  const date = epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : now();
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
