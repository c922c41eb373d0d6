/**
 * The package as a user gets it: `npm pack` the project (already built: `npm test` builds first),
 * install the tarball in a fresh temporary project with no network, type-check a TypeScript program
 * against it with the project's tsc (strict, NodeNext, the package's own declarations checked:
 * no skipLibCheck), run it, and compare `compare()` with what the installed `llm-sizing` executable
 * prints (the one spawn of the installed bin link), and `sizing()` with what `llm-sizing` prints for
 * the same requests (run in process: test/cli/shipped.test.ts holds the built command to the
 * in-process one, byte for byte). The ```ts examples of docs/library.md and the README are compiled and run there
 * too; a ```text block right after one is its output.
 *
 * Offline install: the tarball's one dependency, zod, is installed from this project's
 * node_modules (`"zod": "file:…"` in the temporary project), because npm's cache here holds zod's
 * tarball but not the registry metadata that resolving `zod@^4` needs. Everything else comes from
 * the tarball.
 */
import { spawn, type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { lockDist } from '../../scripts/dist-lock.mjs';
import { codeBlocks, ROOT } from '../docs/cli.ts';
import { runCli } from '../helpers/cli.ts';

const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const NPM_ENV = { ...process.env, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

function run(command: string, args: readonly string[], cwd: string, input = ''): SpawnSyncReturns<string> {
  const r = spawnSync(command, args, { cwd, input, encoding: 'utf8', env: { ...NPM_ENV, SOURCE_DATE_EPOCH: '0' }, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  if (r.error) throw r.error;
  return r;
}

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `run` without blocking: the checks below start their processes side by side. */
function runAsync(command: string, args: readonly string[], cwd: string, input = ''): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...NPM_ENV, SOURCE_DATE_EPOCH: '0' }, stdio: ['pipe', 'pipe', 'pipe'], timeout: 60_000 });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.end(input);
  });
}

