/** `llm-sizing calibrate`: the flags it prints reproduce the engine's own capacity when sizing. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEngineLog } from '../../src/engines/calibrate.ts';
import { calibrationNote } from '../../src/report/i18n/calibration.ts';
import { parseJsonDocument, runCli, tempDir } from '../helpers/cli.ts';

const tmp = tempDir('llm-sizing-calibrate-');
afterAll(() => tmp.remove());

const TRT_LOG = `[TRT-LLM] [I] Peak memory during memory usage profiling (torch + non-torch): 113.65 GiB, available KV cache memory when calculating max tokens: 5.95 GiB, fraction is set 0.8999999761581421, kv size is 73728. device total memory 119.70 GiB, , tmp kv_mem 0.56 GiB
[TRT-LLM] [I] Estimated max memory in KV cache : 5.95 GiB
[TensorRT-LLM][INFO] Number of tokens per block: 32.
[TensorRT-LLM][INFO] [MemUsageChange] Allocated 5.95 GiB for max tokens in paged KV cache (86720).
`;

describe('llm-sizing calibrate', () => {
  it('prints the flags that reproduce a TensorRT-LLM log, and sizing with them gives its 86,720 tokens within rounding', async () => {
    const log = join(tmp.path, 'trtllm.log');
    writeFileSync(log, TRT_LOG);
    const r = await runCli(['calibrate', log]);
    expect(r.status).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.trim().startsWith('llm-sizing '))!;
    const flags = line.trim().split(/\s+/).slice(1).filter((w, i, all) => !(w === '…' || all[i + 1] === '…' && w.startsWith('--')));
    expect(flags).toEqual(expect.arrayContaining(['--memory-model', 'trtllm', '--kv-cache-memory-gib', '5.95', '--tokens-per-block', '32']));
    const sized = await runCli(['--model', 'gpt-oss-120b', '--server', 'dgx-h100', '--storage', 'profile_default', '--concurrency', '10', '--effective-context', '131072', ...flags, '--json-only']);
    const doc = parseJsonDocument(sized.stdout) as { scenarios: { minimum: { engine: { kv_tokens: number; max_concurrency: number } } } };
    // 5.95 GiB is printed to 2 decimals: ±0.005 GiB is ±73 tokens of 73,728 bytes.
    expect(Math.abs(doc.scenarios.minimum.engine.kv_tokens - 86_720)).toBeLessThanOrEqual(73);
  });

  it('gives one replica’s weights: the per-GPU figure a log states × tensor parallel', () => {
    const r = parseEngineLog('vllm serve m --tensor-parallel-size 4\nINFO [gpu_model_runner.py:2007] Model loading took 30.5 GiB and 12.7 seconds\n');
    expect(r.flags).toContain('--weights-gib 122');
    expect(r.notes.map((n) => calibrationNote(n, 'en')).join(' ')).toContain('30.5 GiB per GPU × tensor parallel 4');
  });

  it('refuses a file that is not an engine log, and a missing file, with exit 2', async () => {
    const junk = join(tmp.path, 'junk.log');
    writeFileSync(junk, 'hello\n');
    expect((await runCli(['calibrate', junk])).status).toBe(2);
    const missing = await runCli(['calibrate', join(tmp.path, 'nope.log')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('a readable file');
  });

  it('has its own --help', async () => {
    const r = await runCli(['calibrate', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('llm-sizing calibrate LOGFILE');
  });
});
