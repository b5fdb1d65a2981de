import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layers of docs/ARCHITECTURE.md §2, enforced: shared imports nothing of the project and
 * no runtime; db is plain Node; electron may use db; the renderer sees only shared.
 */
const layer = (forbidden, extra = []) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        ...forbidden.map((folder) => ({
          group: [`**/${folder}/*`, `**/${folder}`],
          message: `This layer may not import from ${folder}/ (see docs/ARCHITECTURE.md §2).`,
        })),
        ...extra,
      ],
    },
  ],
});
const nodeBuiltins = { group: ['node:*'], message: 'No Node built-ins in this layer.' };
const electronModule = { group: ['electron'], message: 'Only electron/ talks to Electron.' };

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'release/',
      '.tsbuild/',
      '.cache/',
      '.bench/',
      'coverage/',
      '.scratch/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: layer(
      ['db', 'electron', 'renderer', 'tests'],
      [nodeBuiltins, electronModule, { group: ['react', 'react-dom'], message: 'shared/ is UI-free.' }],
    ),
  },
  { files: ['db/**/*.ts'], rules: layer(['electron', 'renderer', 'tests'], [electronModule]) },
  { files: ['electron/**/*.ts'], rules: layer(['renderer', 'tests']) },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: layer(['db', 'electron', 'tests'], [nodeBuiltins, electronModule]),
  },
  {
    files: ['db/migrations/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      ...layer(
        ['shared', 'electron', 'renderer', 'tests'],
        [{ group: ['../*', '!./*'], message: 'Migrations never import app code.' }],
      ),
    },
  },
);
