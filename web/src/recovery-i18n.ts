/**
 * The page's own texts of the storage and recovery fields, block and chart (issue 12), spread into
 * the page texts (./i18n.ts). The block's figures themselves are the report's "Storage and recovery"
 * rows (src/report/storage-section.ts), in the report's words. A key missing in pt-BR fails `tsc`.
 */
import { STORAGE_DEFAULTS } from '../../src/index.ts';

export const RECOVERY_EN = {
  storageFields: 'Storage and recovery',
  storageHint: 'Optional. Any of these adds the storage and recovery block: load time per node, cold start, and what each scenario serves while 1 or 2 nodes are down.',
  artifactGib: 'Model artifacts, one copy (GiB)',
  artifactDefault: 'the weights',
  storagePlacement: 'Artifacts placement',
  placementDefault: 'by the profile type',
  targetLoadTime: 'Target load time (s)',
  warmupConcurrency: 'Nodes loading at once (shared storage)',
  engineStartup: 'Engine start-up (s)',
  nodesPerDomain: 'Nodes per failure domain (rack, switch)',
  noDomain: 'none',
  storageNote: 'Give a storage field (a target load time, for one) to see the load time per node, the cold start and what each scenario serves while nodes are down.',
  chartRecovery: 'Capacity after losing nodes',
  recoveryScenario: 'Scenario of the chart',
  axisTimeS: 'time after the failure, s',
  axisTimeMin: 'time after the failure, min',
  axisSessionsHeld: 'sessions held',
  demandPeak: 'demand (peak)',
  recoveryCase: '{label}: {count} sessions from the failure, all back at {time}',
  recoveryDemand: 'demand {demand} sessions',
  recoveryNever: 'never (the profile reads nothing)',
  recoveryInfeasible: 'No scenario is feasible: no recovery to draw.',
  storageScenarios: 'Per scenario',
};

export const RECOVERY_PT_BR: { readonly [K in keyof typeof RECOVERY_EN]: string } = {
  storageFields: 'Armazenamento e recuperação',
  storageHint: 'Opcional. Qualquer um destes acrescenta o bloco de armazenamento e recuperação: tempo de carga por nó, partida a frio e o que cada cenário atende com 1 ou 2 nós fora.',
  artifactGib: 'Artefatos do modelo, uma cópia (GiB)',
  artifactDefault: 'os pesos',
  storagePlacement: 'Localização dos artefatos',
  placementDefault: 'pelo tipo do perfil',
  targetLoadTime: 'Meta de tempo de carga (s)',
  warmupConcurrency: 'Nós carregando ao mesmo tempo (armazenamento compartilhado)',
  engineStartup: 'Partida do motor (s)',
  nodesPerDomain: 'Nós por domínio de falha (rack, switch)',
  noDomain: 'nenhum',
  storageNote: 'Informe um campo de armazenamento (uma meta de tempo de carga, por exemplo) para ver o tempo de carga por nó, a partida a frio e o que cada cenário atende com nós fora.',
  chartRecovery: 'Capacidade após perder nós',
  recoveryScenario: 'Cenário do gráfico',
  axisTimeS: 'tempo após a falha, s',
  axisTimeMin: 'tempo após a falha, min',
  axisSessionsHeld: 'sessões comportadas',
  demandPeak: 'demanda (pico)',
  recoveryCase: '{label}: {count} sessões desde a falha, todos de volta em {time}',
  recoveryDemand: 'demanda de {demand} sessões',
  recoveryNever: 'nunca (o perfil não lê nada)',
  recoveryInfeasible: 'Nenhum cenário é viável: não há recuperação a desenhar.',
  storageScenarios: 'Por cenário',
};

/** Placeholders of the storage fields: the defaults (src/core/storage.ts), or what stands for them. */
export function recoveryPlaceholders(t: { readonly [K in keyof typeof RECOVERY_EN]: string }): Readonly<Record<string, string>> {
  const d = STORAGE_DEFAULTS;
  return {
    artifact_gib: t.artifactDefault,
    target_load_time_s: String(d.target_load_time_s),
    warmup_concurrency: String(d.warmup_concurrency),
    engine_startup_s: String(d.engine_startup_s),
    nodes_per_domain: t.noDomain,
  };
}
