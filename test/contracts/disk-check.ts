/** Test-side checks of a released disk image, with the real gdisk (independent of the workflow's own verification). */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Decompresses an .xz image and returns what `sgdisk -v` finds wrong (empty when the GPT is sound). */
export function diskImageProblems(xz: Buffer): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'released-'));
  const file = path.join(dir, 'image.raw');
  fs.writeFileSync(`${file}.xz`, xz);
  const unxz = spawnSync('xz', ['-d', `${file}.xz`]);
  if (unxz.status !== 0) {
    return [`xz: ${unxz.stderr}`];
  }
  const verify = spawnSync('sgdisk', ['-v', file], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  const out = `${verify.stdout}\n${verify.stderr}`;
  return /No problems found/.test(out) ? [] : [out.split('\n').map((l) => l.trim()).filter((l) => /CRC|ERROR|Problem/i.test(l)).join(' / ')];
}
