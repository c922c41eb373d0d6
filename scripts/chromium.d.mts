export interface FoundChromium {
  readonly executablePath: string;
  readonly args: string[];
  /** Extra environment the browser needs (fonts of the packaged build). */
  readonly env: Record<string, string>;
  readonly source: 'CHROMIUM_PATH' | 'system' | '@sparticuz/chromium';
}
/** True for a file that can be run: a regular file, not empty, executable by this user. */
export function usableExecutable(path: string): boolean;
/** `systemPaths`: where the system's Chromium may be (default: Debian's two paths). */
export function findChromium(env?: NodeJS.ProcessEnv, systemPaths?: readonly string[]): Promise<FoundChromium>;
