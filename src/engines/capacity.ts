/**
 * What every memory model shares: its inputs, its resolved settings, and the capacity it reports for
 * one replica and one node. `engineSettings` fills in a memory model's defaults (once, when a request is
 * planned); `engineCapacity` runs its accounting. The accountings themselves are one file each:
 * seed.ts (the original tool's arithmetic over a layout), vllm.ts, sglang.ts, trtllm.ts. Pure.
 */
import type { ModelEntry, ServerEntry } from '../schema/catalog.ts';
import type { KvPrecision } from '../core/units.ts';
import { type GpuMemoryBreakdown, type NodeMemoryBreakdown, nodeBreakdown } from './gpu-memory.ts';
import { rankGeometry } from './geometry.ts';
import type { Layout } from './layout.ts';
import type { DeploymentRequest, MemoryModel } from './settings.ts';
import { type SeedSettings, seedCapacity, seedSettings } from './seed.ts';
import { type SglangSettings, sglangCapacity, sglangSettings } from './sglang.ts';
import { type TrtllmSettings, trtllmCapacity, trtllmSettings } from './trtllm.ts';
import { type VllmSettings, vllmCapacity, vllmSettings } from './vllm.ts';

/** Settings every memory model takes as given, never defaulted. */
export interface GivenSettings {
  /** Weights of one replica, GiB (else parameters × bytes per parameter). */
  readonly weights_gib: number | undefined;
  /** KV memory per GPU an engine reported (calibration): replaces the memory model's own figure. */
  readonly kv_cache_memory_gib: number | undefined;
}

/** One memory model with its settings, every default filled in. */
export type EngineSettings = SeedSettings | VllmSettings | SglangSettings | TrtllmSettings;

/** What the settings' default rules may read. */
export interface SettingsContext {
  readonly model: ModelEntry;
  readonly server: ServerEntry;
  readonly layout: Layout;
  readonly request: DeploymentRequest;
}

export function givenSettings(request: DeploymentRequest): GivenSettings {
  return { weights_gib: request.weights_gib, kv_cache_memory_gib: request.kv_cache_memory_gib };
}

/** A memory model's settings: the request's, and the settings table's defaults (values and rules) for the rest. */
export function engineSettings(memoryModel: MemoryModel, context: SettingsContext): EngineSettings {
  switch (memoryModel) {
    case 'seed':
      return seedSettings(context);
    case 'vllm':
      return vllmSettings(context);
    case 'sglang':
      return sglangSettings(context);
    case 'trtllm':
      return trtllmSettings(context);
  }
}

export interface EngineInputs {
  readonly model: ModelEntry;
  readonly server: ServerEntry;
  readonly layout: Layout;
  readonly precision: KvPrecision;
  readonly context: number;
  /** Weights of one replica, GiB (null when unknown: counted as 0 with an alert). */
  readonly weights_replica_gib: number | null;
}

/** What each memory model computes; `engineCapacity` adds what they share. */
export type EngineParts = Pick<EngineCapacity, 'per_gpu' | 'calibrated' | 'block_size' | 'num_blocks' | 'kv_tokens' | 'max_concurrency' | 'bytes_per_session_per_rank'>;

export interface EngineCapacity {
  readonly memory_model: MemoryModel;
  readonly layout: Layout;
  readonly per_gpu: GpuMemoryBreakdown;
  readonly per_node: NodeMemoryBreakdown;
  /** True when the KV memory came from --kv-cache-memory-gib (an engine's own report). */
  readonly calibrated: boolean;
  readonly block_size: number;
  /** Blocks in the pool of one rank (null for SGLang's token pool). */
  readonly num_blocks: number | null;
  /** Token capacity of one replica, as the engine logs it ("GPU KV cache size: N tokens", "#tokens: N"). */
  readonly kv_tokens: number;
  /** Requests of `context` tokens one replica holds at once ("Maximum concurrency … X×"). */
  readonly max_concurrency: number;
  readonly context_tokens: number;
  readonly sessions_per_replica: number;
  readonly sessions_per_node: number;
  /** Bytes one session takes on one rank, by the engine's rules. */
  readonly bytes_per_session_per_rank: number;
}

/** The memory model's KV capacity for one replica and node. `seed` carries the seed scenario's reserve per GPU (src/core/weights.ts) and budget ratio. */
export function engineCapacity(inputs: EngineInputs, settings: EngineSettings, seed: { reservePerGpuGib: number; kvBudgetRatio: number }): EngineCapacity {
  const ranks = rankGeometry(inputs.model, inputs.layout, inputs.precision, settings.memory_model);
  const perGpuWeights = (settings.weights_gib ?? inputs.weights_replica_gib ?? 0) / inputs.layout.gpus_per_replica;
  const cap = (() => {
    switch (settings.memory_model) {
      case 'vllm':
        return vllmCapacity(inputs, settings, ranks, perGpuWeights);
      case 'sglang':
        return sglangCapacity(inputs, settings, ranks, perGpuWeights);
      case 'trtllm':
        return trtllmCapacity(inputs, settings, ranks, perGpuWeights);
      case 'seed':
        return seedCapacity(inputs, settings, ranks, seed.reservePerGpuGib, seed.kvBudgetRatio);
    }
  })();
  const sessions = Math.floor(cap.max_concurrency);
  return {
    memory_model: settings.memory_model,
    layout: inputs.layout,
    ...cap,
    per_node: nodeBreakdown(cap.per_gpu, inputs.layout.gpus_used, inputs.server.gpus),
    context_tokens: inputs.context,
    sessions_per_replica: sessions,
    sessions_per_node: sessions * inputs.layout.replicas_per_node,
  };
}
