import { GptLayout, RawLayoutConflictKind, TalosSbcValidationError } from '../../src';

const MiB = 1024 * 1024;

describe('GptLayout: where the Talos installer puts the GPT entries and the first partition', () => {
  test('before v1.8 (go-blockdevice v0.4 WithPartitionEntriesStartLBA): entries AT the offset, first partition on the next MiB', () => {
    const layout = GptLayout.forTalos('v1.7.7', 2048 * 10);
    expect([layout.usesSkipLBAs, layout.entriesStartBytes, layout.entriesEndBytes, layout.firstPartitionBytes])
      .toEqual([false, 10 * MiB, 10 * MiB + 16384, 11 * MiB]);
  });

  test('from v1.8 (go-blockdevice v2 WithSkipLBAs): entries at offset + 2 LBAs, first partition on the next MiB', () => {
    for (const version of ['v1.8.0', 'v1.10.6', 'v1.13.9', 'v1.14.0-rc.1']) {
      const layout = GptLayout.forTalos(version, 2048 * 10);
      expect([layout.usesSkipLBAs, layout.entriesStartBytes, layout.entriesEndBytes, layout.firstPartitionBytes])
        .toEqual([true, 10 * MiB + 1024, 10 * MiB + 1024 + 16384, 11 * MiB]);
    }
  });

  test('no installer offset: entries at LBA 2, first partition at 1 MiB (both partitioners)', () => {
    for (const version of ['v1.7.7', 'v1.10.6']) {
      const layout = GptLayout.forTalos(version);
      expect([layout.entriesStartBytes, layout.firstPartitionBytes]).toEqual([1024, MiB]);
    }
  });

  test('the smallest offset past a blob end, rounded up to a MiB', () => {
    expect(GptLayout.requiredPartitionOffsetSectors('v1.7.7', 12 * MiB)).toBe(24576);
    expect(GptLayout.requiredPartitionOffsetSectors('v1.10.6', 12 * MiB)).toBe(24576);
    expect(GptLayout.requiredPartitionOffsetSectors('v1.10.6', 12 * MiB + 1025)).toBe(26624);
  });

  test('conflicts: header, entries, first partition, overlap; a blob between header and entries is fine', () => {
    const layout = GptLayout.forTalos('v1.10.6', 2048);
    expect(layout.conflicts([{ file: 'mbr.bin', offsetBytes: 0, sizeBytes: 446 }]).map((c) => c.kind)).toEqual([RawLayoutConflictKind.GPT_HEADER]);
    expect(layout.conflicts([{ file: 'spl.bin', offsetBytes: 8192, sizeBytes: MiB }]).map((c) => [c.kind, c.requiredPartitionOffsetSectors]))
      .toEqual([[RawLayoutConflictKind.GPT_ENTRIES, 4096]]);
    expect(layout.conflicts([{ file: 'u.bin', offsetBytes: 2 * MiB, sizeBytes: 1 }]).map((c) => c.kind)).toEqual([RawLayoutConflictKind.FIRST_PARTITION]);
    expect(layout.conflicts([{ file: 'a.bin', offsetBytes: 8192, sizeBytes: 4096 }, { file: 'b.bin', offsetBytes: 10240, sizeBytes: 1 }]).map((c) => [c.kind, c.write.file, c.other?.file]))
      .toEqual([[RawLayoutConflictKind.OVERLAP, 'b.bin', 'a.bin']]);
    expect(layout.conflicts([{ file: 'ok.bin', offsetBytes: 32768, sizeBytes: MiB - 32768 + 1024 }])).toEqual([]);
  });

  test('bad input is an error', () => {
    const header = '[talos-sbc-constructs] GptLayout at "GptLayout.forTalos" is invalid:\n';
    expect(() => GptLayout.forTalos('1.10')).toThrow(header + '  - talosVersion = "1.10": is not a Talos version. Fix: use a Talos release tag, e.g. "v1.10.6"');
    expect(() => GptLayout.forTalos('v1.10.6', -1)).toThrow(header
      + '  - partitionOffsetSectors = -1: must be a whole number of LBAs, 0 or more. Fix: use the installer\'s PartitionOptions.Offset in LBAs, e.g. 2048');
    expect(() => GptLayout.forTalos('v1.10.6', '2048' as any)).toThrow(TalosSbcValidationError);
  });
});
