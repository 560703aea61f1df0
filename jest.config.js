// Two jest projects: `unit` (src/**/*.spec.ts, beside the code; no database or Redis, and the migrated
// template is not built) and `integration` (test/**/*.e2e-spec.ts, on real PostgreSQL and Redis; each
// file gets its own database, cloned from a migrated template built once in globalSetup).
// `npx jest` and `npm test` run both; `npm run test:unit` runs `--selectProjects unit`.
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', swcOptions] },
  // ESM-only packages pulled in by docx (nanoid) are transformed to CommonJS for jest's runtime.
  transformIgnorePatterns: ['/node_modules/(?!(nanoid)/)'],
  setupFiles: ['<rootDir>/test/support/setup-env.ts'],
  testTimeout: 60000,
};

module.exports = {
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
