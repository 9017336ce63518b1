/**
 * Four projects: unit specs beside the code; the e2e suite twice, once on the embedded
 * database (PGlite) and once on PostgreSQL (TEST_DATABASE_URL, default the local `test` db);
 * and, once, the e2e files whose subject needs no database (test/e2e-single).
 */
const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'es6' },
    },
  ],
};

/**
 * @fastify/static (CommonJS) requires content-disposition 3, which is ESM-only. Node 20.19+
 * loads that natively (require(esm)); Jest on Node 20 does not, so the tests compile that one
 * package to CommonJS.
 */
const ESM_ONLY_REQUIRED_FROM_CJS = ['content-disposition'];
const cjsTransform = ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }];

const common = {
  transform: {
    ...transform,
    [`/node_modules/(${ESM_ONLY_REQUIRED_FROM_CJS.join('|')})/.+\\.js$`]: cjsTransform,
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_REQUIRED_FROM_CJS.join('|')})/)`],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
};

export default {
  testTimeout: 30_000,
  globalSetup: '<rootDir>/test/setup/global-setup.mjs',
  globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e:pglite',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      setupFiles: ['<rootDir>/test/setup/use-pglite.ts'],
    },
    {
      ...common,
      displayName: 'e2e:postgres',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      setupFiles: ['<rootDir>/test/setup/use-postgres.ts'],
    },
    // Files whose subject needs no database round trip (hostile input, HTTP edges): run once.
    { ...common, displayName: 'e2e:single', testMatch: ['<rootDir>/test/e2e-single/**/*.e2e-spec.ts'], setupFiles: ['<rootDir>/test/setup/use-pglite.ts'] },
  ],
};
