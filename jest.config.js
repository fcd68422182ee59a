// One Jest config for unit, e2e and browser tests.
//
// NestJS 12 and several of its dependencies ship as ES modules only, and Jest 30 on Node 20
// cannot require() them. We keep the whole suite in CommonJS (as the build is) and let
// @swc/jest turn those ESM packages into CommonJS; the list is derived from node_modules
// ("type": "module"), so a new ESM dependency needs no edit here.
const { readdirSync, readFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');

function esmPackages(dir = join(__dirname, 'node_modules')) {
  const names = [];
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith('.')) continue;
    const scoped = entry.startsWith('@') ? readdirSync(join(dir, entry)).map((n) => `${entry}/${n}`) : [entry];
    for (const name of scoped) {
      const pkg = join(dir, name, 'package.json');
      if (!existsSync(pkg)) continue;
      try {
        if (JSON.parse(readFileSync(pkg, 'utf8')).type === 'module') names.push(name);
      } catch {}
    }
  }
  return names;
}

const tsconfigPaths = JSON.parse(readFileSync(join(__dirname, 'tsconfig.json'), 'utf8')).compilerOptions.paths;
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const swc = (syntax) => [
  '@swc/jest',
  {
    jsc: {
      parser: syntax === 'ts' ? { syntax: 'typescript', decorators: true } : { syntax: 'ecmascript', importAttributes: true },
      target: 'es2022',
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
      // Rewrites @app/* imports at transform time, so globalSetup (outside Jest's resolver) sees them too.
      ...(syntax === 'ts' ? { baseUrl: __dirname, paths: tsconfigPaths } : {}),
    },
    module: { type: 'commonjs', ignoreDynamic: false },
    sourceMaps: 'inline',
  },
];


module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testEnvironmentOptions: { customExportConditions: ['node', 'require', 'default'] },
  testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/*/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/test/**/*.spec.ts'],
  transform: { '^.+\\.tsx?$': swc('ts'), '^.+\\.(m|c)?js$': swc('js') },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages().map(escape).join('|')})/)`],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60_000,
  // Two on two cores: a third (tried: the CPU was ~60 % busy with two) made the whole run slower.
  maxWorkers: 2,
};
