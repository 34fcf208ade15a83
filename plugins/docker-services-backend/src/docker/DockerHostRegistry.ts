import { InputError } from '@backstage/errors';
import { DockerHostConfig } from '../config';
import { DockerHost } from './DockerHost';
import { DockerodeHost } from './DockerodeHost';

/** The configured Docker hosts, by name. */
export class DockerHostRegistry {
  readonly #hosts: Map<string, DockerHost>;

  static fromConfig(hosts: DockerHostConfig[]): DockerHostRegistry {
    return new DockerHostRegistry(hosts.map(h => DockerodeHost.create(h)));
  }

  /** For tests that put a fault-injecting host next to real ones. */
  static fromHosts(hosts: DockerHost[]): DockerHostRegistry {
    return new DockerHostRegistry(hosts);
  }

  private constructor(hosts: DockerHost[]) {
    this.#hosts = new Map(hosts.map(h => [h.name, h]));
  }

  /** Names of every configured host. */
  names(): string[] {
    return [...this.#hosts.keys()];
  }

  /**
   * The hosts an entity's containers are looked for on: all of them, or the
   * ones its annotation names, which must all be configured.
   */
  select(names?: string[]): DockerHost[] {
    if (!names) {
      return [...this.#hosts.values()];
    }
    const unknown = names.filter(n => !this.#hosts.has(n));
    if (unknown.length > 0) {
      throw new InputError(
        `The docker-services/hosts annotation names ${unknown
          .map(n => `"${n}"`)
          .join(', ')}, which ${
          unknown.length === 1 ? 'is' : 'are'
        } not configured. Configured hosts: ${[...this.#hosts.keys()].join(
          ', ',
        )}.`,
      );
    }
    return names.map(n => this.#hosts.get(n)!);
  }
}
