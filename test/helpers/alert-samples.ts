/** One alert per code, with params of the right shape: what the message tests render in every locale. */
import { ALERT_CODES, type Alert } from '../../src/core/alerts.ts';

export const ALERT_SAMPLES: readonly Alert[] = ALERT_CODES.map((code) => {
  const params: Record<string, number | string> = {
    requested_context: 200000, max_position_embeddings: 131072, kv_precision: 'fp16', bytes_per_element: 2, hbm_total_gib: 1050.5,
    runtime_overhead_gib: 40, kv_per_session_gib: 4.5, kv_budget_gib: 3.9, effective_context: 131072, threshold_tokens: 128000,
    storage: 'profile_x', throughput_read_gbps: 4, latency_read_ms_p99: 5, kv_budget_ratio: 0.8, threshold: 0.75, threshold_gib: 50,
    storage_type: 'cloud_block_storage', sliding_window: 128, sliding_layers: 18, sessions_per_node: 12, nodes_final: 25, peak_headroom_ratio: 0.6,
    weights_gib: 111.8, params_b: 120, bytes_per_param: 1, layers: 36, model_type: 'falcon',
    default_reserve_gib: 127.8, server: 'dgx-h100', gpus_per_replica: 8, weights_gib_per_gpu: 78.1, allowance_gib_per_gpu: 2.48, gpu_gib: 74.5, gpus: 8,
    gpus_needed: 9, servers_that_fit: 'dgx-h200, dgx-b200', precisions_that_fit: 'mxfp4, int4',
    kv_heads: 2, tensor_parallel: 8, copies: 4, memory_model: 'vllm', gpu_memory_gib: 79.2, activation_gib: 1.7, non_torch_gib: 0.35, reserved_gib: 7.9,
    metric: 'tpot', target_ms: 5, best_ms: 12.6, input_tokens: 2048, output_tokens: 512,
    load_time_s: 95.4, target_load_time_s: 60, read_gbps: 3, required_gbps: 5.01, bound: 'throughput', warmup_concurrency: 4, model: 'opt-oss-120b', nodes_per_domain: 4,
  };
  return { code, severity: 'warning', scenarios: ['minimum'], params } as unknown as Alert;
});
