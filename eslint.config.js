// Lint rules that protect the architecture: no floating promises (a lost rejection is a lost
// state change) and no imports between services (they talk over gRPC). Import cycles are
// checked by test/import-cycles.test.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const SERVICES = ['api', 'master', 'coordinator', 'worker', 'cli'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'shared/proto/gen/**', '.baton/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false } },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/only-throw-error': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/services/**'], message: 'shared/ never imports services/' }] },
      ],
    },
  },
  ...SERVICES.map((svc) => ({
    files: [`services/${svc}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: SERVICES.filter((other) => other !== svc).map((other) => ({
            group: [`**/${other}/**`, `../${other}/*`],
            message: 'services never import each other: they talk over gRPC',
          })),
        },
      ],
    },
  })),
  {
    files: ['services/cli/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', '**/*.test.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Build scripts: plain Node programs that report on the console.
    files: ['proto/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: { 'no-console': 'off' },
  },
  {
    // The Kubernetes init Job's script (deploy/k8s/base/init): a plain Node program in the image.
    files: ['deploy/k8s/**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' },
    },
    rules: { 'no-console': 'off' },
  },
);
