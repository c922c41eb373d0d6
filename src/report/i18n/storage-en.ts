/** English words of the "Storage and recovery" section (issue 12). */
import type { Fmt } from '../format.ts';
import type { StorageRecoveryPhrases } from './storage.ts';

const s = (x: number, f: Fmt): string => (Number.isFinite(x) ? `${f.num(x, 1)} s` : '∞');
const gbps = (x: number, f: Fmt): string => (Number.isFinite(x) ? `${f.num(x, 2)} GB/s` : '∞');
const BOUND = { throughput: 'throughput-bound', iops: 'IOPS-bound', latency: 'latency-bound' } as const;

export const STORAGE_EN: StorageRecoveryPhrases = {
  title: 'Storage and recovery',
  unknown: (p) => `Not planned: the size of model ${p.model}'s artifacts is unknown (no parameter count; see the alerts).`,
  label: {
    profile: 'Storage profile',
    artifact: 'Model artifacts',
    placement: 'Placement',
    nodeRead: 'Read per node at start',
    readRate: 'Read rate per node',
    loadTime: 'Weights load time',
    requiredRead: 'Read throughput needed',
    coldStart: 'Cold start of a node',
    capacityPerNode: 'Storage per node',
    capacityFleet: 'Storage for the fleet',
    sessions: 'Sessions, all nodes up',
    domain: 'Losing a failure domain',
    recovery: 'Recovery time',
    sessionMinutes: 'Session-minutes short',
  },
  placement: { local: "local (each node's drives)", shared: 'shared (one store all nodes read)' },
  bound: BOUND,
  infeasible: 'infeasible scenario: nothing to plan',
  profile: (p, f) => `${p.name} (${p.type}): ${f.num(p.gbps, 2)} GB/s read, ${f.int(p.iops)} IOPS, latency p50 ${f.num(p.p50)} ms / p99 ${f.num(p.p99)} ms`,
  artifact: (p, f) => `${f.num(p.gib, 1)} GiB × ${f.int(p.copies)} ${p.copies === 1 ? 'copy' : 'copies'}${p.fromWeights ? ' (the weights)' : ''}`,
  placementValue: (p) => `${STORAGE_EN.placement[p.placement]}${p.fromProfile ? ', from the profile type' : ''}`,
  nodeRead: (p, f) => `${f.num(p.gib, 1)} GiB (${f.int(p.replicasPerNode)} replica(s) per node${p.nodesPerReplica > 1 ? `, each over ${f.int(p.nodesPerReplica)} nodes` : ''})`,
  readRate: (p, f) =>
    `${gbps(p.gbps, f)} alone (${BOUND[p.bound]})${p.concurrent > 1 ? `; ${gbps(p.gbpsConcurrent, f)} with ${f.int(p.concurrent)} nodes loading at once (${BOUND[p.boundConcurrent]})` : ''}`,
  loadTime: (p, f) =>
    `${s(p.seconds, f)}${p.concurrent > 1 ? `; ${s(p.secondsConcurrent, f)} with ${f.int(p.concurrent)} at once` : ''}; target ${f.num(p.target)} s: ${p.meets ? 'met' : 'NOT met'}`,
  requiredRead: (p, f) => `${gbps(p.perNode, f)} per node${p.shared ? `; ${gbps(p.profile, f)} from the shared store for ${p.concurrent === 1 ? 'one node at a time' : `${f.int(p.concurrent)} nodes at once`}` : ''}`,
  coldStart: (p, f) => `${s(p.seconds, f)} (load + ${f.num(p.startup)} s engine start-up${p.startupDefault ? ', default' : ''})`,
  capacityPerNode: (p, f) => `${f.num(p.gib, 1)} GiB with a ${f.pct(p.margin)} margin`,
  capacityFleet: (p, f) => `${f.num(p.tb, 2)} TB (${f.num(p.gib, 0)} GiB${p.sharedGib > 0 ? `, of which ${f.num(p.sharedGib, 1)} GiB of artifacts on the shared store before the margin` : ''})`,
  sessionsAllUp: (p, f) => `${f.int(p.capacity)} on ${f.int(p.nodes)} nodes for a demand of ${f.num(p.demand, 0)} (peak)`,
  down: (p, f) =>
    `${f.int(p.capacity)} sessions (${f.pct(p.share)} of the demand served)${p.slo === null ? '' : p.slo ? ', latency targets met' : ', latency targets missed'}; back in ${s(p.seconds, f)}${p.waves > 1 ? ` (${f.int(p.waves)} waves)` : ''}; ${f.num(p.minutes, 1)} session-minutes short`,
  nodesDownLabel: (k) => (k === 1 ? '1 node down' : `${k} nodes down`),
  domain: (p, f) => `${f.int(p.perDomain)} nodes down: ${f.int(p.capacity)} sessions, ${p.survives ? 'survives' : 'does NOT survive'}`,
  explanation: {
    artifact_gib: ({ plan }, f) =>
      `One copy of the model as stored is ${f.num(plan.inputs.artifact_gib, 1)} GiB${plan.inputs.artifact_source === 'weights' ? ' (the weights: the checkpoint files hold the weights at their stored precision)' : ' (as given)'}; ${f.int(plan.inputs.artifact_copies)} ${plan.inputs.artifact_copies === 1 ? 'copy is' : 'copies are'} kept.`,
    node_read_gib: ({ plan }, f) =>
      `Each replica on a node reads its own copy of the weights when it starts, so a node reads ${f.num(plan.load.read_gib, 1)} GiB before it can serve.`,
    read_rate_gbps: ({ plan }, f) => {
      const r = plan.load.rate_alone;
      return `A node reads at the least of three limits: the profile's throughput (${gbps(r.throughput_gbps, f)}), its IOPS at ${f.int(plan.inputs.read_block_kib)} KiB per read (${gbps(r.iops_gbps, f)}) and ${f.int(plan.inputs.queue_depth)} reads in flight at the p50 latency (${gbps(r.latency_gbps, f)}): ${gbps(r.gbps, f)}, ${BOUND[r.bound]}.${plan.inputs.storage_placement === 'shared' ? ' On shared storage the nodes loading at once divide the throughput and the IOPS; the latency limit is each node’s own.' : ''}`;
    },
    load_time_s: ({ plan }, f) =>
      `Reading ${f.num(plan.load.read_gib, 1)} GiB at ${gbps(plan.load.rate_alone.gbps, f)} takes ${s(plan.load.load_time_s, f)}${plan.inputs.warmup_concurrency > 1 && plan.inputs.storage_placement === 'shared' ? `, ${s(plan.load.load_time_concurrent_s, f)} when ${f.int(plan.inputs.warmup_concurrency)} nodes load at once` : ''}.`,
    required_read_gbps: ({ plan }, f) =>
      `To load within ${f.num(plan.inputs.target_load_time_s)} s a node needs ${gbps(plan.load.required_gbps_per_node, f)}; the profile ${plan.load.meets_target ? 'meets' : 'does not meet'} the target.`,
    cold_start_s: ({ plan }, f) =>
      `A node serves again after loading its weights and starting its engine (${f.num(plan.inputs.engine_startup_s)} s${plan.inputs.engine_startup_source === 'default' ? ', the default: between a warm and a cold vLLM start, see docs/storage.md' : ''}): ${s(plan.load.cold_start_s, f)}.`,
    capacity_per_node_gib: ({ plan, scenario }, f) =>
      scenario === null
        ? ''
        : `Each node keeps ${plan.inputs.storage_placement === 'local' ? 'the artifact copies, ' : ''}${f.num(plan.inputs.cache_gib_per_node)} GiB of caches and ${f.num(plan.inputs.log_gib_per_node)} GiB of logs, plus a ${f.pct(plan.inputs.capacity_margin)} free-space margin: ${f.num(scenario.capacity.per_node_gib, 1)} GiB.`,
    capacity_fleet_tb: ({ scenario }, f) =>
      scenario === null ? '' : `Over ${f.int(scenario.nodes)} nodes the storage to buy is ${f.num(scenario.capacity.fleet_tb, 2)} TB, margin included.`,
    recovery_s: ({ plan, scenario }, f) => {
      if (scenario === null) return '';
      const two = scenario.failures[1]!;
      return `One failed node serves again after ${s(scenario.failures[0]!.degraded_s, f)}; ${f.int(two.nodes_down)} after ${s(two.degraded_s, f)}${plan.inputs.storage_placement === 'shared' ? `, at most ${f.int(plan.inputs.warmup_concurrency)} loading at once from the shared store` : ', each from its own drives'} (the drives are assumed intact: a replaced node must first copy the artifacts).`;
    },
    sessions_down: ({ scenario }, f) => {
      if (scenario === null) return '';
      const [a, b] = scenario.failures;
      return `With 1 node down the fleet holds ${f.int(a!.sessions_capacity)} sessions, with ${f.int(b!.nodes_down)} down ${f.int(b!.sessions_capacity)}, against a peak demand of ${f.num(scenario.demand_sessions, 0)}.`;
    },
    session_minutes_short: ({ scenario }, f) => {
      if (scenario === null) return '';
      const [a, b] = scenario.failures;
      return a!.session_minutes_short === 0 && b!.session_minutes_short === 0
        ? 'The spare capacity covers the demand while the failed nodes come back: no session is lost or queued.'
        : `While the failed nodes come back, ${f.num(a!.session_minutes_short, 1)} session-minutes (1 down) and ${f.num(b!.session_minutes_short, 1)} (${f.int(b!.nodes_down)} down) of the peak demand are lost or queued.`;
    },
  },
};
