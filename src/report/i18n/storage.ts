/**
 * The words of the "Storage and recovery" section (issue 12), one table per locale (storage-en.ts,
 * storage-pt-BR.ts): a key missing in a locale fails `tsc`. Figures arrive as numbers and are
 * formatted with the locale's `Fmt`.
 */
import type { ReadBound, ScenarioStorage, StoragePlacement, StoragePlan, StorageRationaleKey } from '../../core/storage.ts';
import type { Fmt } from '../format.ts';

/** What an explanation receives: the plan and the scenario's part (null when it is infeasible). */
export interface StorageExplainParams {
  readonly plan: StoragePlan;
  readonly scenario: ScenarioStorage | null;
}

export interface StorageRecoveryPhrases {
  readonly title: string;
  /** The request asked for storage, but the artifact size is unknown. */
  unknown(p: { model: string }): string;
  readonly label: {
    readonly profile: string;
    readonly artifact: string;
    readonly placement: string;
    readonly nodeRead: string;
    readonly readRate: string;
    readonly loadTime: string;
    readonly requiredRead: string;
    readonly coldStart: string;
    readonly capacityPerNode: string;
    readonly capacityFleet: string;
    readonly sessions: string;
    readonly domain: string;
    readonly recovery: string;
    readonly sessionMinutes: string;
  };
  readonly placement: Readonly<Record<StoragePlacement, string>>;
  readonly bound: Readonly<Record<ReadBound, string>>;
  readonly infeasible: string;
  profile(p: { name: string; type: string; gbps: number; iops: number; p50: number; p99: number }, f: Fmt): string;
  artifact(p: { gib: number; copies: number; fromWeights: boolean }, f: Fmt): string;
  placementValue(p: { placement: StoragePlacement; fromProfile: boolean }): string;
  nodeRead(p: { gib: number; replicasPerNode: number; nodesPerReplica: number }, f: Fmt): string;
  readRate(p: { gbps: number; bound: ReadBound; concurrent: number; gbpsConcurrent: number; boundConcurrent: ReadBound }, f: Fmt): string;
  loadTime(p: { seconds: number; concurrent: number; secondsConcurrent: number; target: number; meets: boolean }, f: Fmt): string;
  requiredRead(p: { perNode: number; profile: number; shared: boolean; concurrent: number }, f: Fmt): string;
  coldStart(p: { seconds: number; startup: number; startupDefault: boolean }, f: Fmt): string;
  capacityPerNode(p: { gib: number; margin: number }, f: Fmt): string;
  capacityFleet(p: { tb: number; gib: number; sharedGib: number }, f: Fmt): string;
  sessionsAllUp(p: { capacity: number; demand: number; nodes: number }, f: Fmt): string;
  /** One failure case: capacity, share served, SLO, recovery and session-minutes short. */
  down(p: { k: number; capacity: number; share: number; slo: boolean | null; seconds: number; waves: number; minutes: number }, f: Fmt): string;
  nodesDownLabel(k: number): string;
  domain(p: { perDomain: number; capacity: number; survives: boolean }, f: Fmt): string;
  readonly explanation: { readonly [K in StorageRationaleKey]: (p: StorageExplainParams, f: Fmt) => string };
}
