/** The KV offload tier through the CLI, in process: the report section in both languages, only when asked; JSON; Markdown. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

/** The output with its wrapped lines joined (the report wraps at 100 columns). */
const flat = (s: string) => s.replace(/\s+/g, ' ');

const BASE = ['--model', 'opt-oss-120b', '--server', 'dgx300', '--concurrency', '1000', '--effective-context', '131072', '--kv-precision', 'fp16'];

describe('llm-sizing --offload-tier', () => {
  it('adds the section, in English, only when asked', async () => {
    const plain = await runCli(BASE);
    const r = await runCli([...BASE, '--offload-tier', 'dram', '--idle-session-fraction', '0.5']);
    expect(r.status).toBe(0);
    expect(plain.stdout).not.toContain('KV OFFLOAD TIER');
    expect(r.stdout).toContain('KV OFFLOAD TIER');
    expect(r.stdout).toContain("Tier: host DRAM, 931.3 GiB per node (half the server's system memory)");
    expect(flat(r.stdout)).toContain('host link 63 GB/s per GPU (PCIe Gen5 ×16, assumed) × 1 GPU(s) holding the session');
    expect(r.stdout).toContain('▸ Idle sessions one node can park: 206');
    expect(r.stdout).toContain('▸ Time to bring one idle session back: 76.8 ms');
    expect(r.stdout).toContain('RECOMMENDED: 314 → 520 sessions per node (206 parked), 5 → 4 nodes');
    // Everything else is the report without the tier.
    const cut = (s: string) => s.replace(/┌[─]+┐\n│ KV OFFLOAD TIER[\s\S]*?(?=┌)/, '');
    expect(cut(r.stdout)).toBe(plain.stdout);
  });

  it('in Portuguese, from NVMe: the storage profile binds', async () => {
    const r = await runCli([...BASE, '--offload-tier', 'nvme', '--offload-gib-per-node', '3000', '--idle-session-fraction', '0.5', '--lang', 'pt-BR']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('CAMADA DE OFFLOAD DE KV');
    expect(flat(r.stdout)).toContain('Banda para trazer uma sessão de volta: 28 GB/s (a vazão de leitura do perfil de storage');
    expect(r.stdout).toContain('▸ Tempo para trazer uma sessão ociosa de volta: 172,9 ms');
    expect(r.stdout).toContain('RECOMENDADO: 314 → 628 sessões por nó (314 estacionadas), 5 → 3 nós');
  });

  it('--json-only: the offload object; Markdown: its section', async () => {
    const j = await runCli([...BASE, '--offload-tier', 'dram', '--idle-session-fraction', '0.25', '--json-only']);
    const doc = JSON.parse(j.stdout) as { offload: { idle_session_fraction: number; scenarios: { recommended: { sessions_per_node_with_offload: number } } } };
    expect(doc.offload.idle_session_fraction).toBe(0.25);
    expect(doc.offload.scenarios.recommended.sessions_per_node_with_offload).toBe(418);
    const md = await runCli([...BASE, '--offload-tier', 'dram', '--markdown-only']);
    expect(md.stdout).toContain('## KV offload tier');
    expect(md.stdout).toContain('RECOMMENDED: 314 → 314 sessions per node (0 parked), 5 → 5 nodes');
  });
});
