/** Palavras em português da seção "Armazenamento e recuperação" (issue 12). */
import type { Fmt } from '../format.ts';
import type { StorageRecoveryPhrases } from './storage.ts';

const s = (x: number, f: Fmt): string => (Number.isFinite(x) ? `${f.num(x, 1)} s` : '∞');
const gbps = (x: number, f: Fmt): string => (Number.isFinite(x) ? `${f.num(x, 2)} GB/s` : '∞');
const BOUND = { throughput: 'limitado pela vazão', iops: 'limitado por IOPS', latency: 'limitado pela latência' } as const;

export const STORAGE_PT_BR: StorageRecoveryPhrases = {
  title: 'Armazenamento e recuperação',
  unknown: (p) => `Não planejado: o tamanho dos artefatos do modelo ${p.model} é desconhecido (sem contagem de parâmetros; veja os alertas).`,
  label: {
    profile: 'Perfil de armazenamento',
    artifact: 'Artefatos do modelo',
    placement: 'Localização',
    nodeRead: 'Leitura por nó na partida',
    readRate: 'Taxa de leitura por nó',
    loadTime: 'Tempo de carga dos pesos',
    requiredRead: 'Vazão de leitura necessária',
    coldStart: 'Partida a frio de um nó',
    capacityPerNode: 'Armazenamento por nó',
    capacityFleet: 'Armazenamento da frota',
    sessions: 'Sessões, todos os nós ativos',
    domain: 'Perda de um domínio de falha',
    recovery: 'Tempo de recuperação',
    sessionMinutes: 'Sessões-minuto em falta',
  },
  placement: { local: 'local (os discos de cada nó)', shared: 'compartilhado (um armazenamento lido por todos os nós)' },
  bound: BOUND,
  infeasible: 'cenário inviável: nada a planejar',
  profile: (p, f) => `${p.name} (${p.type}): leitura de ${f.num(p.gbps, 2)} GB/s, ${f.int(p.iops)} IOPS, latência p50 ${f.num(p.p50)} ms / p99 ${f.num(p.p99)} ms`,
  artifact: (p, f) => `${f.num(p.gib, 1)} GiB × ${f.int(p.copies)} ${p.copies === 1 ? 'cópia' : 'cópias'}${p.fromWeights ? ' (os pesos)' : ''}`,
  placementValue: (p) => `${STORAGE_PT_BR.placement[p.placement]}${p.fromProfile ? ', pelo tipo do perfil' : ''}`,
  nodeRead: (p, f) => `${f.num(p.gib, 1)} GiB (${f.int(p.replicasPerNode)} réplica(s) por nó${p.nodesPerReplica > 1 ? `, cada uma sobre ${f.int(p.nodesPerReplica)} nós` : ''})`,
  readRate: (p, f) =>
    `${gbps(p.gbps, f)} sozinho (${BOUND[p.bound]})${p.concurrent > 1 ? `; ${gbps(p.gbpsConcurrent, f)} com ${f.int(p.concurrent)} nós carregando ao mesmo tempo (${BOUND[p.boundConcurrent]})` : ''}`,
  loadTime: (p, f) =>
    `${s(p.seconds, f)}${p.concurrent > 1 ? `; ${s(p.secondsConcurrent, f)} com ${f.int(p.concurrent)} ao mesmo tempo` : ''}; meta de ${f.num(p.target)} s: ${p.meets ? 'cumprida' : 'NÃO cumprida'}`,
  requiredRead: (p, f) => `${gbps(p.perNode, f)} por nó${p.shared ? `; ${gbps(p.profile, f)} do armazenamento compartilhado para ${p.concurrent === 1 ? 'um nó por vez' : `${f.int(p.concurrent)} nós ao mesmo tempo`}` : ''}`,
  coldStart: (p, f) => `${s(p.seconds, f)} (carga + ${f.num(p.startup)} s de partida do motor${p.startupDefault ? ', padrão' : ''})`,
  capacityPerNode: (p, f) => `${f.num(p.gib, 1)} GiB com margem de ${f.pct(p.margin)}`,
  capacityFleet: (p, f) => `${f.num(p.tb, 2)} TB (${f.num(p.gib, 0)} GiB${p.sharedGib > 0 ? `, dos quais ${f.num(p.sharedGib, 1)} GiB de artefatos no armazenamento compartilhado antes da margem` : ''})`,
  sessionsAllUp: (p, f) => `${f.int(p.capacity)} em ${f.int(p.nodes)} nós para uma demanda de ${f.num(p.demand, 0)} (pico)`,
  down: (p, f) =>
    `${f.int(p.capacity)} sessões (${f.pct(p.share)} da demanda atendida)${p.slo === null ? '' : p.slo ? ', metas de latência cumpridas' : ', metas de latência descumpridas'}; de volta em ${s(p.seconds, f)}${p.waves > 1 ? ` (${f.int(p.waves)} ondas)` : ''}; ${f.num(p.minutes, 1)} sessões-minuto em falta`,
  nodesDownLabel: (k) => (k === 1 ? '1 nó fora' : `${k} nós fora`),
  domain: (p, f) => `${f.int(p.perDomain)} nós fora: ${f.int(p.capacity)} sessões, ${p.survives ? 'sobrevive' : 'NÃO sobrevive'}`,
  explanation: {
    artifact_gib: ({ plan }, f) =>
      `Uma cópia do modelo como armazenado tem ${f.num(plan.inputs.artifact_gib, 1)} GiB${plan.inputs.artifact_source === 'weights' ? ' (os pesos: os arquivos do checkpoint guardam os pesos na precisão armazenada)' : ' (como informado)'}; ${plan.inputs.artifact_copies === 1 ? 'mantém-se 1 cópia' : `mantêm-se ${f.int(plan.inputs.artifact_copies)} cópias`}.`,
    node_read_gib: ({ plan }, f) =>
      `Cada réplica de um nó lê sua própria cópia dos pesos ao iniciar, então um nó lê ${f.num(plan.load.read_gib, 1)} GiB antes de poder atender.`,
    read_rate_gbps: ({ plan }, f) => {
      const r = plan.load.rate_alone;
      return `Um nó lê no menor de três limites: a vazão do perfil (${gbps(r.throughput_gbps, f)}), seus IOPS a ${f.int(plan.inputs.read_block_kib)} KiB por leitura (${gbps(r.iops_gbps, f)}) e ${f.int(plan.inputs.queue_depth)} leituras em andamento na latência p50 (${gbps(r.latency_gbps, f)}): ${gbps(r.gbps, f)}, ${BOUND[r.bound]}.${plan.inputs.storage_placement === 'shared' ? ' No armazenamento compartilhado os nós que carregam ao mesmo tempo dividem a vazão e os IOPS; o limite de latência é de cada nó.' : ''}`;
    },
    load_time_s: ({ plan }, f) =>
      `Ler ${f.num(plan.load.read_gib, 1)} GiB a ${gbps(plan.load.rate_alone.gbps, f)} leva ${s(plan.load.load_time_s, f)}${plan.inputs.warmup_concurrency > 1 && plan.inputs.storage_placement === 'shared' ? `, ${s(plan.load.load_time_concurrent_s, f)} quando ${f.int(plan.inputs.warmup_concurrency)} nós carregam ao mesmo tempo` : ''}.`,
    required_read_gbps: ({ plan }, f) =>
      `Para carregar em ${f.num(plan.inputs.target_load_time_s)} s um nó precisa de ${gbps(plan.load.required_gbps_per_node, f)}; o perfil ${plan.load.meets_target ? 'cumpre' : 'não cumpre'} a meta.`,
    cold_start_s: ({ plan }, f) =>
      `Um nó volta a atender depois de carregar os pesos e iniciar o motor (${f.num(plan.inputs.engine_startup_s)} s${plan.inputs.engine_startup_source === 'default' ? ', o padrão: entre uma partida morna e uma fria do vLLM, veja docs/storage.md' : ''}): ${s(plan.load.cold_start_s, f)}.`,
    capacity_per_node_gib: ({ plan, scenario }, f) =>
      scenario === null
        ? ''
        : `Cada nó guarda ${plan.inputs.storage_placement === 'local' ? 'as cópias dos artefatos, ' : ''}${f.num(plan.inputs.cache_gib_per_node)} GiB de caches e ${f.num(plan.inputs.log_gib_per_node)} GiB de registros, mais uma margem de espaço livre de ${f.pct(plan.inputs.capacity_margin)}: ${f.num(scenario.capacity.per_node_gib, 1)} GiB.`,
    capacity_fleet_tb: ({ scenario }, f) =>
      scenario === null ? '' : `Em ${f.int(scenario.nodes)} nós o armazenamento a comprar é de ${f.num(scenario.capacity.fleet_tb, 2)} TB, margem incluída.`,
    recovery_s: ({ plan, scenario }, f) => {
      if (scenario === null) return '';
      const two = scenario.failures[1]!;
      return `Um nó com falha volta a atender após ${s(scenario.failures[0]!.degraded_s, f)}; ${f.int(two.nodes_down)} após ${s(two.degraded_s, f)}${plan.inputs.storage_placement === 'shared' ? `, no máximo ${f.int(plan.inputs.warmup_concurrency)} carregando ao mesmo tempo do armazenamento compartilhado` : ', cada um dos próprios discos'} (supõe-se que os discos estejam intactos: um nó substituído precisa antes copiar os artefatos).`;
    },
    sessions_down: ({ scenario }, f) => {
      if (scenario === null) return '';
      const [a, b] = scenario.failures;
      return `Com 1 nó fora a frota mantém ${f.int(a!.sessions_capacity)} sessões, com ${f.int(b!.nodes_down)} fora ${f.int(b!.sessions_capacity)}, para uma demanda de pico de ${f.num(scenario.demand_sessions, 0)}.`;
    },
    session_minutes_short: ({ scenario }, f) => {
      if (scenario === null) return '';
      const [a, b] = scenario.failures;
      return a!.session_minutes_short === 0 && b!.session_minutes_short === 0
        ? 'A capacidade reserva cobre a demanda enquanto os nós com falha voltam: nenhuma sessão é perdida ou enfileirada.'
        : `Enquanto os nós com falha voltam, ${f.num(a!.session_minutes_short, 1)} sessões-minuto (1 fora) e ${f.num(b!.session_minutes_short, 1)} (${f.int(b!.nodes_down)} fora) da demanda de pico são perdidas ou enfileiradas.`;
    },
  },
};
