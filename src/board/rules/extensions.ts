/**
 * System extensions: each resolves to a digest-pinned image or an official extension of this
 * Talos release (pitfall 6: official extensions are built per Talos release, siderolabs/extensions
 * at each tag), listed once.
 */
import { BoardRule, reportDuplicates } from './context';
import { ResolvedSystemExtension, SystemExtension } from '../../extensions/system-extension';

export const systemExtensionsRule: BoardRule = {
  id: 'system-extensions',
  check({ problems, props, board, resolved }) {
    const extensions = (props.systemExtensions ?? []).map((ext, i) =>
      SystemExtension._of(ext)._resolve(problems, `systemExtensions[${i}]`, resolved.version?.version, board.kernel));
    resolved.resolvedSystemExtensions = extensions.filter((ext): ext is ResolvedSystemExtension => ext !== undefined);
    reportDuplicates(problems, 'systemExtensions', resolved.resolvedSystemExtensions.map((ext) => ext.reference));
  },
};
