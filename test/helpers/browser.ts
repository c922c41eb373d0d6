/** Debian's Chromium driven by playwright-core (never a downloaded browser); one launch per test file. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { ROOT } from './cli.ts';

export const CHROMIUM_PATH = '/usr/lib/chromium/chromium';
export const SCREENSHOT_DIR = join(ROOT, 'test-output', 'screenshots');

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}
