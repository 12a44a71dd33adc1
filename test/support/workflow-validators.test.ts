import {
  expectValidWorkflow,
  Finding,
  lintWithActionlint,
  parseWithWorkflowParser,
  replaceExpressions,
  shellcheckRunScripts,
  validateWorkflow,
  validateWorkflows,
} from './workflow-validators';

const VALID = `name: release
on:
  push:
    tags:
      - 'v*'
permissions: {}
jobs:
  build:
    runs-on: ubuntu-24.04
    timeout-minutes: 10
    steps:
      - name: Checkout
        uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
        with:
          persist-credentials: false
      - name: Announce
        env:
          REF_NAME: \${{ github.ref_name }}
        run: |
          echo "Releasing \${REF_NAME}"
`;

/** VALID with `replace` substituted for `search` (which must occur). */
function variant(search: string, replace: string): string {
  expect(VALID).toContain(search);
  return VALID.replace(search, replace);
}

function tools(findings: Finding[]): string[] {
  return [...new Set(findings.map((f) => f.tool))].sort();
}

describe('validateWorkflow', () => {
  test('a valid workflow has no findings from any tool', () => {
    expect(validateWorkflow(VALID, 'release.yml')).toEqual([]);
  });

  test('expectValidWorkflow fails listing the findings of every tool', () => {
    const bad = variant('runs-on: ubuntu-24.04', 'runs-onn: ubuntu-24.04').replace('echo "Releasing ${REF_NAME}"', 'echo Releasing $REF_NAME');
    expect(() => expectValidWorkflow(bad, 'bad.yml')).toThrow(/runs-onn[\s\S]*SC2086/);
    expect(tools(validateWorkflow(bad, 'bad.yml'))).toEqual(['actionlint', 'shellcheck', 'workflow-parser']);
  });

  test('validateWorkflows checks several files in one go and names the file', () => {
    const findings = validateWorkflows([
      { fileName: 'good.yml', yamlText: VALID },
      { fileName: 'bad.yml', yamlText: variant('timeout-minutes: 10', 'timeout-minutes: ten') },
    ]);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.message).toContain('bad.yml');
      expect(f.message).not.toContain('good.yml');
    }
  });
});

describe('actionlint', () => {
  test('passes a valid workflow', () => {
    expect(lintWithActionlint(VALID, 'release.yml')).toEqual([]);
  });

  test('reports an unknown job key', () => {
    const findings = lintWithActionlint(variant('runs-on:', 'runs-onn:'), 'release.yml');
    expect(findings).toContainEqual({
      tool: 'actionlint',
      message: expect.stringMatching(/^release\.yml:9:5: unexpected key "runs-onn" for "job" section.*\[syntax-check\]$/),
    });
  });

  test('reports an undefined context property in an expression', () => {
    const findings = lintWithActionlint(variant('github.ref_name', 'github.no_such_property'), 'release.yml');
    expect(findings).toEqual([{ tool: 'actionlint', message: expect.stringContaining('no_such_property') }]);
  });
});

describe('workflow-parser', () => {
  test('passes a valid workflow', () => {
    expect(parseWithWorkflowParser(VALID, 'release.yml')).toEqual([]);
  });

  test('rejects a job without runs-on', () => {
    const findings = parseWithWorkflowParser(variant('    runs-on: ubuntu-24.04\n', ''), 'release.yml');
    expect(findings).toEqual([{ tool: 'workflow-parser', message: expect.stringMatching(/^release\.yml \(Line: \d+, Col: \d+\): Required property is missing: runs-on$/) }]);
  });

  test('rejects an unknown event', () => {
    const findings = parseWithWorkflowParser(variant('  push:\n', '  pushh:\n'), 'release.yml');
    expect(findings).toContainEqual({ tool: 'workflow-parser', message: "release.yml (Line: 3, Col: 3): Unexpected value 'pushh'" });
  });
});

describe('shellcheck', () => {
  test('passes a quoted variable', () => {
    expect(shellcheckRunScripts(VALID)).toEqual([]);
  });

  test('reports an unquoted variable (SC2086) with job, step and workflow line', () => {
    const findings = shellcheckRunScripts(variant('echo "Releasing ${REF_NAME}"', 'echo Releasing $REF_NAME'), { fileName: 'release.yml' });
    expect(findings).toEqual([{
      tool: 'shellcheck',
      message: 'release.yml:20: job "build" step "Announce" (jobs.build.steps[1]): run script line 1 col 16: SC2086 (info): Double quote to prevent globbing and word splitting.',
    }]);
  });

  test('replaces ${{ }} expressions with a placeholder word, keeping line numbers', () => {
    expect(replaceExpressions('echo "${{ github.ref }}" ${{\n  inputs.x }}\nls $A')).toBe('echo "__gha_expr__" __gha_expr__\n\nls $A');
    const withExpression = variant('echo "Releasing ${REF_NAME}"', 'echo "Releasing ${{ github.ref_name }}"\n          ls ${{ github.workspace }}');
    expect(shellcheckRunScripts(withExpression)).toEqual([]);
  });

  test('honours defaults.run.shell and step shell', () => {
    const posix = variant('permissions: {}\n', 'permissions: {}\ndefaults:\n  run:\n    shell: sh\n')
      .replace('echo "Releasing ${REF_NAME}"', 'if [[ -n "${REF_NAME}" ]]; then echo "${REF_NAME}"; fi');
    expect(shellcheckRunScripts(posix).map((f) => f.message)).toEqual([expect.stringContaining('SC3010')]);
    // The same script as bash is fine; pwsh scripts are not shellchecked at all.
    expect(shellcheckRunScripts(posix.replace('shell: sh', 'shell: bash --noprofile --norc -eo pipefail {0}'))).toEqual([]);
    const pwsh = variant('        run: |\n', '        shell: pwsh\n        run: |\n').replace('echo "Releasing ${REF_NAME}"', 'Write-Output $env:REF_NAME');
    expect(shellcheckRunScripts(pwsh)).toEqual([]);
  });

  test('throws when shellcheck is not installed', () => {
    expect(() => shellcheckRunScripts(VALID, { shellcheckBin: '/nonexistent/shellcheck' })).toThrow(/shellcheck executable "\/nonexistent\/shellcheck" not found/);
    const saved = process.env.SHELLCHECK_BIN;
    process.env.SHELLCHECK_BIN = 'no-such-shellcheck-binary';
    try {
      expect(() => validateWorkflow('on: push\njobs: {}\n', 'empty.yml')).toThrow(/not found/);
    } finally {
      if (saved === undefined) {
        delete process.env.SHELLCHECK_BIN;
      } else {
        process.env.SHELLCHECK_BIN = saved;
      }
    }
  });
});
