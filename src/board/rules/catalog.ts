/**
 * The catalog board a board is built from: what the preset supplies is not given again or
 * contradicted, and an official board's Talos release lists it (and the options used).
 */
import { BoardRule } from './context';
import { keyField } from '../../private/text';

export const catalogRule: BoardRule = {
  id: 'catalog',
  check({ problems, props, board, resolved }) {
    const preset = board.preset;
    if (!preset) {
      return;
    }
    const version = resolved.version;
    if (preset.isOfficial && props.profile && (props.profile.isGenerated || props.profile.name !== preset.profileName)) {
      problems.add('profile.name', props.profile.name,
        `the official ${preset.family} image ships only its own profile "${preset.profileName}" for ${preset.name}`,
        'remove profile (the catalog image\'s profile is used)');
    }
    if (props.overlayOptionSchema !== undefined) {
      problems.add('overlayOptionSchema', props.overlayOptionSchema.map((o) => o.key), `comes from the catalog board ${preset.name}`, 'remove overlayOptionSchema');
    }
    if (props.installerKernelArgs !== undefined) {
      problems.add('installerKernelArgs', props.installerKernelArgs, `come from the catalog board ${preset.name}`, 'remove installerKernelArgs');
    }
    if (props.partitionOffsetSectors !== undefined && props.partitionOffsetSectors !== preset.partitionOffsetSectors) {
      problems.add('partitionOffsetSectors', props.partitionOffsetSectors,
        `conflicts with the catalog board ${preset.name} (${preset.partitionOffsetSectors ?? 'no partition offset'})`, 'remove partitionOffsetSectors');
    }
    for (const [key, value] of Object.entries(preset.defaultOptions)) {
      const given = board.overlayOptions[key];
      if (given !== undefined && given !== value) {
        problems.add(keyField('overlayOptions', key), given, `the catalog board ${preset.name} needs ${key}=${value}`,
          `remove overlayOptions.${key}, or use the catalog board for "${given}"`);
      }
    }
    if (!version || !preset.isOfficial) {
      return;
    }
    const problem = preset._catalogProblem(version);
    if (problem) {
      problems.add('talosVersion', board.talosVersion, problem.rule, problem.fix);
      return;
    }
    const maps: Array<[string, object]> = [
      ['overlayOptions', board.overlayOptions], ['overlayBooleanOptions', board.overlayBooleanOptions], ['overlayTextOptions', board.overlayTextOptions],
    ];
    for (const [field, map] of maps) {
      for (const key of Object.keys(map)) {
        const why = preset._optionUnavailable(key, version);
        if (why) {
          problems.add(keyField(field, key), (map as { [k: string]: unknown })[key], why, `use a Talos release whose catalog has a newer ${preset.family}, or remove ${key}`);
        }
      }
    }
  },
};
