import { Architecture } from '../board/image-output';
import { checkArray, checkEnum, checkString, stringEntries } from '../private/types';
import { Problems } from '../private/validation';

/**
 * Where a job runs (`runs-on`).
 */
export class Runner {
  /**
   * A GitHub-hosted runner image, e.g. `ubuntu-24.04` (amd64) or `ubuntu-24.04-arm` (arm64).
   * @param image the runner image label
   * @default "ubuntu-24.04"
   */
  public static githubHosted(image: string = 'ubuntu-24.04'): Runner {
    const problems = new Problems('Runner', 'Runner.githubHosted');
    if (checkString(problems, 'image', image, 'use a GitHub-hosted runner image, e.g. "ubuntu-24.04" or "ubuntu-24.04-arm"')
      && image.trim().toLowerCase() === 'self-hosted') {
      problems.add('image', image, '"self-hosted" selects self-hosted runners, not a GitHub-hosted image',
        'use Runner.selfHosted([\'self-hosted\', \'linux\', \'arm64\'], Architecture.ARM64), or a GitHub-hosted image such as "ubuntu-24.04"');
    }
    problems.throwIfAny();
    return new Runner([image], image.endsWith('-arm') ? Architecture.ARM64 : Architecture.AMD64, true);
  }

  /**
   * Self-hosted runners selected by labels, e.g. `['self-hosted', 'linux', 'arm64']`.
   * @param labels runner labels (all must match)
   * @param arch the CPU architecture of those runners
   */
  public static selfHosted(labels: string[], arch: Architecture): Runner {
    const problems = new Problems('Runner', 'Runner.selfHosted');
    checkArray(problems, 'labels', labels, 'pass the runner labels, e.g. [\'self-hosted\', \'linux\', \'arm64\']',
      stringEntries(problems, 'use a label such as "self-hosted" or "arm64"'));
    checkEnum(problems, 'arch', arch, Architecture, 'Architecture');
    problems.throwIfAny();
    return new Runner([...labels], arch, false);
  }

  /**
   * A runner group (`runs-on: { group, labels }`), e.g. the `pkgs` group of the siderolabs
   * overlays.
   * @param group the runner group name
   * @param arch the CPU architecture of the group's runners
   * @param labels additional labels the runners must have
   */
  public static group(group: string, arch: Architecture, labels: string[] = []): Runner {
    const problems = new Problems('Runner', 'Runner.group');
    checkString(problems, 'group', group, 'use the runner group name as shown in the organisation settings');
    checkEnum(problems, 'arch', arch, Architecture, 'Architecture');
    checkArray(problems, 'labels', labels, 'pass the additional labels, or []', stringEntries(problems, 'use a label such as "arm64"'));
    problems.throwIfAny();
    return new Runner([...labels], arch, false, group);
  }

  private constructor(
    /** Runner labels. */
    public readonly labels: string[],
    /** CPU architecture of the runner. */
    public readonly arch: Architecture,
    /** Whether the runner is GitHub-hosted (ephemeral, with sudo and the GitHub CLI). */
    public readonly isGithubHosted: boolean,
    /** Runner group, if any. */
    public readonly runnerGroup?: string,
  ) {}

  /**
   * The `runs-on` value.
   * @internal
   */
  public _runsOn(): any {
    if (this.runnerGroup !== undefined) {
      return this.labels.length > 0 ? { group: this.runnerGroup, labels: [...this.labels] } : { group: this.runnerGroup };
    }
    return this.labels.length === 1 ? this.labels[0] : [...this.labels];
  }
}
