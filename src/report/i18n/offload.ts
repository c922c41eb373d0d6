/**
 * The words of the "KV offload tier" section (src/report/offload.ts), one table per locale: a locale
 * missing here, or a phrase missing in one, fails `tsc`. Figures come in formatted in the locale's way.
 */
import type { Locale } from '../format.ts';
import type { KvOffload } from '../../core/offload.ts';

/** One rationale item: title, formula, inputs and meaning, each from formatted figures. */
export interface OffloadItemText {
  readonly title: string;
  readonly formula: string;
  readonly meaning: string;
}

export interface OffloadPhrases {
  readonly title: string;
  readonly tier: Readonly<Record<KvOffload['tier'], string>>;
  /** The tier, its size and where the size comes from. */
  tierFact(p: { tier: string; gib: string; source: KvOffload['capacity_source'] }): string;
  idleFact(p: { fraction: string }): string;
  /** The bandwidth used and its source. */
  bandwidthFact(p: { gbps: string; link: string; links: string; linkSource: KvOffload['host_link_source']; storage: string | null; from: KvOffload['restore_bandwidth_source'] }): string;
  readonly parked: OffloadItemText;
  readonly restore: OffloadItemText;
  readonly sessions: OffloadItemText;
  /** One scenario's line: sessions and nodes without and with offload. */
  scenarioLine(p: { scenario: string; spn: string; spnOff: string; parked: string; nodes: string; nodesOff: string }): string;
  readonly infeasible: string;
}

const en: OffloadPhrases = {
  title: 'KV offload tier',
  tier: { dram: 'host DRAM', nvme: 'local NVMe' },
  tierFact: (p) => `Tier: ${p.tier}, ${p.gib} GiB per node (${p.source === 'input' ? 'given' : "half the server's system memory"})`,
  idleFact: (p) => `Idle sessions: ${p.fraction} of the sessions at any time`,
  bandwidthFact: (p) =>
    `Bandwidth to bring a session back: ${p.gbps} GB/s (${p.from === 'storage_profile' ? `the storage profile ${p.storage}'s read throughput, below the host links` : `host link ${p.link} GB/s per GPU (${p.linkSource === 'input' ? 'given' : 'PCIe Gen5 ×16, assumed'}) × ${p.links} GPU(s) holding the session`})`,
  parked: {
    title: 'Idle sessions one node can park',
    formula: 'P = floor(tier GiB per node / KV per session GiB)',
    meaning: "The tier holds whole sessions' KV, as vLLM's OffloadingConnector sizes its host pool (bytes / KV bytes per block) and LMCache its CPU buffer.",
  },
  restore: {
    title: 'Time to bring one idle session back',
    formula: 't = read latency p99 (nvme) + KV per session bytes / bandwidth',
    meaning: 'The delay a returning session waits before its next token is computed, on top of its TTFT, if nothing else is moving on those links.',
  },
  sessions: {
    title: 'Sessions per node with offload',
    formula: 'n = min(floor(S / (1 − f)), S + P), S = HBM sessions per node, f = idle fraction; nodes by the same rule as without (headroom, HA)',
    meaning: 'GPU memory then holds only the active sessions; the idle ones wait in the tier until it is full. With no idle sessions nothing changes.',
  },
  scenarioLine: (p) => `${p.scenario}: ${p.spn} → ${p.spnOff} sessions per node (${p.parked} parked), ${p.nodes} → ${p.nodesOff} nodes`,
  infeasible: 'infeasible',
};

const ptBR: OffloadPhrases = {
  title: 'Camada de offload de KV',
  tier: { dram: 'DRAM do host', nvme: 'NVMe local' },
  tierFact: (p) => `Camada: ${p.tier}, ${p.gib} GiB por nó (${p.source === 'input' ? 'informado' : 'metade da memória de sistema do servidor'})`,
  idleFact: (p) => `Sessões ociosas: ${p.fraction} das sessões a cada momento`,
  bandwidthFact: (p) =>
    `Banda para trazer uma sessão de volta: ${p.gbps} GB/s (${p.from === 'storage_profile' ? `a vazão de leitura do perfil de storage ${p.storage}, abaixo dos links do host` : `link do host ${p.link} GB/s por GPU (${p.linkSource === 'input' ? 'informado' : 'PCIe Gen5 ×16, suposto'}) × ${p.links} GPU(s) que guardam a sessão`})`,
  parked: {
    title: 'Sessões ociosas que um nó pode estacionar',
    formula: 'P = floor(GiB da camada por nó / GiB de KV por sessão)',
    meaning: 'A camada guarda o KV de sessões inteiras, como o OffloadingConnector do vLLM dimensiona o seu pool no host (bytes / bytes de KV por bloco) e o LMCache o seu buffer de CPU.',
  },
  restore: {
    title: 'Tempo para trazer uma sessão ociosa de volta',
    formula: 't = latência de leitura p99 (nvme) + bytes de KV por sessão / banda',
    meaning: 'O atraso que uma sessão que volta espera antes do próximo token, somado ao seu TTFT, se nada mais estiver passando por esses links.',
  },
  sessions: {
    title: 'Sessões por nó com offload',
    formula: 'n = min(floor(S / (1 − f)), S + P), S = sessões em HBM por nó, f = fração ociosa; nós pela mesma regra de antes (headroom, HA)',
    meaning: 'A memória da GPU guarda então só as sessões ativas; as ociosas esperam na camada até ela encher. Sem sessões ociosas nada muda.',
  },
  scenarioLine: (p) => `${p.scenario}: ${p.spn} → ${p.spnOff} sessões por nó (${p.parked} estacionadas), ${p.nodes} → ${p.nodesOff} nós`,
  infeasible: 'inviável',
};

export const OFFLOAD_PHRASES: { readonly [L in Locale]: OffloadPhrases } = { en, 'pt-BR': ptBR };
