#!/usr/bin/env node
// The `fieldbook` command: runs the TypeScript CLI through tsx, so it works straight from a
// checkout (`npm link`, `npx fieldbook`) without a separate build step.
import { register } from 'tsx/esm/api';

register();
await import('../db/cli/bin.ts');
