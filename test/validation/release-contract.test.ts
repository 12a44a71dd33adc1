/**
 * The release job with a validation script, on the contract runner (test/contracts): the
 * NanoPi M6 example's committed workflow, whose release step "checksums" is replaced by the one
 * the library writes for the same board with health checks (same asset, plan output and overlay
 * digest names). softprops/action-gh-release, `gh release download` and `sha256sum -c` then see
 * the script as one more asset.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { BoardHealthScript, ImageRepository, OverlayBoard, OverlayBuild, ReleaseWorkflow } from '../../src';
import { act, overlayRepository } from '../contracts/act';
import { GITHUB_RUNNERS, nanopiM6Model } from '../contracts/nanopi-m6-model';
import { NANOPI_M6 } from '../support/fixtures';
import { synthWorkflows, tempProject } from '../support/projen';

const TAG = 'v1.10.6-nanopi-m6';
const IMAGE = 'talos-v1.10.6-nanopi-m6-arm64.raw.xz';

test('the published release holds validate-nanopi-m6.sh, checked against SHA256SUMS', () => {
  const example = parse(fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'nanopi-m6', '.github', 'workflows', 'release.yaml'), 'utf8'));
  const project = tempProject();
  const board = new OverlayBoard(project, 'Board', { ...NANOPI_M6, healthChecks: { compatible: ['friendlyelec,nanopi-m6'], links: ['eth0'], disks: ['nvme0n1'] } });
  new ReleaseWorkflow(project, 'Release', {
    overlayImage: ImageRepository.dockerHub('123417', 'talos-sbc-nanopi-m6'),
    overlayBuild: OverlayBuild.pkgfile({ target: 'talos-sbc-rk3588-mainline' }),
    boards: [board],
  });
  const generated = parse(synthWorkflows(project)['.github/workflows/release.yaml']);
  const checksums = generated.jobs.release.steps.find((s: any) => s.id === 'checksums');
  const steps: any[] = example.jobs.release.steps;
  const i = steps.findIndex((s) => s.id === 'checksums');
  expect(Object.keys(checksums.env).filter((k) => !k.startsWith('VALIDATE_') && k !== 'RELEASE_NOTES_TEMPLATE').sort())
    .toEqual(Object.keys(steps[i].env).filter((k) => k !== 'RELEASE_NOTES_TEMPLATE').sort());
  steps[i] = checksums;

  const repo = overlayRepository(TAG);
  const result = act({
    workflow: stringify(example),
    tag: TAG,
    repository: 'jhuynh08/nanopi-m6',
    runners: GITHUB_RUNNERS,
    vars: { DOCKERHUB_USERNAME: '123417' },
    secrets: { DOCKERHUB_TOKEN: 'dckr_pat_stub' },
    credentials: { 'docker.io': { username: '123417', password: 'dckr_pat_stub' } },
    model: nanopiM6Model({ partitionOffsetLba: 2048 * 12 }),
    repositoryDir: repo.dir,
  });
  expect(Object.entries(result.jobs).filter(([, j]) => j.result === 'failure').map(([id, j]) => `${id} / ${j.failedStep}: ${j.error}`)).toEqual([]);
  const release = result.state.releases[TAG];
  expect(release.draft).toBe(false);
  expect(Object.keys(release.assets).sort()).toEqual(['SHA256SUMS', IMAGE, 'validate-nanopi-m6.sh']);
  expect(Buffer.from(release.files['validate-nanopi-m6.sh'], 'base64').toString('utf8')).toBe(BoardHealthScript.render(board));
  expect(Buffer.from(release.files.SHA256SUMS, 'base64').toString('utf8')).toMatch(/^[0-9a-f]{64} {2}talos-v1\.10\.6-nanopi-m6-arm64\.raw\.xz\n[0-9a-f]{64} {2}validate-nanopi-m6\.sh\n$/);
});
