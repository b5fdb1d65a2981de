/** Types for electron-native.mjs (plain JavaScript, so `node build/…` runs it without a build). */
export interface ElectronRebuildOptions {
  readonly buildPath: string;
  readonly projectRootPath: string;
  readonly electronVersion: string;
  readonly onlyModules: readonly string[];
  readonly force: boolean;
}

export function electronNativeBindingPath(root: string, electronVersion: string): string;

export function ensureElectronNative(options?: {
  readonly root?: string;
  readonly electronVersion?: string;
  readonly rebuild?: (options: ElectronRebuildOptions) => Promise<void>;
  readonly log?: (message: string) => void;
}): Promise<{ readonly path: string; readonly built: boolean }>;