function ok(r: Ran, what: string): string {
  if (r.status !== 0) throw new Error(`${what} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Request objects and the same request as CLI flags. */
const CASES = [
  {
    name: 'report example (en)',
    request: { model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default', concurrency: 1000, effective_context: 131072, kv_precision: 'fp16' },
    lang: 'en',
    flags: ['--model', 'opt-oss-120b', '--server', 'dgx300', '--storage', 'profile_default', '--concurrency', '1000', '--effective-context', '131072', '--kv-precision', 'fp16'],
  },
  {
    name: 'engine: vLLM, TP 4 (pt-BR)',
    request: { model: 'Meta-Llama-3.1-70B', server: 'dgx-h100', storage: 'profile_default', concurrency: 200, effective_context: 32768, memory_model: 'vllm', tensor_parallel: 4, id: 7 },
    lang: 'pt-BR',
    flags: ['--model', 'Meta-Llama-3.1-70B', '--server', 'dgx-h100', '--storage', 'profile_default', '--concurrency', '200', '--effective-context', '32768', '--memory-model', 'vllm', '--tensor-parallel', '4', '--lang', 'pt-BR'],
  },
  {
    name: 'config.json (hf_config and name)',
    request: { hf_config: '@docs/examples/hf/DeepSeek-V3.2/config.json', name: 'deepseek', server: 'dgx-b300', storage: 'profile_default', concurrency: 64, effective_context: 65536 },
    lang: 'en',
    flags: ['--hf-config', 'docs/examples/hf/DeepSeek-V3.2/config.json', '--name', 'deepseek', '--server', 'dgx-b300', '--storage', 'profile_default', '--concurrency', '64', '--effective-context', '65536'],
  },
  {
    name: 'catalog option (models replaced, like --models-file)',
    request: { model: 'sliding-7b', server: 'dgx-h100', storage: 'profile_default', concurrency: 500, effective_context: 32768 },
    catalog: '@docs/examples/my-models.json',
    lang: 'en',
    flags: ['--models-file', 'docs/examples/my-models.json', '--model', 'sliding-7b', '--server', 'dgx-h100', '--storage', 'profile_default', '--concurrency', '500', '--effective-context', '32768'],
  },
] as const;

/** Bad input: the same object as a batch line gives the same problems and sentences. */
const INVALID = { model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default', concurrency: 0, effective_context: 131072, kv_precison: 'fp8' };

/** `@path` → the parsed JSON file (so the program gets objects, as a user's code would). */
function resolveFiles(value: unknown): unknown {
  if (typeof value === 'string' && value.startsWith('@')) return JSON.parse(readFileSync(join(ROOT, value.slice(1)), 'utf8'));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveFiles(v)]));
  return value;
}

/** The program: typed against the package, it prints one JSON line per case. */
const PROGRAM = `import { compare, type CompareOutput, createCatalog, sizing, SizingInputError, type Locale, type SizingOutput, type SizingRequest } from 'llm-sizing';
import { readFileSync } from 'node:fs';

interface Case { readonly request: SizingRequest; readonly lang: Locale; readonly catalog?: unknown }
const cases = JSON.parse(readFileSync('cases.json', 'utf8')) as Case[];
const out: SizingOutput[] = cases.map((c) =>
  sizing(c.request, { lang: c.lang, ...(c.catalog === undefined ? {} : { catalog: createCatalog({ models: c.catalog as never }) }) }),
);
let error: { name: string; message: string; problems: unknown } | undefined;
try {
  sizing(JSON.parse(readFileSync('invalid.json', 'utf8')) as SizingRequest);
} catch (e) {
  if (e instanceof SizingInputError) error = { name: e.name, message: e.message, problems: e.problems };
}
const first = out[0];
const nodes: number | null | undefined = first?.scenarios.recommended.results.nodes_final;
const compared: CompareOutput = compare(
  { model: 'Meta-Llama-3.1-70B', memory_model: 'vllm', concurrency: 1000, effective_context: 8192 },
  { server: ['dgx-h100', 'dgx-h200'], tensor_parallel: [4, 8, 16] },
  { lang: 'pt-BR', sort: 'nodes' },
);
console.log(JSON.stringify({ out, error, nodes, compared }));
`;

/** compare()'s call in PROGRAM, as flags. */
const COMPARE_FLAGS = ['compare', '--model', 'Meta-Llama-3.1-70B', '--memory-model', 'vllm', '--concurrency', '1000', '--effective-context', '8192', '--server', 'dgx-h100,dgx-h200', '--tensor-parallel', '4,8,16', '--lang', 'pt-BR', '--sort', 'nodes', '--json-only'];

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2023'],
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: false,
    outDir: 'out',
    rootDir: '.',
    typeRoots: [join(ROOT, 'node_modules', '@types')],
    types: ['node'],
  },
  include: ['*.ts'],
};

/** What one example printed (console.log; console.error and console.warn as stderr) and what it threw. */
interface ExampleRun {
  stdout: string;
  stderr: string;
  error: string | null;
}

/**
 * Runs out/doc-example-1.js … N one after the other in one process (one Node start-up and one load of
 * the installed library for all, instead of one each), each with its own console, and prints what
 * each printed and threw as JSON. Each example is a module of its own; the package is loaded once for all, and the
 * library keeps no state between calls, so the order does not matter.
 */
const RUN_EXAMPLES = `import { format } from 'node:util';
const runs = [];
const write = process.stdout.write.bind(process.stdout);
for (let i = 1; i <= Number(process.argv[2]); i++) {
  const run = { stdout: '', stderr: '', error: null };
  // As console.log writes: util.format of the arguments, and a line break.
  console.log = (...args) => { run.stdout += format(...args) + '\\n'; };
  console.error = console.warn = (...args) => { run.stderr += format(...args) + '\\n'; };
  try {
    await import('./out/doc-example-' + i + '.js');
  } catch (e) {
    run.error = String(e && e.stack || e);
  }
  runs.push(run);
}
write(JSON.stringify(runs));
`;

/** Documents whose TypeScript examples use the library. */
const DOCUMENTS = ['docs/library.md', 'README.md'];

/** The ```ts blocks of the documents, each with its output as shown: the ```text block right after it, or comments. */
function docExamples(): { where: string; code: string; output: string | undefined }[] {
  const out: { where: string; code: string; output: string | undefined }[] = [];
  for (const file of DOCUMENTS) {
    const blocks = codeBlocks(readFileSync(join(ROOT, file), 'utf8'));
    blocks.forEach((b, i) => {
      if (b.lang !== 'ts' && b.lang !== 'typescript') return;
      const next = blocks[i + 1];
      const end = b.line + b.lines.length + 1;
      // Else `console.log(…); // 5` lines (every console.log line with such a comment) show the output.
      const logs = b.lines.filter((l) => l.includes('console.log('));
      const shown = logs.map((l) => /;\s*\/\/\s*(.+)$/.exec(l)?.[1]);
      const inline = logs.length > 0 && shown.every((x) => x !== undefined) ? shown.join('\n') : undefined;
      out.push({ where: `${file} line ${b.line}`, code: `${b.lines.join('\n')}\n`, output: next && next.lang === 'text' && next.line - end <= 3 ? next.lines.join('\n') : inline });
    });
  }
  return out;
}

