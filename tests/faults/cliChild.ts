import { main } from '../../db/cli/main';

/** The CLI as one bundled file (readOnly.test.ts runs it as another user, where it cannot write). */
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
