/** Read and import a Hugging Face config.json named on the command line (I/O here, logic in catalog/hf-import). */
import { basename } from 'node:path';
import { importHfConfig, parseConfigText } from '../catalog/hf-import.ts';
import type { ModelEntry } from '../schema/catalog.ts';
import { MAX_JSON_DEPTH } from '../schema/json-depth.ts';
import { withNumberLiterals } from '../schema/number-text.ts';
import { InputError, TRIMMED_NAME, trimmedNameProblem } from '../schema/problems.ts';
import { readTextFile } from './io.ts';

/** The model a config file describes; a problem (exit 2) when it cannot be read or interpreted. */
export function loadHfConfig(path: string, name: string | undefined, flag = '--hf-config'): ModelEntry {
  if (name !== undefined && !TRIMMED_NAME.test(name)) throw new InputError([trimmedNameProblem('--name', name)]);
  const read = readTextFile(path, flag, 'config');
  if (!read.ok) throw new InputError([read.problem]);
  const parsed = parseConfigText(read.text);
  if (!parsed.ok && parsed.depth !== undefined) {
    throw new InputError([{ field: flag, value: path, accepted: { kind: 'rule', rule: 'json_depth', detail: { max: MAX_JSON_DEPTH } } }]);
  }
  if (!parsed.ok) throw new InputError([{ field: '(file)', value: undefined, accepted: { kind: 'json', detail: parsed.error }, source: path }]);
  // "config.json" says nothing: name it after its folder (org__Model-Name.json → Model-Name).
  const file = basename(path).replace(/\.json$/i, '');
  const fallbackName = (file === 'config' ? basename(path.slice(0, -basename(path).length - 1)) || 'imported-model' : file).replace(/^.*__/, '').replace(/\.derived-copy$/, '');
  const imported = importHfConfig(parsed.value, { name, fallbackName, source: path });
  if (!imported.ok) throw new InputError(withNumberLiterals(imported.problems, read.text));
  return imported.value.model;
}
