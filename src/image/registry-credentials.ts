import { DOCKER_HUB_REGISTRY, checkGithubName } from '../private/names';
import { checkObject, checkOptionalString, checkString } from '../private/types';
import { Problems } from '../private/validation';

/**
 * Options for Docker Hub credentials.
 */
export interface DockerHubCredentialsOptions {
  /**
   * Name of the GitHub Actions repository variable that holds the Docker Hub user name.
   * @default "DOCKERHUB_USERNAME"
   */
  readonly usernameVariable?: string;

  /**
   * Name of the GitHub Actions secret that holds the Docker Hub access token.
   * @default "DOCKERHUB_TOKEN"
   */
  readonly tokenSecret?: string;
}

/**
 * Options for credentials of any registry that accepts a user name and a token.
 */
export interface UsernameTokenCredentialsOptions {
  /** Registry host the credentials are for, e.g. `quay.io`. */
  readonly registry: string;
  /** Name of the GitHub Actions variable that holds the user name. */
  readonly usernameVariable: string;
  /** Name of the GitHub Actions secret that holds the token or password. */
  readonly tokenSecret: string;
}

/**
 * Where a registry's credentials live in GitHub Actions: a repository **variable** for the
 * user name and a **secret** for the token. The release workflow reads
 * `vars.<usernameVariable>` / `secrets.<tokenSecret>`; the settings stack creates both,
 * from the same object.
 */
export class RegistryCredentials {
  /**
   * Docker Hub credentials (`vars.DOCKERHUB_USERNAME`, `secrets.DOCKERHUB_TOKEN` by default).
   */
  public static dockerHub(options: DockerHubCredentialsOptions = {}): RegistryCredentials {
    const problems = new Problems('RegistryCredentials', 'RegistryCredentials.dockerHub');
    if (checkObject(problems, 'options', options, 'pass { usernameVariable, tokenSecret }, or nothing')) {
      checkOptionalString(problems, 'usernameVariable', options.usernameVariable, 'name the variable, e.g. "DOCKERHUB_USERNAME"');
      checkOptionalString(problems, 'tokenSecret', options.tokenSecret, 'name the secret, e.g. "DOCKERHUB_TOKEN"');
    }
    problems.throwIfAny();
    return new RegistryCredentials(DOCKER_HUB_REGISTRY, options.usernameVariable ?? 'DOCKERHUB_USERNAME', options.tokenSecret ?? 'DOCKERHUB_TOKEN');
  }

  /**
   * Credentials for another registry.
   */
  public static usernameAndToken(options: UsernameTokenCredentialsOptions): RegistryCredentials {
    const problems = new Problems('RegistryCredentials', 'RegistryCredentials.usernameAndToken');
    if (checkObject(problems, 'options', options, 'pass { registry, usernameVariable, tokenSecret }')) {
      checkString(problems, 'registry', options.registry, 'use the registry host, e.g. "ghcr.io"');
      checkString(problems, 'usernameVariable', options.usernameVariable, 'name the variable, e.g. "GHCR_USERNAME"');
      checkString(problems, 'tokenSecret', options.tokenSecret, 'name the secret, e.g. "GHCR_TOKEN"');
    }
    problems.throwIfAny();
    return new RegistryCredentials(options.registry, options.usernameVariable, options.tokenSecret);
  }

  private constructor(
    /** Registry host the credentials are for. */
    public readonly registry: string,
    /** GitHub Actions variable that holds the user name. */
    public readonly usernameVariable: string,
    /** GitHub Actions secret that holds the token. */
    public readonly tokenSecret: string,
  ) {}

  /** The workflow expression of the user name, e.g. `${{ vars.DOCKERHUB_USERNAME }}`. */
  public get usernameExpression(): string {
    return `\${{ vars.${this.usernameVariable} }}`;
  }

  /** The workflow expression of the token, e.g. `${{ secrets.DOCKERHUB_TOKEN }}`. */
  public get tokenExpression(): string {
    return `\${{ secrets.${this.tokenSecret} }}`;
  }

  /**
   * Adds the problems of these names to `problems`.
   * @internal
   */
  public _validate(problems: Problems, field: string): void {
    checkGithubName(problems, `${field}.usernameVariable`, this.usernameVariable, 'variable');
    checkGithubName(problems, `${field}.tokenSecret`, this.tokenSecret, 'secret');
    if (this.usernameVariable === this.tokenSecret) {
      problems.add(`${field}.tokenSecret`, this.tokenSecret, 'the token secret and the user name variable must have different names',
        'use e.g. DOCKERHUB_USERNAME for the variable and DOCKERHUB_TOKEN for the secret');
    }
  }
}
