// Finds a Chromium for the browser tests and the redraw benchmark, in this order:
//   1. CHROMIUM_PATH, when set (it must exist);
//   2. the system's (Debian's /usr/lib/chromium/chromium, or /usr/bin/chromium), when it is an executable
//      file that is not empty (an empty file or folder mounted over it, to hide it, does not count);
//   3. the one packaged in the @sparticuz/chromium devDependency, unpacked once per version into the
//      temporary folder (no download: the binary ships inside the npm package).
// The unpacking goes to a private folder first and is renamed into place, so two test runs started at
// once never launch a half-written binary.
import { accessSync, constants, existsSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SYSTEM = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'];
const COMMON_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** What the packaged build needs beyond the common flags (it is built for sandbox-less serverless hosts). */
const PACKAGED_ARGS = ['--no-zygote', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

/** True for a file that can be run: a regular file, not empty, executable by this user. */
export function usableExecutable(path) {
  try {
    const s = statSync(path);
    if (!s.isFile() || s.size === 0) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** @returns {Promise<{ executablePath: string, args: string[], env: Record<string, string>, source: string }>} */
export async function findChromium(env = process.env, systemPaths = SYSTEM) {
  if (env.CHROMIUM_PATH) {
    if (!existsSync(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH is set to ${env.CHROMIUM_PATH}, which does not exist`);
    if (!usableExecutable(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH is set to ${env.CHROMIUM_PATH}, which is not an executable file`);
    return { executablePath: env.CHROMIUM_PATH, args: COMMON_ARGS, env: {}, source: 'CHROMIUM_PATH' };
  }
  for (const path of systemPaths) if (usableExecutable(path)) return { executablePath: path, args: COMMON_ARGS, env: {}, source: 'system' };
  const dir = await unpackPackaged();
  return { executablePath: join(dir, 'chromium'), args: [...COMMON_ARGS, ...PACKAGED_ARGS], env: { FONTCONFIG_PATH: join(dir, 'fonts') }, source: '@sparticuz/chromium' };
}

async function unpackPackaged() {
  const { createRequire } = await import('node:module');
  const { readFileSync } = await import('node:fs');
  const { dirname } = await import('node:path');
  // The package's exports hide package.json: read it beside the resolved entry (build/index.js).
  const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  const pkg = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8'));
  const target = join(tmpdir(), `llm-sizing-chromium-${pkg.version}`);
  const done = join(target, '.complete');
  if (existsSync(done)) return target;
  const staging = mkdtempSync(join(tmpdir(), 'llm-sizing-chromium-unpack-'));
  const { default: Chromium } = await import('@sparticuz/chromium');
  // The package unpacks into os.tmpdir(): point that at the staging folder while it runs.
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = staging;
  try {
    await Chromium.executablePath();
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
  // Its fonts.conf names the serverless hosts' folders (/tmp/fonts, /opt/fonts): point it at ours, or
  // Chromium aborts on the first text it lays out.
  writeFileSync(
    join(staging, 'fonts', 'fonts.conf'),
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${join(target, 'fonts', 'fonts')}</dir>\n  <cachedir>${join(target, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
  );
  writeFileSync(join(staging, '.complete'), pkg.version);
  try {
    renameSync(staging, target);
  } catch {
    // Another run renamed its copy first (the target exists): use that one.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(done)) throw new Error(`could not unpack the packaged Chromium into ${target}`);
  }
  return target;
}
