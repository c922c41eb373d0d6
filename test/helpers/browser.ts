/** Chromium driven by playwright-core (never a downloaded browser); one launch per vitest worker (web-page.ts). */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type LaunchOptions, type Locator, type Page } from 'playwright-core';
import { findChromium } from '../../scripts/chromium.mjs';
import { ROOT } from './cli.ts';

export const SCREENSHOT_DIR = join(ROOT, 'test-output', 'screenshots');

/**
 * Screenshots are for a person to look at: no test reads them. They are written only when SCREENSHOTS=1
 * (`SCREENSHOTS=1 npm test -- test/web`): a full-page one cost Chromium 350–450 ms of CPU, an
 * element's 60–100 ms, about 4.5 s of the suite's CPU for the 20 the tests take.
 */
export const SCREENSHOTS = process.env.SCREENSHOTS === '1';

/** The page (`fullPage`: whole, not just the screen) or an element, as test-output/screenshots/NAME, when SCREENSHOTS=1. */
export async function screenshot(target: Page | Locator, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, name);
  await ('goto' in target ? target.screenshot({ path, ...options }) : target.screenshot({ path }));
}

/** Launches the first Chromium found: CHROMIUM_PATH, the system's, then the packaged one (`options` beside). */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const found = await findChromium();
  return chromium.launch({ ...options, executablePath: found.executablePath, args: found.args, env: { ...process.env, ...found.env } as Record<string, string> });
}