// The processes these checks start (tsc, the program, the examples, the installed CLI) run side by
// side: the tests are concurrent, and what several need (tsc's output, the program's) is started once.
// A test's time now covers the processes it waits for (tsc, then its own): a limit above the 30 s
// default, which was one process's (each process still stops after 60 s).
describe.concurrent('the packed package', { timeout: 120_000 }, () => {
  let dir = '';
  let installed = '';
  const examples = docExamples();
  /** tsc on the scratch project (the program and the examples compiled to out/). */
  let compiled: Promise<Ran>;
  /** The compiled program's run (after tsc). */
  let program: Promise<Ran>;
  /** The compiled examples, run one after the other in one process (after tsc). */
  let examplesRun: Promise<ExampleRun[]>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'llm-sizing-pack-'));
    // Under the dist/ lock (scripts/dist-lock.mjs): a build running meanwhile cannot empty dist/ mid-pack.
    const release = lockDist(ROOT);
    let packed: { filename: string }[];
    try {
      if (!existsSync(join(ROOT, 'dist', 'cli.cjs'))) throw new Error('dist/ is missing: run `node scripts/build.mjs` (or `npm test`) first');
      packed = JSON.parse(ok(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT), 'npm pack')) as { filename: string }[];
    } finally {
      release();
    }
    const tarball = join(dir, packed[0]!.filename);
    const project = join(dir, 'project');
    mkdirSync(project);
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'uses-llm-sizing', private: true, type: 'module', dependencies: { 'llm-sizing': `file:${tarball}`, zod: `file:${join(ROOT, 'node_modules', 'zod')}` } }),
    );
    ok(run('npm', ['install', '--offline', '--no-audit', '--no-fund'], project), 'npm install (offline)');
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(TSCONFIG));
    writeFileSync(join(project, 'program.ts'), PROGRAM);
    examples.forEach((e, i) => writeFileSync(join(project, `doc-example-${i + 1}.ts`), e.code));
    writeFileSync(join(project, 'cases.json'), JSON.stringify(CASES.map((c) => resolveFiles({ request: c.request, lang: c.lang, ...('catalog' in c ? { catalog: c.catalog } : {}) }))));
    writeFileSync(join(project, 'invalid.json'), JSON.stringify(INVALID));
    installed = project;
    writeFileSync(join(project, 'run-examples.mjs'), RUN_EXAMPLES);
    // --singleThreaded: the same checks with less CPU in all (as test/report/i18n-typecheck.test.ts).
    compiled = runAsync(process.execPath, [TSC, '-p', 'tsconfig.json', '--singleThreaded'], installed);
    program = compiled.then(() => runAsync(process.execPath, ['out/program.js'], installed));
    examplesRun = compiled.then(async () => {
      const r = await runAsync(process.execPath, ['run-examples.mjs', String(examples.length)], installed);
      return JSON.parse(ok(r, 'the examples')) as ExampleRun[];
    });
    examplesRun.catch(() => undefined);
    // A failed compilation is the type-check test's failure; the others then fail on what is missing.
    compiled.catch(() => undefined);
    program.catch(() => undefined);
  });
  afterAll(async () => {
    // Nothing may still be writing into the folder when it is removed.
    await Promise.allSettled([compiled, program, examplesRun]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('ships the library, its declarations and the CLI, and nothing from src', ({ expect }) => {
    const pkg = JSON.parse(readFileSync(join(installed, 'node_modules', 'llm-sizing', 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg.private).toBeUndefined();
    expect(pkg.exports).toEqual({ '.': { types: './dist/types/index.d.ts', import: './dist/index.js', default: './dist/index.js' }, './package.json': './package.json' });
    for (const f of ['dist/index.js', 'dist/types/index.d.ts', 'dist/cli.cjs']) expect(() => readFileSync(join(installed, 'node_modules', 'llm-sizing', f))).not.toThrow();
    expect(() => readFileSync(join(installed, 'node_modules', 'llm-sizing', 'src', 'index.ts'))).toThrow();
  });

  it('type-checks a program and the documents\' examples against the installed declarations', async ({ expect }) => {
    expect(examples.filter((e) => e.where.startsWith('docs/library.md') && e.output !== undefined).length).toBeGreaterThanOrEqual(5);
    const r = await compiled;
    expect(`${r.stdout}${r.stderr}`).toBe('');
    expect(r.status).toBe(0);
  });

  it('compare() returns what the installed llm-sizing compare --json-only prints (problems aside: the library names fields, the CLI flags)', async ({ expect }) => {
    const [ran, cli] = await Promise.all([program, runAsync(join(installed, 'node_modules', '.bin', 'llm-sizing'), COMPARE_FLAGS, ROOT)]);
    const printed = JSON.parse(ok(ran, 'the program')) as { compared: { rows: { reasons: { kind: string; field?: string; message: string }[] }[]; recommendation: unknown } };
    expect(cli.status, cli.stderr).toBe(0);
    const printedByCli = JSON.parse(cli.stdout) as typeof printed.compared;
    const withoutMessages = (d: typeof printed.compared) => ({ ...d, rows: d.rows.map((r) => ({ ...r, reasons: r.reasons.map((x) => x.kind) })) });
    expect(withoutMessages(printed.compared)).toStrictEqual(withoutMessages(printedByCli));
    expect(printed.compared.rows.filter((r) => r.reasons.length > 0).length).toBe(2);
    expect(printed.compared.recommendation).not.toBeNull();
  });

  it('sizing() returns what llm-sizing --json-only prints, and throws the problems a batch line reports', async ({ expect }) => {
    const [ran, batch, ...clis] = await Promise.all([program, runCli(['batch', '-'], { input: `${JSON.stringify(INVALID)}\n` }), ...CASES.map((c) => runCli([...c.flags, '--json-only']))]);
    const printed = JSON.parse(ok(ran, 'the program')) as {
      out: unknown[];
      error?: { name: string; message: string; problems: { field: string; value: unknown; accepted: unknown }[] };
      nodes: number;
    };
    expect(printed.nodes).toBe(5);
    CASES.forEach((c, i) => {
      const cli = clis[i]!;
      expect(cli.status, `${c.name}: ${cli.stderr}`).toBe(0);
      expect(printed.out[i], c.name).toStrictEqual(JSON.parse(cli.stdout));
    });

    expect(batch.status).toBe(2);
    const line = JSON.parse(batch.stdout) as { error: { message: string; problems: { field: string; value: unknown; accepted: unknown; message: string }[] } };
    expect(printed.error?.name).toBe('SizingInputError');
    expect(printed.error?.problems.map((p) => p.field)).toEqual(['kv_precison', 'concurrency']);
    expect(printed.error?.problems).toEqual(line.error.problems.map(({ message: _, ...p }) => p));
    // The batch line's sentences name the line (`stdin:1: `); the library's are the same without it.
    expect(printed.error?.message).toBe(line.error.message.replaceAll('stdin:1: ', ''));
  });

  it.for(examples.map((e, i) => [e.where, e, i] as const))('%s runs and prints what the document shows', async ([_name, e, i], { expect }) => {
    const ran = (await examplesRun)[i]!;
    expect(ran.stderr).toBe('');
    expect(ran.error).toBeNull();
    if (e.output !== undefined) expect(ran.stdout.trimEnd()).toBe(e.output.trimEnd());
  });
});
