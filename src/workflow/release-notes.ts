import { BuiltOverlay, ImageLeg } from './legs';
import { OverlayBoard } from '../board/overlay-board';
import { ImageRepository } from '../image/image-repository';
import { decompressCommand } from '../private/output-names';
import { BoardHealthScript } from '../validation/board-validation';

/** What the release notes are written from. */
export interface ReleaseNotesContext {
  readonly boards: OverlayBoard[];
  readonly legs: ImageLeg[];
  readonly overlays: BuiltOverlay[];
  readonly withVariants: boolean;
  readonly overlayImage?: ImageRepository;
  readonly installerImage?: ImageRepository;
  readonly provenance: boolean;
  /** The generated pipeline picture (e.g. `docs/pipeline.md`), linked at the release's tag. */
  readonly pipelineDiagramPath?: string;
}

/** The marker of a line that belongs to leg `i` (0-based): kept only when the plan selected its board. */
export function legMarker(i: number): string {
  return `@LEG_${i + 1}@`;
}

/**
 * The release notes (Markdown), with placeholders the release job fills in at run time:
 * `@<digest env>@` (the pushed overlay digests), `@TAG@` and `@REPOSITORY@`. Lines about one
 * leg start with `@LEG_<n>@`; the release job keeps them only for the boards the tag releases.
 */
export function releaseNotesTemplate(ctx: ReleaseNotesContext): string {
  const boards = ctx.boards;
  const legs = ctx.legs;
  const overlays = ctx.overlays;
  const withVariants = ctx.withVariants;
  const version = boards[0].talosVersion;
  const perLeg = (line: (l: ImageLeg) => string | undefined) =>
    legs.flatMap((l, i) => {
      const text = line(l);
      return text === undefined ? [] : [`${legMarker(i)}${text}`];
    });
  const lines = [
    `Talos Linux ${version} disk images, built by the Talos imager from ${ctx.overlayImage ? 'this release\'s overlay image' : 'the official overlay images of the Talos catalog'}.`,
    '',
    // what the release contains, per board (and variant): only the selected boards' rows are kept
    withVariants ? '| Board | Variant | Image | Profile | Overlay | Imager (kernel) | System extensions |' : '| Board | Image | Profile | Overlay | Imager (kernel) | System extensions |',
    withVariants ? '| --- | --- | --- | --- | --- | --- | --- |' : '| --- | --- | --- | --- | --- | --- |',
    ...perLeg((l) => `| ${l.board.displayName} |${withVariants ? ` ${l.overlay.variant} |` : ''} \`${l.assetName}\` | \`${l.board.profileName}\` | \`${l.board.overlayName}\` | \`${l.overlay.imagerImage ?? l.board.imagerImage}\` | ${extensionsCell(l)} |`),
    '',
  ];
  if (ctx.pipelineDiagramPath !== undefined) {
    // a relative page of the repository, at this release's tag (@SERVER_URL@ is GITHUB_SERVER_URL, read from env)
    lines.push(`How it was built: [the release pipeline](@SERVER_URL@/@REPOSITORY@/blob/@TAG@/${ctx.pipelineDiagramPath}) (tag, plan, overlay build, imager, release; generated from the declaration).`, '');
  }
  // a variant without its own imager changes only the overlay: say so
  const overlayOnly = overlays.filter((o) => o.variant !== undefined && o.imagerImage === undefined);
  if (overlayOnly.length > 0) {
    lines.push(...overlayOnly.map((o) => `Variant \`${o.variant}\` changes only the overlay (DTBs, U-Boot, installer); its kernel is the stock Talos ${version} kernel of the imager.`), '');
  }
  if (!ctx.overlayImage) {
    lines.push('Overlay images:', ...perLeg((l) => `- ${l.board.displayName}: \`${l.overlay.officialImage}\``));
  } else if (withVariants) {
    lines.push('Overlay images:', ...overlays.map((o) => `- ${o.variant}: \`${ctx.overlayImage!.fullName}@@${o.digestEnv}@\` (tag \`@TAG@${o.tagSuffix}\`)`));
  } else {
    lines.push(`Overlay image: \`${ctx.overlayImage.fullName}@@${overlays[0].digestEnv}@\` (tag \`@TAG@\`)`);
  }
  if (ctx.installerImage) {
    lines.push('', 'Installer images (`talosctl upgrade --image ...`):',
      ...perLeg((l) => `- ${l.board.displayName}${withVariants ? ` (${l.overlay.variant})` : ''}: \`${ctx.installerImage!.fullName}:@TAG@${l.installerTagSuffix}\``));
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
    lines.push(...perLeg((l) => `gh attestation verify ${l.assetName} --repo @REPOSITORY@`));
    lines.push(...overlays.map((o) => `gh attestation verify oci://${ctx.overlayImage!.fullName}@@${o.digestEnv}@ --repo @REPOSITORY@`));
  }
  lines.push('```', '', '## Flash', '', 'Replace `/dev/sdX` with the SD card or disk (everything on it is erased):', '', '```sh');
  lines.push(...perLeg((l) => {
    const decompress = decompressCommand(l.board.compression);
    return decompress
      ? `${decompress} ${l.assetName} | sudo dd of=/dev/sdX bs=4M conv=fsync status=progress`
      : `sudo dd if=${l.assetName} of=/dev/sdX bs=4M conv=fsync status=progress`;
  }));
  lines.push('```');
  // a section per board with health checks, kept when the plan selected the board (its first leg)
  for (const board of boards.filter((b) => b.healthChecks !== undefined)) {
    const leg = legs.findIndex((l) => l.board === board);
    if (leg < 0) {
      continue;
    }
    lines.push(...[
      '',
      `## Validate ${board.displayName}`,
      '',
      'Once the board runs Talos, check it with `talosctl` (`PASS`, `FAIL` or `SKIP` per check; the script exits 1 when a check failed). '
      + 'Add `--talosconfig <file>` for a configured node, or `--insecure` for a node in maintenance mode (file reads are then skipped):',
      '',
      '```sh',
      `bash ${BoardHealthScript.fileName(board)} --nodes <node-ip>`,
      '```',
    ].map((line) => `${legMarker(leg)}${line}`));
  }
  if (ctx.installerImage) {
    // a running node moves to this release with the installer image the workflow pushed: talosctl's
    // default --image is the stock installer:<tag>, without the overlay (siderolabs/talos
    // cmd/talosctl/cmd/talos/upgrade.go @ v1.10.6, flag "image", "i")
    lines.push('', '## Upgrade', '', 'A node running an earlier Talos release of this board upgrades with the installer image of this release:', '', '```sh');
    lines.push(...perLeg((l) => `talosctl upgrade --nodes <node> --image ${ctx.installerImage!.fullName}:@TAG@${l.installerTagSuffix}`));
    lines.push('```');
  }
  return lines.join('\n');
}

/** The system extensions of a leg, with the version of its Talos release. */
function extensionsCell(leg: ImageLeg): string {
  const extensions = leg.board.resolvedSystemExtensions.map((e) => e.officialName !== undefined ? `${e.officialName} ${e.version}` : `\`${e.reference}\``);
  return extensions.length > 0 ? extensions.join(', ') : '-';
}
