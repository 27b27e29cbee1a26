// One lint setup for every package: typescript-eslint's recommended rules, plus the rules this
// project cares about (no floating money: a `number` for money is a review matter, not lintable).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export const base = tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
);

/** Extra rule for the pure domain package: no I/O, no clock, no environment. */
export const pure = tseslint.config(...base, {
  files: ['src/**/*.ts'],
  ignores: ['src/**/*.test.ts'],
  rules: {
    'no-restricted-globals': ['error', 'process', 'Date', 'fetch', 'setTimeout', 'setInterval'],
    'no-restricted-imports': ['error', { patterns: ['node:*', 'fs', 'path', 'kysely', 'hono', 'react', '@trpc/*'] }],
  },
});

export default base;

/**
 * React apps and shared UI: hooks rules, and the layering rule of the architecture (apps import only
 * the `AppRouter` type from the API, never the database, the server or Node).
 */
export const react = tseslint.config(...base, reactHooks.configs.flat.recommended, {
  files: ['src/**/*.ts', 'src/**/*.tsx'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [{ name: '@thads/api', allowTypeImports: true, message: 'Import only the AppRouter type.' }],
        patterns: [
          {
            group: ['@thads/db', '@thads/db/*', '@thads/server', '@thads/server/*', 'hono', 'hono/*', 'node:*'],
            message: 'Browser apps must not import server code.',
          },
        ],
      },
    ],
  },
});
