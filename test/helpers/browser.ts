/** Chromium driven by playwright-core (never a downloaded browser); one launch per vitest worker (web-page.ts). */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type LaunchOptions } from 'playwright-core';
import { findChromium } from '../../scripts/chromium.mjs';
import { ROOT } from './cli.ts';

export const SCREENSHOT_DIR = join(ROOT, 'test-output', 'screenshots');

/** Launches the first Chromium found: CHROMIUM_PATH, the system's, then the packaged one (`options` beside). */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const found = await findChromium();
  return chromium.launch({ ...options, executablePath: found.executablePath, args: found.args, env: { ...process.env, ...found.env } as Record<string, string> });
}
