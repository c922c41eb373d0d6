/**
 * Alerts name the fields they speak of through the renderer's `FieldNames`: the CLI's flags (and
 * version 2.0's `field=value` statements), the web page's form labels. No alert phrase, in any locale,
 * names a flag or a request field itself.
 */
import { describe, expect, it } from 'vitest';
import { flagForField } from '../../src/cli/flags.ts';
import { fmt } from '../../src/report/format.ts';
import { messagesFor } from '../../src/report/i18n/index.ts';
import { CLI_FIELD_NAMES } from '../../src/report/i18n/render.ts';
import type { FieldNames } from '../../src/report/i18n/types.ts';
import { renderText } from '../../src/report/text.ts';
import { REQUEST_FIELDS } from '../../src/schema/request.ts';
import { runCli } from '../helpers/cli.ts';
import { size } from '../helpers/size.ts';
import { model, server, storage } from '../helpers/catalog.ts';
import { ALERT_SAMPLES } from '../helpers/alert-samples.ts';

/** Marks every name it gives, so what a phrase names by itself stands out. */
const MARKED: FieldNames = { fieldName: (field) => `⟦${field.toUpperCase()}⟧`, fieldValue: (field, value) => `⟦${field.toUpperCase()}⟧ is ${value}` };

const samples = ALERT_SAMPLES;
/** Request fields written in snake_case: never words of a sentence. */
const SNAKE_FIELDS = REQUEST_FIELDS.filter((f) => f.includes('_'));

describe('alert phrases take field names from the renderer', () => {
  it.each(samples.flatMap((a) => (['en', 'pt-BR'] as const).map((locale) => [a.code, locale, a] as const)))('%s (%s) names no flag and no request field itself', (_code, locale, a) => {
    const text = messagesFor(locale).alert(a, fmt(locale), MARKED);
    expect(text).not.toMatch(/--[a-z]/);
    const outside = text.replace(/⟦[A-Z_]+⟧/g, '');
    for (const field of SNAKE_FIELDS) expect(outside, field).not.toContain(field);
  });

  it('the CLI names each request field by the flag that sets it', () => {
    for (const field of REQUEST_FIELDS) expect(CLI_FIELD_NAMES.fieldName(field), field).toBe(flagForField(field));
    expect(CLI_FIELD_NAMES.fieldValue('kv_precision', 'fp16')).toBe('kv_precision=fp16');
  });

  it.each(['en', 'pt-BR'] as const)('weights_exceed_overhead (%s): the CLI says --runtime-overhead-gib, another surface its own name', (locale) => {
    const a = samples.find((s) => s.code === 'weights_exceed_overhead')!;
    const m = messagesFor(locale);
    expect(m.alert(a, fmt(locale))).toContain('--runtime-overhead-gib');
    expect(m.alert(a, fmt(locale))).toContain('runtime_overhead_gib=40');
    const page = m.alert(a, fmt(locale), { fieldName: () => '“Runtime overhead (GiB)”', fieldValue: (_f, v) => `“Runtime overhead (GiB)” = ${v}` });
    expect(page).toContain('“Runtime overhead (GiB)”');
    expect(page).not.toContain('runtime');
  });

  it("the CLI's text report tells the user which flag to raise", () => {
    const r = size(
      { model: model('Meta-Llama-3.1-70B'), server: server('dgx-h100'), storage: storage('profile_default') },
      { concurrency: 100, effective_context: 8192, runtime_overhead_gib: 60 },
    );
    expect(r.alerts.map((a) => a.code)).toContain('weights_exceed_overhead');
    // The default reserve holds the weights: the alert says to leave the flag out, or give at least that much.
    expect(renderText(r, { locale: 'en' }).replace(/\s+/g, ' ')).toContain('Leave --runtime-overhead-gib out to reserve the weights');
  });

  it('weights_exceed_node names the layout and precision flags on the CLI, the form labels on the page', () => {
    const a = samples.find((s) => s.code === 'weights_exceed_node')!;
    for (const locale of ['en', 'pt-BR'] as const) {
      const cli = messagesFor(locale).alert(a, fmt(locale));
      for (const flag of ['--tensor-parallel', '--pipeline-parallel', '--weights-precision']) expect(cli).toContain(flag);
      expect(messagesFor(locale).alert(a, fmt(locale), MARKED)).toContain('⟦WEIGHTS_PRECISION⟧ mxfp4, int4');
    }
  });

  it('`llm-sizing` (the CLI) names its flags in the alerts it prints, in both languages', async () => {
    const args = ['--model', 'opt-oss-120b', '--server', 'dgx200', '--storage', 'profile_default', '--concurrency', '10', '--effective-context', '131072', '--kv-precision', 'fp16', '--runtime-overhead-gib', '1045'];
    const en = await runCli(args);
    expect(en.stdout.replace(/\s+/g, ' ')).toContain('(3) reduce --runtime-overhead-gib, (4) raise --kv-budget-ratio');
    expect(en.stdout).toContain('kv_precision=fp16 uses 2 bytes/element');
    const pt = await runCli([...args, '--lang', 'pt-BR']);
    expect(pt.stdout.replace(/\s+/g, ' ')).toContain('(3) Reduzir --runtime-overhead-gib, (4) Aumentar --kv-budget-ratio');
  });
});
