/**
 * `util.parseArgs` as the CLI uses it (strict, positionals allowed, each flag once or last wins),
 * without loading it: Node's own parser cost ~2 ms of the text report's start-up. Same values, same
 * positionals, and the same errors (`code` and message) for the same argv; a property test compares
 * the two on random command lines.
 */

export interface FlagOption {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
}

export interface ParsedFlags {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

function failure(code: string, message: string): Error & { code: string } {
  const e = new TypeError(message) as TypeError & { code: string };
  e.code = code;
  return e;
}

interface Token {
  readonly name: string;
  readonly rawName: string;
  readonly value: string | undefined;
  readonly inlineValue: boolean | undefined;
}

/** Parse `args` against `options` like `parseArgs({ args, options, strict: true, allowPositionals: true })`. */
export function parseFlags(args: readonly string[], options: Readonly<Record<string, FlagOption>>): ParsedFlags {
  const own = (name: string): FlagOption | undefined => (Object.hasOwn(options, name) ? options[name] : undefined);
  const longForShort = (short: string): string => {
    for (const name in options) if (options[name]!.short === short) return name;
    return short;
  };
  const tokens: (Token | { readonly positional: string })[] = [];
  const rest = [...args];
  while (rest.length > 0) {
    const arg = rest.shift()!;
    const next = rest[0];
    if (arg === '--') {
      for (const p of rest) tokens.push({ positional: p });
      break;
    }
    if (arg.length === 2 && arg[0] === '-' && arg[1] !== '-') {
      // -x
      const name = longForShort(arg[1]!);
      if (own(name)?.type === 'string' && next !== undefined) tokens.push({ name, rawName: arg, value: rest.shift(), inlineValue: false });
      else tokens.push({ name, rawName: arg, value: undefined, inlineValue: undefined });
      continue;
    }
    if (arg.length > 2 && arg[0] === '-' && arg[1] !== '-') {
      const name = longForShort(arg[1]!);
      if (own(name)?.type !== 'string') {
        // -abc: a group of short flags (-abfFILE: -a -b -fFILE)
        const expanded: string[] = [];
        for (let i = 1; i < arg.length; i++) {
          if (own(longForShort(arg[i]!))?.type !== 'string' || i === arg.length - 1) expanded.push(`-${arg[i]}`);
          else {
            expanded.push(`-${arg.slice(i)}`);
            break;
          }
        }
        rest.unshift(...expanded);
        continue;
      }
      // -xVALUE
      tokens.push({ name, rawName: `-${arg[1]}`, value: arg.slice(2), inlineValue: true });
      continue;
    }
    if (arg.length > 2 && arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      if (!arg.includes('=', 3)) {
        const name = arg.slice(2);
        if (own(name)?.type === 'string' && next !== undefined) tokens.push({ name, rawName: arg, value: rest.shift(), inlineValue: false });
        else tokens.push({ name, rawName: arg, value: undefined, inlineValue: undefined });
      } else {
        tokens.push({ name: arg.slice(2, eq), rawName: arg.slice(0, eq), value: arg.slice(eq + 1), inlineValue: true });
      }
      continue;
    }
    tokens.push({ positional: arg });
  }

  const values: Record<string, string | boolean | undefined> = { __proto__: null } as unknown as Record<string, string | boolean | undefined>;
  const positionals: string[] = [];
  for (const token of tokens) {
    if ('positional' in token) {
      positionals.push(token.positional);
      continue;
    }
    const option = own(token.name);
    if (option === undefined) {
      throw failure(
        'ERR_PARSE_ARGS_UNKNOWN_OPTION',
        `Unknown option '${token.rawName}'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- ${JSON.stringify(token.rawName)}`,
      );
    }
    const shortAndLong = `${option.short ? `-${option.short}, ` : ''}--${token.name}`;
    if (option.type === 'string' && typeof token.value !== 'string') throw failure('ERR_PARSE_ARGS_INVALID_OPTION_VALUE', `Option '${shortAndLong} <value>' argument missing`);
    if (option.type === 'boolean' && token.value != null) throw failure('ERR_PARSE_ARGS_INVALID_OPTION_VALUE', `Option '${shortAndLong}' does not take an argument`);
    if (!token.inlineValue && token.value !== undefined && token.value.length > 1 && token.value[0] === '-') {
      const example = token.rawName.startsWith('--') ? `'${token.rawName}=-XYZ'` : `'--${token.name}=-XYZ' or '${token.rawName}-XYZ'`;
      throw failure(
        'ERR_PARSE_ARGS_INVALID_OPTION_VALUE',
        `Option '${token.rawName}' argument is ambiguous.\nDid you forget to specify the option argument for '${token.rawName}'?\nTo specify an option argument starting with a dash use ${example}.`,
      );
    }
    values[token.name] = option.type === 'boolean' ? true : token.value;
  }
  return { values, positionals };
}
