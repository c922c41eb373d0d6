/**
 * The shape every locale implements. `Labels` is derived from the English labels, so a locale that
 * misses a key fails `tsc`; the parity test also compares key lists at run time.
 */
import type { Alert, Severity } from '../../core/alerts.ts';
import type { ParameterKey, ParameterOrigin } from '../../core/parameters.ts';
import type { ScenarioKey } from '../../core/scenarios.ts';
import type { RationaleKey } from '../../core/rationale.ts';
import type { ScenarioResult, SizingResult } from '../../core/sizing.ts';
import type { MemoryModel, RuleFigures, SettingField, SettingRule } from '../../engines/settings.ts';
import type { LayerGroupSpec } from '../../schema/catalog.ts';
import type { Accepted, Problem } from '../../schema/problems.ts';
import type { Fmt, Locale } from '../format.ts';
import type { EN_LABELS } from './en.ts';

export interface ParameterText {
  readonly description: string;
  readonly source: string;
  readonly importance: string;
  readonly common_errors: string;
}

export type Labels = { readonly [K in keyof typeof EN_LABELS]: string };

/** One engine setting (src/engines/settings.ts) in words: its form label and its help. */
export interface SettingText {
  readonly label: string;
  readonly help: string;
}

/** Prose of the executive report: functions of the result, since the sentences carry numbers. */
export interface ExecutiveTexts {
  summary(r: SizingResult, f: Fmt): string[];
  scenarioMeaning(s: ScenarioResult, r: SizingResult, f: Fmt): string;
  risk(key: ScenarioKey): string;
  faultTolerance(s: ScenarioResult): string;
  recommendation(r: SizingResult, f: Fmt): string[];
  governance(r: SizingResult, f: Fmt): string[];
  nextSteps(r: SizingResult, f: Fmt): string;
}

export interface Messages {
  readonly locale: Locale;
  readonly labels: Labels;
  readonly scenario: Readonly<Record<ScenarioKey, string>>;
  readonly severity: Readonly<Record<Severity, string>>;
  readonly origin: Readonly<Record<ParameterOrigin, string>>;
  /** Which engine version's accounting each memory model follows. */
  readonly engineBehaviour: Readonly<Record<MemoryModel, string>>;
  /** The engine settings, keyed by their field (the settings table's description key). */
  readonly settings: Readonly<Record<SettingField, SettingText>>;
  /** A setting's default rule in words, with the table's figures. */
  readonly settingRule: { readonly [R in SettingRule]: (figures: RuleFigures<R>) => string };
  readonly parameters: Readonly<Record<ParameterKey, ParameterText>>;
  /** One alert as a sentence (without the severity label). */
  alert(a: Alert, f: Fmt): string;
  /** One kind of layer and what it caches, in words. */
  layerGroup(g: LayerGroupSpec, f: Fmt): string;
  /** The plain-words interpretation of one result of one scenario. */
  explanation(key: RationaleKey, s: ScenarioResult, r: SizingResult, f: Fmt): string;
  /** What a field accepts, as a phrase. */
  accepted(a: Accepted, f: Fmt): string;
  /** One problem as one sentence; `field` is how the caller names the field (`--concurrency`, `concurrency`). */
  problem(p: Problem, field: string, f: Fmt): string;
  readonly exec: ExecutiveTexts;
  /** The HTTP API's errors other than invalid input (whose problems are sentences of their own). */
  readonly apiError: Readonly<Record<'not_found' | 'method_not_allowed' | 'internal_error', string>>;
  apiBodyTooLarge(maxBytes: number, f: Fmt): string;
}
