import { extensionsAt, makefileTargets, releaseTags, renderTemplate, TreeReader } from '../../scripts/generate-extensions';
import { EXTENSION_RELEASES } from '../../src/extensions/private-extension-data';

/** A tree modelled on siderolabs/extensions @ v1.10.6 (Pkgfile vars, folder vars.yaml, pkg.yaml, Makefile TARGETS). */
function tree(files: Record<string, string>): TreeReader {
  return { paths: Object.keys(files), read: (p) => files[p] };
}

const V1_10_6 = tree({
  'Pkgfile': '# syntax = ghcr.io/siderolabs/bldr:v0.4.1\n\nformat: v1alpha2\n\nvars:\n  LINUX_FIRMWARE_VERSION: "20250708" # update\n  ENA_VERSION: 2.13.3\n',
  'Makefile': 'TARGETS = amazon-ena\nTARGETS += realtek-firmware\nNONFREE_TARGETS = nonfree-kmod-nvidia-lts\n',
  'storage/vars.yaml': 'NFS_UTILS_VERSION: 2-8-3\n',
  'drivers/amazon-ena/vars.yaml': 'VERSION: "{{ .ENA_VERSION }}-{{ .BUILD_ARG_TAG }}"\n',
  'drivers/amazon-ena/pkg.yaml': 'name: amazon-ena\nsteps:\n  - install:\n      - |\n        mkdir -p /rootfs/usr/lib/modules\n',
  'firmware/realtek-firmware/vars.yaml': 'VERSION: "{{ .LINUX_FIRMWARE_VERSION }}"\n',
  'firmware/realtek-firmware/pkg.yaml': 'name: realtek-firmware\nsteps:\n  - install:\n      - |\n        mkdir -p /rootfs/usr/lib/firmware\n',
  'nvidia-gpu/vars.yaml': 'NVIDIA_DRIVER_LTS_VERSION: 535.247.01\n',
  'nvidia-gpu/nonfree/kmod-nvidia/lts/vars.yaml': 'VERSION: "{{ .NVIDIA_DRIVER_LTS_VERSION }}-{{ .BUILD_ARG_TAG }}"\n',
  'nvidia-gpu/nonfree/kmod-nvidia/lts/pkg.yaml': 'name: nonfree-kmod-nvidia-lts\ndependencies:\n  - stage: base\n  - stage: nvidia-build\n',
  'nvidia-gpu/build/pkg.yaml': 'name: nvidia-build\nsteps:\n  - install:\n      - cp -R /usr/lib/modules/* /rootfs/usr/lib/modules\n',
});

describe('generate-extensions', () => {
  test('renders VERSION the way bldr does: Pkgfile vars, build arg TAG, vars.yaml down the folders', () => {
    expect(extensionsAt(V1_10_6, 'v1.10.6')).toEqual([
      { name: 'amazon-ena', version: '2.13.3-v1.10.6', kernelModules: true, firmwareRoot: undefined },
      { name: 'nonfree-kmod-nvidia-lts', version: '535.247.01-v1.10.6', kernelModules: true, firmwareRoot: undefined },
      { name: 'realtek-firmware', version: '20250708', kernelModules: false, firmwareRoot: '/rootfs/usr/lib/firmware' },
    ]);
  });

  test('templates: variables, sprig replace, "<no value>" for a missing key; other actions are refused', () => {
    expect(renderTemplate('V: {{ .A | replace "-" "." }}', { A: '2-8-3' }, 'x')).toBe('V: 2.8.3');
    expect(renderTemplate('V: "{{ .MISSING }}"', {}, 'x')).toBe('V: "<no value>"');
    expect(() => renderTemplate('{{ if .A }}x{{ end }}', { A: '1' }, 'f')).toThrow('f: unsupported template action');
  });

  test('targets and release tags', () => {
    expect(makefileTargets('TARGETS = a\nTARGETS += b\nNONFREE_TARGETS = c\nOTHER = d\n')).toEqual(['a', 'b', 'c']);
    expect(releaseTags(['v1.6.0', 'v1.7.0', 'v1.10.0', 'v1.9.6', 'v1.10.0-rc.0', 'v1.14.0-rc.1', 'v1.14.0-alpha.0', 'x']))
      .toEqual(['v1.7.0', 'v1.9.6', 'v1.10.0', 'v1.14.0-alpha.0', 'v1.14.0-rc.1']);
  });

  // the committed table, read against siderolabs/extensions Pkgfile LINUX_FIRMWARE_VERSION at each tag
  test.each([
    ['v1.7.4', '20240513', 'f'], ['v1.8.4', '20241110', 'f'], ['v1.9.6', '20250410', 'f'], ['v1.10.6', '20250708', 'F'],
    ['v1.11.5', '20251021', 'F'], ['v1.12.5', '20260221', 'F'], ['v1.13.9', '20260810', 'F'],
  ])('the committed table: realtek-firmware at %s is %s', (talos, version, kind) => {
    expect(EXTENSION_RELEASES[talos].extensions.find((row) => row[0] === 'realtek-firmware')).toEqual(['realtek-firmware', version, kind]);
  });
});
