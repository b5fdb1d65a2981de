import { DebugLogger } from 'builder-util';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { describe, expect, it } from 'vitest';

/*
 * electron-builder.yml as electron-builder itself reads and validates it (its JSON schema: a
 * misspelt key fails here, not at packaging time), held to docs/ARCHITECTURE.md §7: fuses that
 * close the packaged binary to ELECTRON_RUN_AS_NODE, NODE_OPTIONS and --inspect, and load the
 * app only from its asar, checked against the hash built in.
 */
describe('electron-builder.yml', () => {
  it('is a valid configuration with the hardening fuses flipped', async () => {
    const config = await getConfig(process.cwd(), 'electron-builder.yml', null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });
});
