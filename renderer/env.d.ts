import type { FieldbookBridge } from '../shared/bridge';

declare global {
  interface Window {
    /** Supplied by electron/preload.ts (or the preview shim): the only way to the data. */
    readonly fieldbook: FieldbookBridge;
  }
}
