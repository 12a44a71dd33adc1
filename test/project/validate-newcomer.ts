/**
 * Validates an overlay repository created by `projen new --from talos-sbc-constructs`
 * (called by .ci/newcomer.sh with the repository folder): its workflow passes actionlint,
 * @actions/workflow-parser and shellcheck, its settings stack agrees with the workflow, and
 * the cdktf.json app wrote the expected resources.
 *
 * Usage: ts-node --project tsconfig.dev.json test/project/validate-newcomer.ts <folder> <expected tag pattern>
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { PipelineCheck } from '../../src';
import { validateWorkflow } from '../support/workflow-validators';

const [dir, expectedTag] = process.argv.slice(2);
if (!dir || !expectedTag) {
  console.error('usage: validate-newcomer.ts <folder> <expected tag pattern>');
  process.exit(2);
}
const workflowFile = '.github/workflows/release.yaml';
const workflow = readFileSync(join(dir, workflowFile), 'utf8');
const terraform = readFileSync(join(dir, 'cdktf.out/stacks/settings/cdk.tf.json'), 'utf8');
const failures: string[] = [];

for (const finding of validateWorkflow(workflow, workflowFile)) {
  failures.push(`${finding.tool}: ${JSON.stringify(finding)}`);
}
failures.push(...PipelineCheck.problems(workflow, terraform));

const stack = JSON.parse(terraform);
const policies = Object.values<any>(stack.resource?.github_repository_environment_deployment_policy ?? {}).map((r) => r.tag_pattern);
if (JSON.stringify(policies) !== JSON.stringify([expectedTag])) {
  failures.push(`cdk.tf.json deployment policies are ${JSON.stringify(policies)}, expected ["${expectedTag}"]`);
}
if (Object.keys(stack.resource?.docker_hub_repository ?? {}).length !== 1) {
  failures.push('cdk.tf.json manages no Docker Hub repository');
}
if (!workflow.includes(`- ${expectedTag}\n`)) {
  failures.push(`the workflow does not trigger on ${expectedTag}`);
}

if (failures.length > 0) {
  console.error(failures.map((f) => `  - ${f}`).join('\n'));
  process.exit(1);
}
console.log(`${workflowFile} is valid (actionlint, workflow-parser, shellcheck) and agrees with cdk.tf.json (tag ${expectedTag})`);
