import { BuiltOverlay, ImageLeg } from './legs';
import { OverlayBoard } from '../board/overlay-board';
import { ImageRepository } from '../image/image-repository';
import { decompressCommand } from '../private/output-names';

/** What the release notes are written from. */
export interface ReleaseNotesContext {
  readonly boards: OverlayBoard[];
  readonly legs: ImageLeg[];
  readonly overlays: BuiltOverlay[];
  readonly withVariants: boolean;
  readonly overlayImage?: ImageRepository;
  readonly installerImage?: ImageRepository;
  readonly provenance: boolean;
}

/**
 * The release notes (Markdown), with placeholders the release job fills in at run time:
 * `@<digest env>@` (the pushed overlay digests), `@TAG@` and `@REPOSITORY@`.
 */
export function releaseNotesTemplate(ctx: ReleaseNotesContext): string {
  const boards = ctx.boards;
  const legs = ctx.legs;
  const overlays = ctx.overlays;
  const withVariants = ctx.withVariants;
  const version = boards[0].talosVersion;
  const lines = [
    `Talos Linux ${version} disk images, built by the Talos imager (\`${boards[0].imagerImage}\`) from ${ctx.overlayImage ? 'this release\'s overlay image' : 'the official overlay images of the Talos catalog'}.`,
    '',
    withVariants ? '| Board | Variant | Image | Profile | Overlay |' : '| Board | Image | Profile | Overlay |',
    withVariants ? '| --- | --- | --- | --- | --- |' : '| --- | --- | --- | --- |',
    ...legs.map((l) => `| ${l.board.displayName} |${withVariants ? ` ${l.overlay.variant} |` : ''} \`${l.assetName}\` | \`${l.board.profileName}\` | \`${l.board.overlayName}\` |`),
    '',
  ];
  if (!ctx.overlayImage) {
    lines.push('Overlay images:', ...legs.map((l) => `- ${l.board.displayName}: \`${l.overlay.officialImage}\``));
  } else if (withVariants) {
    lines.push('Overlay images:', ...overlays.map((o) => `- ${o.variant}: \`${ctx.overlayImage!.repository}@@${o.digestEnv}@\` (tag \`@TAG@${o.tagSuffix}\`)`));
  } else {
    lines.push(`Overlay image: \`${ctx.overlayImage.repository}@@${overlays[0].digestEnv}@\` (tag \`@TAG@\`)`);
  }
  if (ctx.installerImage) {
    lines.push('', 'Installer images (`talosctl upgrade --image ...`):', ...legs.map((l) => `- ${l.board.displayName}${withVariants ? ` (${l.overlay.variant})` : ''}: \`${ctx.installerImage!.repository}:@TAG@${l.installerTagSuffix}\``));
  }
  const extensions = [...new Set(boards.flatMap((b) => b.systemExtensions))];
  if (extensions.length > 0) {
    lines.push('', 'System extensions:', ...extensions.map((e) => `- \`${e}\``));
  }
  lines.push(
    '',
    '## Verify',
    '',
    '```sh',
    'sha256sum -c SHA256SUMS --ignore-missing',
  );
  if (ctx.provenance) {
    lines.push(...legs.map((l) => `gh attestation verify ${l.assetName} --repo @REPOSITORY@`));
    lines.push(...overlays.map((o) => `gh attestation verify oci://${ctx.overlayImage!.repository}@@${o.digestEnv}@ --repo @REPOSITORY@`));
  }
  lines.push('```', '', '## Flash', '', 'Replace `/dev/sdX` with the SD card or disk (everything on it is erased):', '', '```sh');
  for (const l of legs) {
    const decompress = decompressCommand(l.board.compression);
    lines.push(decompress
      ? `${decompress} ${l.assetName} | sudo dd of=/dev/sdX bs=4M conv=fsync status=progress`
      : `sudo dd if=${l.assetName} of=/dev/sdX bs=4M conv=fsync status=progress`);
  }
  lines.push('```');
  return lines.join('\n');
}
