/**
 * The layers of alimock, checked by `npm run lint`. Arrows point one way:
 *
 *   mock-gateway:  protocol ← keys ← model ← routes ← app/server     (bridge: used by routes; pure of routes/model)
 *   mini-program:  compiler, loader, runtime → mock-gateway (bridge, served-file types) only
 *   harness:       core ← scenario DSL ← run, drivers, target, report, diagnosis ← cli, integrations, index
 *   scenarios:     → harness DSL and answers only;  the runner is given its scenarios (never imports them)
 *   reference-backend: an example written without alimock (imports nothing of it)
 *   examples:      may use anything; nothing but tests imports examples
 *
 * Tests and test support are outside the rules (they may reach across to check things).
 */
const TESTS = '(\\.test\\.ts$|/test-support/|/test/)';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'a cycle of imports (type-only imports aside): one side should depend on the other, not both',
      from: { pathNot: TESTS },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'gateway-stands-alone',
      severity: 'error',
      comment: 'the mock gateway imports nothing of the harness, the mini-program compiler, scenarios or examples',
      from: { path: '^mock-gateway/src', pathNot: TESTS },
      to: { path: '^(harness|mini-program|scenarios|examples|reference-backend|bench)/' },
    },
    {
      name: 'protocol-is-pure',
      severity: 'error',
      comment: 'protocol/ is the pure core: it imports only itself',
      from: { path: '^mock-gateway/src/protocol', pathNot: TESTS },
      to: { path: '^mock-gateway/src/(?!protocol/)' },
    },
    {
      name: 'model-below-routes',
      severity: 'error',
      comment: 'protocol, keys, model and bridge never reach up into routes or the app',
      from: { path: '^mock-gateway/src/(protocol|keys|model|bridge)/', pathNot: TESTS },
      to: { path: '^mock-gateway/src/(routes/|app\\.ts|server\\.ts|index\\.ts)' },
    },
    {
      name: 'bridge-beside-model',
      severity: 'error',
      comment: "the my.request bridge does not touch the gateway's state",
      from: { path: '^mock-gateway/src/bridge/', pathNot: TESTS },
      to: { path: '^mock-gateway/src/model/' },
    },
    {
      name: 'mini-program-below-harness',
      severity: 'error',
      comment: 'the mini-program compiler and runtime know nothing of the harness, scenarios or examples',
      from: { path: '^mini-program/src', pathNot: TESTS },
      to: { path: '^(harness|scenarios|examples|reference-backend|bench)/' },
    },
    {
      name: 'runner-is-given-its-scenarios',
      severity: 'error',
      comment:
        'only the CLI, the integrations, the test vectors and the package entry choose scenarios; the rest of the harness is given them',
      from: {
        path: '^harness/src',
        pathNot: `${TESTS}|^harness/src/(cli/|integrations/|vectors/|index\\.ts|run-suite-default\\.ts)`,
      },
      to: { path: '^scenarios/' },
    },
    {
      name: 'nothing-ships-examples',
      severity: 'error',
      comment: 'examples are for reading and testing: no shipped code imports them',
      from: { path: '^(harness|mock-gateway|mini-program|scenarios|reference-backend)/', pathNot: TESTS },
      to: { path: '^examples/' },
    },
    {
      name: 'reference-backend-without-alimock',
      severity: 'error',
      comment: 'the reference backend is an example of a backend written without alimock',
      from: { path: '^reference-backend/', pathNot: TESTS },
      to: { path: '^(harness|mock-gateway|mini-program|scenarios|examples)/' },
    },
    {
      name: 'scenarios-are-data',
      severity: 'error',
      comment: 'scenarios use the DSL, the contract and its answers, and the protocol’s names — not the runner',
      from: { path: '^scenarios/', pathNot: TESTS },
      to: { path: '^harness/src/(?!scenario/|target/answers\\.ts|target/contract\\.ts|core/)' },
    },
    {
      name: 'core-is-the-bottom',
      severity: 'error',
      comment: 'harness/src/core holds the domain types every layer reads: it reads no other layer',
      from: { path: '^harness/src/core/', pathNot: TESTS },
      to: { path: '^harness/src/(?!core/)' },
    },
    {
      name: 'drivers-and-target-below-reports',
      severity: 'error',
      comment: 'drivers, the target, the judge and the diagnosis read domain types from core, not from report/',
      from: { path: '^harness/src/(driver|target|diagnosis)/|^harness/src/run/(verdict|judge)\\.ts', pathNot: TESTS },
      to: { path: '^harness/src/(report|cli)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
