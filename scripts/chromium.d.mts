export interface FoundChromium {
  readonly executablePath: string;
  readonly args: string[];
  /** Extra environment the browser needs (fonts of the packaged build). */
  readonly env: Record<string, string>;
  readonly source: 'CHROMIUM_PATH' | 'system' | '@sparticuz/chromium';
}
export function findChromium(env?: NodeJS.ProcessEnv): Promise<FoundChromium>;
