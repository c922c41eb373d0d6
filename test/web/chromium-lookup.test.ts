import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../../scripts/chromium.mjs';

describe('finding a Chromium for the browser tests', () => {
  it('takes CHROMIUM_PATH first, when it exists', async () => {
    const found = await findChromium({ CHROMIUM_PATH: process.execPath });
    expect(found).toMatchObject({ executablePath: process.execPath, source: 'CHROMIUM_PATH' });
  });

  it('refuses a CHROMIUM_PATH that does not exist instead of silently using another browser', async () => {
    await expect(findChromium({ CHROMIUM_PATH: '/nonexistent/chromium' })).rejects.toThrow(/CHROMIUM_PATH.*does not exist/);
  });

  it("uses the system's Chromium when there is one, else the packaged one (unpacked once, complete)", async () => {
    const found = await findChromium({});
    const system = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));
    if (system) expect(found).toMatchObject({ executablePath: system, source: 'system' });
    else {
      expect(found.source).toBe('@sparticuz/chromium');
      expect(existsSync(found.executablePath)).toBe(true);
      expect(existsSync(`${found.executablePath.replace(/chromium$/, '')}.complete`)).toBe(true);
    }
  });
});
