import { Compression } from '../board/image-output';

/** File name suffix of a compression. */
export function compressionSuffix(compression: Compression): string {
  switch (compression) {
    case Compression.NONE: return '';
    case Compression.XZ: return '.xz';
    case Compression.ZSTD: return '.zst';
    case Compression.GZIP: return '.gz';
  }
}

/** The command that decompresses a compression to stdout, for release notes. */
export function decompressCommand(compression: Compression): string | undefined {
  switch (compression) {
    case Compression.NONE: return undefined;
    case Compression.XZ: return 'xz -dc';
    case Compression.ZSTD: return 'zstd -dc';
    case Compression.GZIP: return 'gzip -dc';
  }
}
