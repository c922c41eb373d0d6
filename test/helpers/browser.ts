/** Chromium driven by playwright-core (never a downloaded browser); one launch per vitest worker (web-page.ts). */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, LaunchOptions, Locator, Page } from 'playwright-core';
import { findChromium } from '../../scripts/chromium.mjs';
import { ROOT } from './cli.ts';

/**
 * playwright-core through `require`, not `import`: it is CommonJS (two bundles of ~3.5 MB), and Node's
 * ESM loader, asked for it, also runs its CommonJS export scan over every module the package then
 * requires (`cjsPreparseModuleExports`), both bundles included: ~0.2–0.4 s of CPU per vitest worker
 * that loads it, for exports nobody reads (the package's own index.mjs takes `chromium` from the
 * CommonJS object anyway).
 */
const { chromium } = createRequire(import.meta.url)('playwright-core') as typeof import('playwright-core');

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
