import { PipelinePreview } from '../../src';
import { expectPreviewAgreesWithWorkflows, releaseWorkflowsOf, synthesisedExample } from '../support/preview-agreement';

/**
 * The pipeline preview (issue 14) agrees with the generated workflows of both examples, for a
 * matching, a non-matching and a wrong-version tag: test/support/preview-agreement.ts reads every
 * compared value back from the YAML, runs the plan job under bash and evaluates each job's `if:`.
 */

describe('NanoPi M6 example', () => {
  const project = synthesisedExample('nanopi-m6');

  test('a matching tag releases the board: overlay, imager command, release', () => {
    const preview = expectPreviewAgreesWithWorkflows(project, 'v1.10.6-nanopi-m6');
    expect(preview.warnings).toEqual([]);
    const [workflow] = preview.workflows;
    expect(workflow.selectedBoards).toEqual(['nanopi-m6']);
    expect(workflow.overlayBuilds.map((o) => o.pushedTags)).toEqual([['docker.io/123417/talos-sbc-nanopi-m6:v1.10.6-nanopi-m6']]);
    const [leg] = workflow.legs;
    expect(leg.imagerImage).toBe('ghcr.io/siderolabs/imager:v1.10.6');
    expect(leg.imagerArguments).toEqual([
      '--arch="arm64"',
      '--overlay-image="docker.io/123417/talos-sbc-nanopi-m6@<digest pushed by job overlay>"',
      '--overlay-name="rk3588"',
      '--overlay-option="board=nanopi-m6"',
      '--overlay-option="chipset=rk3588s"',
      '--system-extension-image="ghcr.io/siderolabs/realtek-firmware:20250708@<digest in ghcr.io/siderolabs/extensions:v1.10.6>"',
    ]);
    // realtek-firmware of Talos v1.10.6 (the generated extension table)
    expect(leg.extensions.map((e) => [e.officialName, e.version])).toEqual([['realtek-firmware', '20250708']]);
    expect(leg.job.secrets).toEqual(['DOCKERHUB_TOKEN']);
    expect(leg.job.environment).toBe('release');
    // the image, and the board's after-flash validation script (it declares health checks)
    expect(workflow.release!.assetNames).toEqual(['talos-v1.10.6-nanopi-m6-arm64.raw.xz', 'validate-nanopi-m6.sh', 'SHA256SUMS']);
    expect(preview.render()).toMatchSnapshot();
  });

  test('a tag of no pattern starts nothing, and says so', () => {
    const preview = expectPreviewAgreesWithWorkflows(project, 'v1.10.6-rock-5b');
    expect(preview.warnings).toEqual(['The tag v1.10.6-rock-5b matches no tag pattern (v*-nanopi-m6): no release workflow runs.']);
    expect(preview.workflows[0].outcome).toBe('Not started: the tag matches none of its tag patterns (v*-nanopi-m6).');
  });

  test('a tag of another Talos release stops at the plan job', () => {
    const preview = expectPreviewAgreesWithWorkflows(project, 'v1.11.0-nanopi-m6');
    expect(preview.warnings).toEqual([
      'The tag v1.11.0-nanopi-m6 names Talos v1.11.0, but .github/workflows/release.yaml releases Talos v1.10.6: its plan job fails and nothing is built. '
      + 'Tag v1.10.6-..., or release from the workflow of Talos v1.11.0.',
    ]);
    expect(preview.workflows[0].triggered).toBe(true);
    expect(preview.render()).toMatchSnapshot();
  });
});

describe('multi-board example', () => {
  const project = synthesisedExample('multi-board');

  test.each([
    ['v1.10.6-nanopi-m6', ['nanopi-m6'], 0],
    ['v1.12.5-rock-5b', ['rock-5b'], 1],
  ])('%s releases %j from one workflow, in both variants', (tag, boards, index) => {
    const preview = expectPreviewAgreesWithWorkflows(project, tag);
    expect(preview.warnings).toEqual([]);
    expect(preview.workflows.map((w) => w.triggered)).toEqual([index === 0, index === 1]);
    const workflow = preview.workflows[index];
    expect(workflow.selectedBoards).toEqual(boards);
    expect(workflow.legs.map((l) => l.variant)).toEqual(['mainline', 'vendor-uboot']);
    expect(workflow.legs.map((l) => l.installerImage)).toEqual(['mainline', 'vendor-uboot'].map((v) =>
      `docker.io/123417/talos-sbc-rk3588-installer:${tag}-${boards[0]}-${v}-installer`));
  });

  test('the preview of a matching tag, as printed', () => {
    expect(expectPreviewAgreesWithWorkflows(project, 'v1.12.5-nanopi-m6').render()).toMatchSnapshot();
  });

  test('a tag of no pattern', () => {
    const preview = expectPreviewAgreesWithWorkflows(project, 'v1.10.6-nanopi-r6s');
    expect(preview.warnings).toEqual([
      'The tag v1.10.6-nanopi-r6s matches no tag pattern (v1.10.*-nanopi-m6, v1.10.*-rock-5b, v1.12.*-nanopi-m6, v1.12.*-rock-5b): no release workflow runs.',
    ]);
  });

  test('a tag of the line but not its Talos release', () => {
    const preview = expectPreviewAgreesWithWorkflows(project, 'v1.10.7-rock-5b');
    expect(preview.warnings).toEqual([
      'The tag v1.10.7-rock-5b names Talos v1.10.7, but .github/workflows/release-v1.10.yaml releases Talos v1.10.6: its plan job fails and nothing is built. '
      + 'Tag v1.10.6-..., or release from the workflow of Talos v1.10.7.',
    ]);
    expect(preview.workflows.map((w) => [w.triggered, w.proceeds])).toEqual([[true, false], [false, false]]);
  });
});

test('two workflows that one tag starts: a warning', () => {
  // within one project the workflows' patterns may not overlap; across projects they can
  const first = releaseWorkflowsOf(synthesisedExample('nanopi-m6'));
  const second = releaseWorkflowsOf(synthesisedExample('nanopi-m6'));
  const preview = PipelinePreview.forTag([...first, ...second], 'v1.10.6-nanopi-m6');
  expect(preview.warnings).toEqual([
    'The tag v1.10.6-nanopi-m6 starts 2 release workflows (.github/workflows/release.yaml, .github/workflows/release.yaml): each builds and releases its boards.',
  ]);
});

test('a tag git refuses, and one that is no image tag', () => {
  const workflows = releaseWorkflowsOf(synthesisedExample('nanopi-m6'));
  expect(PipelinePreview.forTag(workflows, 'v1.10.6..x-nanopi-m6').warnings).toEqual([
    '"v1.10.6..x-nanopi-m6" is not a valid git tag name (git check-ref-format): it cannot be pushed.',
  ]);
  expect(PipelinePreview.forTag(workflows, 'v1.10.6+x-nanopi-m6').warnings).toEqual([
    'The tag v1.10.6+x-nanopi-m6 is not a valid image tag (^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$): the overlay job fails.',
  ]);
});
