/**
 * `llm-sizing compare` in process (runCli): the outputs, --sort / --top / --recommend, both locales,
 * --help, and bad input (exit 2, the flag, the value and what is accepted, nothing on stdout).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

const BASE = ['compare', '--model', 'Meta-Llama-3.1-70B', '--memory-model', 'vllm', '--concurrency', '1000', '--effective-context', '8192'];
const LISTS = ['--server', 'dgx-h100,dgx-h200', '--tensor-parallel', '4,8,16'];

interface Doc {
  rows: { id: number; rank: number | null; option: Record<string, unknown>; feasible: boolean; usd_per_month: number | null; nodes: { recommended: number | null }; dominated_by: number | null; recommended: boolean }[];
  recommendation: { id: number; text: string[] } | null;
  counts: { options: number; shown: number; feasible: number };
}

describe('llm-sizing compare', () => {
  it('prints the ranked table, the infeasible options with their reason, and with --recommend the recommendation', async () => {
    const r = await runCli([...BASE, ...LISTS, '--recommend']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Options compared for Meta-Llama-3\.1-70B: 6 \(4 feasible in the RECOMMENDED scenario\)$/m);
    expect(r.stdout).toMatch(/^ *#  server +TP +nodes +sessions\/node +limit +\$\/month +kW +note$/m);
    expect(r.stdout).toContain('Infeasible options (the RECOMMENDED scenario cannot be sized):');
    expect(r.stdout).toMatch(/#3 server dgx-h100, TP 16: --tensor-parallel: got 16; expected a tensor-parallel group inside one NVLink domain/);
    expect(r.stdout).toMatch(/^Recommendation:\n  Option #\d+: server dgx-h\d00, TP \d+, \d+ node\(s\) in the RECOMMENDED scenario, \$[\d,]+\/month\.$/m);
    expect(r.stdout).toMatch(/The runner-up, #\d+ \(.*\): costs \$[\d,]+\/month more \(\+\d+%\)/);
  });

  it('without --recommend, marks the recommended row but prints no recommendation section', async () => {
    const r = await runCli([...BASE, ...LISTS]);
    expect(r.stdout).toContain('recommended');
    expect(r.stdout).not.toContain('Recommendation:');
  });

  it('--json-only: the document, feasible rows ranked then the infeasible ones; the recommended one the cheapest eligible', async () => {
    const r = await runCli([...BASE, ...LISTS, '--json-only']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.counts).toMatchObject({ options: 6, feasible: 4, shown: 6 });
    expect(doc.rows.map((x) => x.rank)).toEqual([1, 2, 3, 4, null, null]);
    const costs = doc.rows.filter((x) => x.feasible).map((x) => x.usd_per_month!);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    expect(doc.rows[0]!.recommended).toBe(true);
    expect(doc.recommendation?.id).toBe(doc.rows[0]!.id);
  });

  it.each([
    ['nodes', (d: Doc) => d.rows.filter((x) => x.feasible).map((x) => x.nodes.recommended!)],
    ['cost', (d: Doc) => d.rows.filter((x) => x.feasible).map((x) => x.usd_per_month!)],
  ] as const)('--sort %s orders the rows by it; --top trims them', async (sort, key) => {
    const doc = JSON.parse((await runCli([...BASE, ...LISTS, '--sort', sort, '--json-only'])).stdout) as Doc;
    const keys = key(doc);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    const top = JSON.parse((await runCli([...BASE, ...LISTS, '--sort', sort, '--top', '2', '--json-only'])).stdout) as Doc;
    expect(top.rows.map((x) => x.id)).toEqual(doc.rows.slice(0, 2).map((x) => x.id));
    expect(top.counts).toMatchObject({ options: 6, shown: 2 });
  });

  it('--markdown-only: a Markdown table and, with --recommend, its recommendation', async () => {
    const r = await runCli([...BASE, ...LISTS, '--markdown-only', '--recommend']);
    expect(r.stdout).toMatch(/^## Options compared for Meta-Llama-3\.1-70B/);
    expect(r.stdout).toMatch(/^\| # \| server \| TP \| nodes \|/m);
    expect(r.stdout).toContain('### Recommendation');
  });

  it('--executive-report: the recommended option\'s executive report, then the options considered', async () => {
    const r = await runCli([...BASE, ...LISTS, '--executive-report'], { env: { SOURCE_DATE_EPOCH: '0' } });
    expect(r.status).toBe(0);
    const [report, page] = r.stdout.split('<div style="page-break-before: always"></div>');
    expect(report).toMatch(/^# /);
    expect(report).toContain('dgx-h200');
    expect(page).toContain('## Options considered');
    expect(page).toContain('### Recommendation');
  });

  it('speaks pt-BR with --lang pt-BR, problems included', async () => {
    const r = await runCli([...BASE, ...LISTS, '--recommend', '--lang', 'pt-BR']);
    expect(r.stdout).toMatch(/^Opções comparadas para Meta-Llama-3\.1-70B: 6 \(4 viáveis no cenário RECOMENDADO\)$/m);
    expect(r.stdout).toContain('Recomendação:');
    expect(r.stdout).toContain('Opções inviáveis');
    expect(r.stdout).toMatch(/US\$ [\d.]+/);
  });

  it('--help in both locales, with examples', async () => {
    const en = await runCli(['compare', '--help']);
    expect(en.status).toBe(0);
    expect(en.stdout).toMatch(/^llm-sizing compare --model M --server S1,S2/);
    expect(en.stdout).toContain('--sort KEY');
    expect(en.stdout).toContain('Examples:');
    expect(en.stdout).toContain('Lists: --server, --memory-model, --tensor-parallel, --pipeline-parallel, --replicas-per-node, --kv-precision, --weights-precision take comma-separated values');
    const pt = await runCli(['compare', '--help', '--lang', 'pt-BR']);
    expect(pt.stdout).toContain('--sort CHAVE');
    expect(pt.stdout).toContain('Exemplos:');
  });

  it.each([
    ['an unknown server in the list', [...BASE, '--server', 'dgx-h200,dgx-h999'], /--server: .*"dgx-h999".*dgx-h200/],
    ['a tensor parallelism that is not a number', [...BASE, '--server', 'dgx-h200', '--tensor-parallel', '4,x'], /--tensor-parallel: .*"x"/],
    ['an unknown KV precision', [...BASE, '--server', 'dgx-h200', '--kv-precision', 'fp8,fp7'], /--kv-precision: .*"fp7".*fp8/],
    ['an unknown order', [...BASE, '--server', 'dgx-h200', '--sort', 'cheapest'], /--sort: .*"cheapest".*cost/],
    ['a --top of 0', [...BASE, '--server', 'dgx-h200', '--top', '0'], /--top: .*0.*1/],
    ['two outputs', [...BASE, '--server', 'dgx-h200', '--json-only', '--markdown-only'], /--json-only.*--markdown-only/],
    [
      'a cross too large',
      [...BASE, '--server', 'dgx-h200,dgx-h100', '--tensor-parallel', Array.from({ length: 60 }, (_, i) => i + 1).join(','), '--replicas-per-node', Array.from({ length: 60 }, (_, i) => i + 1).join(',')],
      /at most 5000 options in all \(the lists of --server, --tensor-parallel, --replicas-per-node multiply to 7200\)/,
    ],
    ['a flag compare does not take', [...BASE, '--server', 'dgx-h200', '--verbose'], /--verbose/],
  ])('refuses %s: exit 2, the flag and the value, nothing on stdout', async (_name, argv, message) => {
    const r = await runCli(argv);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 3 when no option can be recommended (the table is still printed)', async () => {
    const r = await runCli(['compare', '--model', 'Llama-3.1-405B', '--server', 'l40s-8,a100-80gb-8', '--concurrency', '10', '--effective-context', '8192']);
    expect(r.status).toBe(3);
    expect(r.stdout).toContain('Infeasible options');
  });
});
