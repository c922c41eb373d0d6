/** `--help`, generated from the flag table. */
import { VERSION } from '../version.ts';
import type { Command } from './args.ts';
import { REQUEST_FIELDS } from '../schema/request.ts';
import { FLAGS } from './flags.ts';
import { MAX_BODY_BYTES, MAX_JSON_DEPTH, SERVE_DEFAULTS, SERVE_LIMITS } from '../server/limits.ts';
import { FILE_LIMITS, MAX_LAYERS } from '../schema/limits.ts';

const mib = (bytes: number) => `${bytes / 1024 / 1024} MiB`;

/** A flag given twice: what parseArgs does, stated once for every command. */
export const LAST_FLAG_WINS = 'A flag given more than once takes its last value (--concurrency 10 --concurrency 20 sizes 20).';

/** What files the commands read and write, with the limits of src/schema/limits.ts. */
const FILES_READ = [
  `Files read must be regular files (not folders, devices or named pipes): catalog files and config.json`,
  `up to ${mib(FILE_LIMITS.catalog)}, JSON nested up to ${MAX_JSON_DEPTH} levels, models of up to ${MAX_LAYERS.toLocaleString('en')} layers; a leading byte order mark is ignored.`,
];

/** Words joined with ", ", wrapped at `width` columns, each line indented. */
function wrapList(words: readonly string[], indent: string, width = 100): string[] {
  const lines: string[] = [];
  let line = '';
  for (const [i, w] of words.entries()) {
    const piece = i < words.length - 1 ? `${w}, ` : w;
    if (line !== '' && indent.length + line.length + piece.trimEnd().length > width) {
      lines.push(indent + line.trimEnd());
      line = '';
    }
    line += piece;
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}

function flagLines(command: Command): string[] {
  const rows = FLAGS.filter((f) => f.commands.includes(command)).map((f) => {
    const name = `${f.short ? `-${f.short}, ` : '    '}--${f.name}${f.kind === 'boolean' ? '' : ` ${f.placeholder ?? 'VALUE'}`}`;
    let help = f.help;
    if (f.values) help += ` (${f.values.join(' | ')})`;
    if (f.defaultText) help += `; default ${f.defaultText}`;
    return [name, help] as const;
  });
  const width = Math.max(...rows.map(([n]) => n.length)) + 2;
  return rows.map(([n, h]) => `  ${n.padEnd(width)}${h}`);
}

export function helpText(command: Command): string {
  const lines: string[] = [];
  if (command === 'size') {
    lines.push(
      `llm-sizing ${VERSION} — how many GPU nodes serve N concurrent sessions of model M at context C, and why.`,
      '',
      'Usage:',
      '  llm-sizing [size] --model M --server S --storage P --concurrency N --effective-context C [options]',
      '  llm-sizing [size] --hf-config config.json --server S --storage P --concurrency N --effective-context C [options]',
      '  llm-sizing batch FILE.jsonl|-   size one JSON object per line (see: llm-sizing batch --help)',
      '  llm-sizing catalog [models|servers|storage]   list the models, servers and storage profiles',
      '  llm-sizing catalog import config.json [--name NAME] [--models-file FILE]   add a Hugging Face model to a catalog file',
      '  llm-sizing calibrate LOGFILE   read a vLLM / SGLang / TensorRT-LLM start-up log: the flags that reproduce it',
      '  llm-sizing serve [--port N] [--host H]   the HTTP API (and web app) on this machine (see: llm-sizing serve --help)',
      '',
      'It always sizes three scenarios: MINIMUM (no headroom, no HA), RECOMMENDED (your headroom and HA),',
      'IDEAL (headroom ≥ 30%, N+2, KV budget ratio ≤ 0.65), from the KV cache each session keeps in GPU memory.',
      '',
      'Options:',
      ...flagLines('size'),
      '',
      LAST_FLAG_WINS,
      ...FILES_READ,
      'Output files are written whole or not at all, through a symbolic link to the file it names; a device or',
      'named pipe (/dev/null, /dev/stdout) is refused: use --json-only or --markdown-only to print to standard output.',
      '',
      'Examples:',
      '  # the original report example: 4 / 5 / 7 nodes',
      '  llm-sizing --model opt-oss-120b --server dgx300 --storage profile_default \\',
      '    --concurrency 1000 --effective-context 131072 --kv-precision fp16',
      '  # JSON for a pipeline, in Portuguese',
      '  llm-sizing --model opt-oss-20b --server dgx200 --storage profile_default \\',
      '    --concurrency 100 --effective-context 32768 --json-only --lang pt-BR',
      '  # executive report for a procurement meeting, written to a file',
      '  llm-sizing --model opt-oss-120b --server dgx300 --storage profile_default \\',
      '    --concurrency 5000 --effective-context 131072 --executive-report --output-markdown-file proposal.md',
      '  # your own catalog files, in the original tool\'s format',
      '  llm-sizing --models-file models.json --servers-file servers.json --storage-file storage.json --model my-model ...',
      '',
      'Exit codes: 0 sized, every scenario feasible; 3 sized, some scenario infeasible (not even one session',
      'fits a node; reports are still produced); 2 invalid input (nothing produced); 1 unexpected failure.',
      '',
    );
  } else if (command === 'batch') {
    lines.push(
      'llm-sizing batch FILE.jsonl|- [options]',
      '',
      'Reads one JSON object per line (from FILE, or standard input with -) with the flag names in snake_case:',
      ...wrapList([...REQUEST_FIELDS, 'id (optional, echoed back)'], '  '),
      'and writes one JSON line per input line to standard output: its scenarios (results) and alerts, or an',
      '"error" object naming the line and the field. Blank lines are skipped; the other lines all go on.',
      '',
      'Options:',
      ...flagLines('batch'),
      '',
      LAST_FLAG_WINS,
      `FILE is a regular file, read as a stream (any size); each line up to ${mib(FILE_LIMITS.batch_line)} and nested up to ${MAX_JSON_DEPTH} levels`,
      '(a longer or deeper line is one error line; the others go on). A leading byte order mark is ignored.',
      ...FILES_READ,
      '',
      'Example:',
      '  echo \'{"model":"opt-oss-120b","server":"dgx300","storage":"profile_default","concurrency":1000,"effective_context":131072}\' \\',
      '    | llm-sizing batch -',
      '',
      'Exit codes: 0 every line sized and feasible; 3 some line infeasible; 2 some line invalid (all lines are',
      'still written) or the file cannot be read (nothing written); 1 unexpected failure.',
      '',
    );
  } else if (command === 'serve') {
    lines.push(
      'llm-sizing serve [--port N] [--host H] [options]',
      '',
      `Starts one local HTTP server (default http://${SERVE_DEFAULTS.host}:${SERVE_DEFAULTS.port}/) with the sizing API under /api/v1`,
      '(POST sizing and report, GET catalog, health and openapi.json) and the web app\'s files. It prints its URL',
      '(with the port really bound) on standard output; Ctrl-C (SIGINT) or SIGTERM stops it (exit 0). It needs',
      'no network: everything is computed here, with the built-in catalog.',
      '',
      'It answers only Host headers naming localhost, 127.0.0.1, [::1] or the --host address, with its port',
      '(421 otherwise), and reads only bodies sent as Content-Type: application/json (415 otherwise).',
      `Limits: ${SERVE_LIMITS.maxConnections} connections at once (more are closed); request headers within ${SERVE_LIMITS.headersTimeoutMs / 1000} s of connecting,`,
      `a whole request within ${SERVE_LIMITS.requestTimeoutMs / 1000} s; a kept-alive connection closes after ${SERVE_LIMITS.keepAliveTimeoutMs / 1000} s without a request, any connection after`,
      `${SERVE_LIMITS.idleTimeoutMs / 1000} s without traffic; bodies up to ${MAX_BODY_BYTES / 1024 / 1024} MiB, JSON nested up to ${MAX_JSON_DEPTH} levels.`,
      '',
      'Options:',
      ...flagLines('serve'),
      '',
      LAST_FLAG_WINS,
      '',
      'Examples:',
      '  llm-sizing serve',
      '  llm-sizing serve --port 0            # any free port (printed)',
      '  llm-sizing serve --host 0.0.0.0 --port 9000   # reachable from other machines: no authentication!',
      '',
      'Exit codes: 0 stopped by a signal; 2 invalid flag or the port cannot be used; 1 unexpected failure.',
      '',
    );
  } else if (command === 'calibrate') {
    lines.push(
      'llm-sizing calibrate LOGFILE [options]',
      '',
      'Reads the start-up log of vLLM, SGLang or TensorRT-LLM and prints, for each engine run in it, what it',
      'states (weights loaded, available KV memory, token capacity, concurrency, settings), the KV bytes per',
      "token it implies (against the model's, from --model or the log's model name) and the llm-sizing",
      'flags that reproduce it, so the rest of a fleet can be sized from one measured node: --memory-model,',
      '--kv-cache-memory-gib, --tensor-parallel and the engine knobs. A file with no line only an engine',
      'prints is refused (exit 2). Formats read: docs/engines.md, "What calibrate reads".',
      '',
      'Options:',
      ...flagLines('calibrate'),
      '',
      LAST_FLAG_WINS,
      `LOGFILE is a regular file of up to ${mib(FILE_LIMITS.log)}.`,
      '',
      'Examples:',
      '  llm-sizing calibrate vllm-startup.log',
      '  llm-sizing calibrate vllm-startup.log --model Meta-Llama-3.1-70B --json-only',
      '',
    );
  } else {
    lines.push(
      'llm-sizing catalog [models|servers|storage] [options]',
      'llm-sizing catalog import config.json [--name NAME] [--models-file FILE]',
      '',
      'Lists the models, servers and storage profiles available to --model, --server and --storage: the',
      'built-in catalog, or the entries of the files you pass. `catalog import` reads a Hugging Face',
      'config.json and adds its model (or replaces one of the same name) in FILE (default models.json).',
      '',
      'Options:',
      ...flagLines('catalog'),
      '',
      LAST_FLAG_WINS,
      ...FILES_READ,
      '',
      'Example:',
      '  llm-sizing catalog servers',
      '  llm-sizing catalog --models-file models.json --json',
      '  llm-sizing catalog import ./Llama-3.1-8B/config.json --name llama-8b --models-file my-models.json',
      '',
    );
  }
  return lines.join('\n');
}
