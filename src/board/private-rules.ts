/**
 * Name rules shared by the board model. Not exported by the barrel.
 */

/** Image kinds built into the imager; an overlay profile must not be one of them. */
export const BUILT_IN_KINDS = ['metal', 'metal-4k', 'iso', 'installer', 'aws', 'gcp', 'azure', 'vmware', 'digital-ocean', 'hcloud', 'openstack',
  'oracle', 'scaleway', 'upcloud', 'vultr', 'exoscale', 'nocloud', 'akamai', 'cloudstack', 'opennebula', 'metal-uki'];

/** Installer and profile file names. */
export const OVERLAY_NAME = /^[a-z0-9][a-z0-9._-]*$/;

/** A Talos platform (`talos.platform`). */
export const PLATFORM = /^[a-z0-9-]{1,32}$/;

/** Whether a profile name is one of the imager's built-in kinds. */
export function isBuiltInKind(name: string): boolean {
  return BUILT_IN_KINDS.includes(name) || name.startsWith('secureboot-');
}

/** Sorted copy of a map. */
export function sortedMap<T>(map: { [key: string]: T }): { [key: string]: T } {
  const out: { [key: string]: T } = {};
  for (const key of Object.keys(map).sort()) {
    // defineProperty keeps keys such as "__proto__" as plain data (so validation can reject them)
    Object.defineProperty(out, key, { value: map[key], enumerable: true, writable: true, configurable: true });
  }
  return out;
}
