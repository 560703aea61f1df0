// One jest config: unit tests beside the code (src/**/*.spec.ts), integration tests on real
// PostgreSQL and Redis under test/ (*.e2e-spec.ts). Each integration file gets its own database,
// cloned from a migrated template built once in globalSetup.
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', swcOptions] },
  // ESM-only packages pulled in by docx (nanoid) are transformed to CommonJS for jest's runtime.
  transformIgnorePatterns: ['/node_modules/(?!(nanoid)/)'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFiles: ['<rootDir>/test/support/setup-env.ts'],
  testTimeout: 60000,
};
