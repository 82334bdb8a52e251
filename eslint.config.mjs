// ESLint flat config. The architecture rule: src/core and src/server never import `vscode`.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test*/**', 'examples/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/server/**/*.ts', 'src/cli/**/*.ts', 'src/kube/**/*.ts', 'src/objectstore/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Only src/extension may import vscode: keep core, server, CLI, kube and objectstore usable outside VS Code.' }] }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core is pure: no vscode.' }],
          patterns: [{ group: ['node:http', 'node:https', 'node:net', 'node:child_process', 'node:fs', 'node:fs/promises', '@kubernetes/*', '@aws-sdk/*'], message: 'src/core is pure: no network, processes or file system; the callers read files.' }],
        },
      ],
    },
  },
);
