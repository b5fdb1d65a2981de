import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appName, databaseFileName, ensurePrivateDirectory, prepareDatabaseDirectory } from '../../db/paths';

/* The data folder holds customers' personal data: only its owner may enter it. */

let directory: string;
const modeOf = (path: string) => statSync(path).mode & 0o777;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-folder-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('ensurePrivateDirectory', () => {
  it('creates the folder, and any missing parent, with mode 0700', () => {
    const folder = join(directory, 'new', 'Fieldbook');
    ensurePrivateDirectory(folder, 'linux');
    expect(modeOf(folder)).toBe(0o700);
    expect(modeOf(join(directory, 'new'))).toBe(0o700);
  });

  it('tightens a folder that exists with looser permissions', () => {
    const folder = join(directory, 'old');
    mkdirSync(folder);
    chmodSync(folder, 0o755);
    ensurePrivateDirectory(folder, 'linux');
    expect(modeOf(folder)).toBe(0o700);
  });
});

describe('prepareDatabaseDirectory', () => {
  it("tightens Fieldbook's own data folder, where the CLI and the app keep the book", () => {
    const config = join(directory, 'config');
    mkdirSync(join(config, appName), { recursive: true });
    chmodSync(join(config, appName), 0o755);
    prepareDatabaseDirectory(join(config, appName, databaseFileName), { XDG_CONFIG_HOME: config });
    if (process.platform === 'linux') expect(modeOf(join(config, appName))).toBe(0o700);
  });

  it('creates a missing folder for another path private, and leaves an existing one alone', () => {
    const shared = join(directory, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o755);
    prepareDatabaseDirectory(join(shared, 'demo.db'), {});
    expect(modeOf(shared)).toBe(0o755);
    prepareDatabaseDirectory(join(shared, 'books', 'demo.db'), {});
    expect(modeOf(join(shared, 'books'))).toBe(0o700);
  });
});
