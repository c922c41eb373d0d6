import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium, usableExecutable } from '../../scripts/chromium.mjs';

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
    const system = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => usableExecutable(p));
    if (system) expect(found).toMatchObject({ executablePath: system, source: 'system' });
    else {
      expect(found.source).toBe('@sparticuz/chromium');
      expect(existsSync(found.executablePath)).toBe(true);
      expect(existsSync(`${found.executablePath.replace(/chromium$/, '')}.complete`)).toBe(true);
    }
  });

  describe('a system path hidden by an empty file or folder mounted over it is passed over', () => {
    const dir = mkdtempSync(join(tmpdir(), 'llm-sizing-chromium-lookup-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const emptyFile = join(dir, 'empty');
    const emptyExecutable = join(dir, 'empty-x');
    const folder = join(dir, 'folder');
    const notExecutable = join(dir, 'script');
    writeFileSync(emptyFile, '');
    writeFileSync(emptyExecutable, '');
    chmodSync(emptyExecutable, 0o755);
    mkdirSync(folder);
    writeFileSync(notExecutable, '#!/bin/sh\n');
    chmodSync(notExecutable, 0o644);

    it.each([
      ['an empty file', emptyFile, false],
      ['an empty executable file', emptyExecutable, false],
      ['a folder', folder, false],
      ['a file without the execute bit', notExecutable, false],
      ['a path that does not exist', join(dir, 'none'), false],
      ['an executable (node itself)', process.execPath, true],
    ])('%s: usable %s', (_, path, usable) => {
      expect(usableExecutable(path)).toBe(usable);
    });

    it('takes the first usable system path, after the hidden ones', async () => {
      const found = await findChromium({}, [emptyFile, folder, process.execPath]);
      expect(found).toMatchObject({ executablePath: process.execPath, source: 'system' });
    });

    it('falls back to the packaged Chromium when every system path is hidden', async () => {
      const found = await findChromium({}, [emptyFile, folder, emptyExecutable]);
      expect(found.source).toBe('@sparticuz/chromium');
      expect(existsSync(found.executablePath)).toBe(true);
    });

    it('refuses a CHROMIUM_PATH that is not an executable file', async () => {
      await expect(findChromium({ CHROMIUM_PATH: emptyFile })).rejects.toThrow(/CHROMIUM_PATH.*not an executable file/);
    });
  });
});
