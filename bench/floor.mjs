// The floor batch is measured against: a node process that produces the very same output lines with
// nothing but JSON.parse + JSON.stringify. It streams batch's own output file (a 1.7 kB line of ~50
// floats each) and writes JSON.stringify(JSON.parse(line)) for every line, in ~1 MB writes, to stdout.
// Usage: node bench/floor.mjs OUTPUT.jsonl > same-bytes.jsonl
import { createReadStream, writeSync } from 'node:fs';

const input = createReadStream(process.argv[2], { highWaterMark: 1 << 20, encoding: 'utf8' });
let pending = '';
let out = '';
for await (const chunk of input) {
  const text = pending + chunk;
  let start = 0;
  let nl = text.indexOf('\n');
  while (nl !== -1) {
    out += `${JSON.stringify(JSON.parse(text.slice(start, nl)))}\n`;
    start = nl + 1;
    nl = text.indexOf('\n', start);
  }
  pending = text.slice(start);
  if (out.length >= 1 << 20) {
    writeSync(1, out);
    out = '';
  }
}
if (pending !== '') out += `${JSON.stringify(JSON.parse(pending))}\n`;
writeSync(1, out);
