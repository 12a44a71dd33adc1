/**
 * The bash script of the `verify-image` step (see ./verify-image.ts): it checks the disk image the
 * Talos imager wrote before the release uses it. Its env contract is documented at the top of the
 * script. Kept as one constant so that every leg runs the same text and tests run it as is.
 */
export const VERIFY_IMAGE_SCRIPT = `# verify-image: checks the disk image the Talos imager wrote before it is released.
#
# Env contract (every value comes from here; nothing is interpolated into this script):
#   IMAGE_FILE                    the imager's disk image: <name>.raw.xz, .raw.zst or .raw.gz
#                                 (decompressed to a sparse temporary file) or <name>.raw
#   OVERLAY_DIR                   the overlay image's filesystem for linux/HOST_ARCH, as the
#                                 extract-overlay step wrote it (the imager extracts the same platform)
#   HOST_ARCH                     amd64 | arm64: the architecture of the host that ran the imager
#   TARGET_ARCH                   amd64 | arm64: the architecture of the disk image
#   OVERLAY_NAME                  the installer's name: OVERLAY_DIR/installers/OVERLAY_NAME
#   FIRST_PARTITION_START_SECTOR  the 512-byte sector where partition 1 must start
#   RAW_WRITES                    one line per file the installer writes outside any partition:
#                                 "<offset bytes> <size bytes, or -> <path inside the overlay>"
#                                 (may be empty)
#   EFI_FILES                     one line per file that must be in the EFI partition, as a path
#                                 inside that partition, e.g. dtb/rockchip/rk3588-nanopi-m6.dtb
#                                 (may be empty)
#
# Checks, each reported as "::error::verify-image [<check>]: ..." with what was expected and found:
#   gpt              sgdisk -v finds no problem, and the GPT is not missing, corrupt or restored
#                    from its backup
#   first-partition  partition 1 starts at FIRST_PARTITION_START_SECTOR
#   raw-write        each raw file is in the overlay (with its declared size, when given), ends
#                    before FIRST_PARTITION_START_SECTOR, stays clear of the protective MBR, the GPT
#                    header and the partition entries, and the image holds it byte for byte at its
#                    offset
#   efi-files        each EFI_FILES path is in the partition named EFI (and, when it is missing,
#                    whether it landed in BOOT instead)
#   installer        OVERLAY_DIR/installers/OVERLAY_NAME is a 64-bit little-endian ELF whose
#                    e_machine is HOST_ARCH's (EM_X86_64 = 62, EM_AARCH64 = 183): the imager
#                    executes it on the host
# The raw-write file checks run first (they need no GPT: a stray write is what breaks one); a
# failed gpt check then stops at once; the other checks are all reported. Exit status: 0 when every
# check passes, 1 when one fails, 2 when the input is unusable.
set -euo pipefail
export LC_ALL=C
export MTOOLS_SKIP_CHECK=1

failures=0
fail() {
  echo "::error::verify-image [$1]: $2"
  failures=$((failures + 1))
}
require_integer() {
  if [[ ! "$2" =~ ^(0|[1-9][0-9]{0,17})$ ]]; then
    echo "::error::verify-image [input]: $1 must be a whole number, found \\"$2\\""
    exit 2
  fi
}

for name in IMAGE_FILE OVERLAY_DIR HOST_ARCH TARGET_ARCH OVERLAY_NAME FIRST_PARTITION_START_SECTOR; do
  if [[ -z "\${!name:-}" ]]; then
    echo "::error::verify-image [input]: \${name} is not set"
    exit 2
  fi
done
require_integer FIRST_PARTITION_START_SECTOR "\${FIRST_PARTITION_START_SECTOR}"
# ELF e_machine the installer must have (System V ABI: EM_X86_64 = 62, EM_AARCH64 = 183): the
# host's, or INSTALLER_ARCH when the workflow set up binfmt/QEMU for it (installerEmulation)
installer_arch="\${INSTALLER_ARCH:-\${HOST_ARCH}}"
case "\${installer_arch}" in
  amd64) host_machine=62 ;;
  arm64) host_machine=183 ;;
  *)
    echo "::error::verify-image [input]: HOST_ARCH and INSTALLER_ARCH must be amd64 or arm64, found \\"\${installer_arch}\\""
    exit 2
    ;;
esac
for tool in sgdisk mcopy mdir cmp od dd; do
  if ! command -v "\${tool}" >/dev/null 2>&1; then
    echo "::error::verify-image [input]: \${tool} is not installed (install gdisk, mtools, diffutils and coreutils first)"
    exit 2
  fi
done
if [[ ! -f "\${IMAGE_FILE}" ]]; then
  echo "::error::verify-image [image]: \${IMAGE_FILE} does not exist"
  exit 1
fi
if [[ ! -d "\${OVERLAY_DIR}" ]]; then
  echo "::error::verify-image [input]: the overlay directory \${OVERLAY_DIR} does not exist (run the extract-overlay step first)"
  exit 2
fi

work=$(mktemp -d "\${RUNNER_TEMP:-\${TMPDIR:-/tmp}}/verify-image.XXXXXX")
trap 'rm -rf -- "\${work}"' EXIT

case "\${IMAGE_FILE}" in
  *.raw) decompress=() ;;
  *.raw.xz) decompress=(xz -dc) ;;
  *.raw.zst) decompress=(zstd -dc -q) ;;
  *.raw.gz) decompress=(gzip -dc) ;;
  *)
    echo "::error::verify-image [image]: expected a raw disk image (.raw, .raw.xz, .raw.zst or .raw.gz), found \${IMAGE_FILE}"
    exit 1
    ;;
esac
disk="\${IMAGE_FILE}"
if ((\${#decompress[@]} > 0)); then
  disk="\${work}/disk.raw"
  # dd conv=sparse seeks over the all-zero blocks of a Talos image instead of writing them
  if ! "\${decompress[@]}" -- "\${IMAGE_FILE}" | dd of="\${disk}" bs=1M iflag=fullblock conv=sparse status=none; then
    echo "::error::verify-image [image]: \${IMAGE_FILE} does not decompress with \${decompress[0]}"
    exit 1
  fi
fi
disk_bytes=$(stat -c %s -- "\${disk}")
echo "verify-image: \${IMAGE_FILE} (\${TARGET_ARCH}), \${disk_bytes} bytes"

# --- raw-write (files and sizes; before the GPT, which a stray write may have broken) --------
first_partition_byte=$((FIRST_PARTITION_START_SECTOR * 512))
raw_offsets=()
raw_sizes=()
raw_files=()
while read -r offset declared file; do
  if [[ -z "\${offset:-}" ]]; then
    continue
  fi
  require_integer "RAW_WRITES offset of \${file}" "\${offset}"
  source_file="\${OVERLAY_DIR}/\${file}"
  if [[ ! -f "\${source_file}" ]]; then
    fail raw-write "expected \${file} in the overlay image (linux/\${HOST_ARCH}), found no such file"
    continue
  fi
  size=$(stat -c %s -- "\${source_file}")
  if [[ "\${declared}" != - && "\${declared}" != "\${size}" ]]; then
    fail raw-write "expected \${file} to be \${declared} bytes (declared), found \${size} bytes in the overlay image"
  fi
  end=$((offset + size))
  if ((end > first_partition_byte)); then
    fail raw-write "expected \${file} (bytes \${offset}-$((end - 1))) to end before the first partition (sector \${FIRST_PARTITION_START_SECTOR}, byte \${first_partition_byte}), found it ends at byte \${end}"
  fi
  raw_offsets+=("\${offset}")
  raw_sizes+=("\${size}")
  raw_files+=("\${file}")
done <<< "\${RAW_WRITES:-}"

# --- gpt -----------------------------------------------------------------------------------
# sgdisk -v exits 0 even when it finds problems, and silently builds an empty table in memory
# when there is none: judge its words, not its status.
verify_out="\${work}/sgdisk-verify.txt"
sgdisk -v "\${disk}" > "\${verify_out}" 2>&1 || true
cat -- "\${verify_out}"
if ! grep -q '^No problems found' -- "\${verify_out}" ||
  grep -q -E 'Creating new GPT entries|Caution|CRC|ERROR|Problem|corrupt|[Ii]nvalid' -- "\${verify_out}"; then
  # sgdisk rings the bell (BEL, \\a) before some warnings: keep control characters out of the message
  summary=$(grep -m 1 -E 'Creating new GPT entries|Caution|CRC|ERROR|Problem|corrupt|[Ii]nvalid' -- "\${verify_out}" | tr -d '[:cntrl:]' || true)
  fail gpt "expected a valid GPT (sgdisk -v: \\"No problems found\\"), found: \${summary:-$(head -n 1 -- "\${verify_out}")}"
  exit 1
fi

table="\${work}/sgdisk-print.txt"
sgdisk -p "\${disk}" > "\${table}" 2>&1
sector_size=$(sed -n -E 's/^Sector size \\(logical\\): ([0-9]+) bytes$/\\1/p' -- "\${table}")
if [[ "\${sector_size}" != 512 ]]; then
  fail gpt "expected 512-byte sectors, found \${sector_size:-none}"
  exit 1
fi
entries=$(sed -n -E 's/^Main partition table begins at sector ([0-9]+) and ends at sector ([0-9]+)$/\\1 \\2/p' -- "\${table}")
entries_first=""
entries_last=""
if [[ -n "\${entries}" ]]; then
  entries_first=\${entries% *}
  entries_last=\${entries#* }
fi

# partitions: number, first sector, last sector, name
partitions="\${work}/partitions.txt"
: > "\${partitions}"
in_table=0
while IFS= read -r line; do
  if [[ "\${line}" == Number* ]]; then
    in_table=1
    continue
  fi
  if ((in_table)) && [[ "\${line}" =~ ^[[:space:]]*([0-9]+)[[:space:]]+([0-9]+)[[:space:]]+([0-9]+)[[:space:]]+[0-9.]+[[:space:]][A-Za-z]+[[:space:]]+[0-9A-F]{4}[[:space:]]*(.*)$ ]]; then
    echo "\${BASH_REMATCH[1]} \${BASH_REMATCH[2]} \${BASH_REMATCH[3]} \${BASH_REMATCH[4]}" >> "\${partitions}"
  fi
done < "\${table}"

# --- first-partition -----------------------------------------------------------------------
first_start=$(awk '$1 == 1 { print $2 }' "\${partitions}")
if [[ -z "\${first_start}" ]]; then
  fail first-partition "expected partition 1 to start at sector \${FIRST_PARTITION_START_SECTOR}, found no partition 1"
elif [[ "\${first_start}" != "\${FIRST_PARTITION_START_SECTOR}" ]]; then
  fail first-partition "expected partition 1 to start at sector \${FIRST_PARTITION_START_SECTOR}, found sector \${first_start}"
fi

# --- raw-write (overlap and content) --------------------------------------------------------
overlaps() { # start end (exclusive) of two byte ranges
  (($1 < $4 && $3 < $2))
}
for index in "\${!raw_offsets[@]}"; do
  offset=\${raw_offsets[index]}
  size=\${raw_sizes[index]}
  file=\${raw_files[index]}
  source_file="\${OVERLAY_DIR}/\${file}"
  end=$((offset + size))
  range="bytes \${offset}-$((end - 1))"
  if overlaps "\${offset}" "\${end}" 0 1024; then
    fail raw-write "expected \${file} (\${range}) to leave the protective MBR and the GPT header (bytes 0-1023) alone, found an overlap"
  fi
  if [[ -n "\${entries_first}" ]] && overlaps "\${offset}" "\${end}" $((entries_first * 512)) $(((entries_last + 1) * 512)); then
    fail raw-write "expected \${file} (\${range}) to stay clear of the GPT partition entries (bytes $((entries_first * 512))-$(((entries_last + 1) * 512 - 1))), found an overlap"
  fi
  if ((end > disk_bytes)); then
    fail raw-write "expected \${file} (\${range}) inside the image (\${disk_bytes} bytes), found it runs past the end"
  elif ! difference=$(cmp -n "\${size}" -i "0:\${offset}" -- "\${source_file}" "\${disk}" 2>&1); then
    at=$(sed -n -E 's/.* differ: (byte|char) ([0-9]+),.*/\\2/p' <<< "\${difference}")
    fail raw-write "expected the image to hold \${file} byte for byte at offset \${offset} (\${size} bytes), found a difference at image byte $((offset + \${at:-1} - 1))"
  fi
done

# --- efi-files -----------------------------------------------------------------------------
partition_offset() { # name -> byte offset of the first partition with that name
  awk -v want="$1" '$4 == want { print $2 * 512; exit }' "\${partitions}"
}
efi_offset=$(partition_offset EFI)
boot_offset=$(partition_offset BOOT)
has_efi_files=0
while read -r path; do
  if [[ -n "\${path:-}" ]]; then
    has_efi_files=1
  fi
done <<< "\${EFI_FILES:-}"
if ((has_efi_files)); then
  if [[ -z "\${efi_offset}" ]]; then
    fail efi-files "expected a partition named EFI, found none"
  elif ! mdir -i "\${disk}@@\${efi_offset}" ::/ > /dev/null 2>&1; then
    fail efi-files "expected a FAT filesystem in the EFI partition (byte \${efi_offset}), found none"
  else
    while read -r path; do
      [[ -n "\${path:-}" ]] || continue
      if mcopy -n -i "\${disk}@@\${efi_offset}" "::/\${path}" "\${work}/efi-file" > /dev/null 2>&1; then
        continue
      fi
      where="found it in neither the EFI nor the BOOT partition"
      if [[ -n "\${boot_offset}" ]] && mcopy -n -i "\${disk}@@\${boot_offset}" "::/EFI/\${path}" "\${work}/boot-file" > /dev/null 2>&1; then
        where="found it only in the BOOT partition, at EFI/\${path} (the installer no longer moves /boot/EFI into the EFI partition: siderolabs/talos 51f96d6, v1.14.0-rc.1)"
      fi
      fail efi-files "expected \${path} in the EFI partition, \${where}"
    done <<< "\${EFI_FILES:-}"
  fi
fi

# --- installer -----------------------------------------------------------------------------
installer="\${OVERLAY_DIR}/installers/\${OVERLAY_NAME}"
expected_elf="an ELF executable for \${installer_arch} (e_machine \${host_machine}), which the imager runs on its \${HOST_ARCH} host"
if [[ ! -f "\${installer}" ]]; then
  fail installer "expected installers/\${OVERLAY_NAME} in the overlay image (linux/\${HOST_ARCH}), found no such file"
else
  read -r -a ident < <(od -An -v -t x1 -N 6 -- "\${installer}") || true
  magic="\${ident[*]:0:4}"
  if [[ "\${magic}" != "7f 45 4c 46" ]]; then
    fail installer "expected installers/\${OVERLAY_NAME} to be \${expected_elf}, found no ELF header (first bytes: \${ident[*]:-none})"
  elif [[ "\${ident[4]:-}" != 02 || "\${ident[5]:-}" != 01 ]]; then
    fail installer "expected installers/\${OVERLAY_NAME} to be \${expected_elf}, found an ELF that is not 64-bit little-endian (EI_CLASS \${ident[4]:-none}, EI_DATA \${ident[5]:-none})"
  else
    # e_machine: 2 bytes, little-endian, at offset 18 (read byte by byte: od's u2 is host-endian)
    read -r low high < <(od -An -v -t u1 -j 18 -N 2 -- "\${installer}") || true
    machine=$((\${low:-0} + 256 * \${high:-0}))
    if [[ "\${machine}" != "\${host_machine}" ]]; then
      case "\${machine}" in
        62) found_arch=amd64 ;;
        183) found_arch=arm64 ;;
        *) found_arch="another architecture" ;;
      esac
      fail installer "expected installers/\${OVERLAY_NAME} to be \${expected_elf}, found e_machine \${machine} (\${found_arch})"
    fi
  fi
fi

if ((failures > 0)); then
  echo "verify-image: \${failures} check(s) failed; the image is not released"
  exit 1
fi
echo "verify-image: all checks passed"
`;
