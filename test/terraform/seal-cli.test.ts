import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import sodium from 'libsodium-wrappers';
import { transpileForNode } from '../support/transpile';

interface Result {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `talos-sbc-seal` transpiled from source (src/seal-cli.ts), once. */
let cli: string | undefined;

/** Runs `talos-sbc-seal` with `stdin`. */
function seal(args: string[], stdin: string): Result {
  cli ??= transpileForNode(path.join(__dirname, '..', '..', 'src', 'seal-cli.ts'));
  const result = spawnSync(process.execPath, [cli, ...args], { input: stdin, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('talos-sbc-seal (src/seal-cli.ts)', () => {
  let dir: string;
  let publicKey: string;
  let open: (ciphertext: string) => string;

  beforeAll(async () => {
    await sodium.ready;
    const pair = sodium.crypto_box_keypair();
    publicKey = sodium.to_base64(pair.publicKey, sodium.base64_variants.ORIGINAL);
    open = (ciphertext) => sodium.to_string(sodium.crypto_box_seal_open(
      sodium.from_base64(ciphertext, sodium.base64_variants.ORIGINAL), pair.publicKey, pair.privateKey));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seal-cli-'));
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('--key-file with the JSON response: ciphertext on stdout, a ready-to-paste line on stderr', () => {
    // GIVEN the response of gh api repos/<owner>/<repo>/actions/secrets/public-key
    const keyFile = path.join(dir, 'key.json');
    fs.writeFileSync(keyFile, JSON.stringify({ key_id: '568250167242549743', key: publicKey }));

    // WHEN the token is piped in, as `echo "$TOKEN" | talos-sbc-seal` does (with a newline)
    const result = seal(['--key-file', keyFile], 'dckr_pat_secret-token\n');

    // THEN
    expect(result.status).toBe(0);
    const ciphertext = result.stdout.trim();
    expect(result.stdout).toBe(`${ciphertext}\n`);
    expect(open(ciphertext)).toBe('dckr_pat_secret-token'); // the trailing newline is dropped
    expect(result.stderr).toBe(`Paste into the settings app:\n  SecretValue.fromSealedBox('${ciphertext}', '568250167242549743')\n`);
    expect(result.stdout + result.stderr).not.toContain('dckr_pat_secret-token');
  });

  test('--key with --key-id, --keep-newline; a raw base64 key file', () => {
    const withNewline = seal([`--key=${publicKey}`, '--key-id', '42', '--keep-newline'], 'line\n');
    expect(withNewline.status).toBe(0);
    expect(open(withNewline.stdout.trim())).toBe('line\n');
    expect(withNewline.stderr).toContain(`SecretValue.fromSealedBox('${withNewline.stdout.trim()}', '42')`);

    const keyFile = path.join(dir, 'key.txt');
    fs.writeFileSync(keyFile, `${publicKey}\n`);
    const raw = seal(['--key-file', keyFile], 'hunter2');
    expect(raw.status).toBe(0);
    expect(open(raw.stdout.trim())).toBe('hunter2');
    expect(raw.stderr).toBe('Pass the key id with --key-id, or use --key-file with the JSON response, to get a ready-to-paste SecretValue.fromSealedBox(...) line.\n');
  });

  test('refuses the secret as an argument (exit 2, not echoed), and wrong key options', () => {
    const asArgument = seal(['--key', publicKey, 'dckr_pat_on_the_command_line'], '');
    expect(asArgument.status).toBe(2);
    expect(asArgument.stdout).toBe('');
    expect(asArgument.stderr).toMatch(/^talos-sbc-seal: unexpected argument: the secret value is read from stdin, never from the command line\n\nUsage: talos-sbc-seal /);
    expect(asArgument.stderr).not.toContain('dckr_pat_on_the_command_line');

    expect(seal([], 'x').stderr).toMatch(/^talos-sbc-seal: give exactly one of --key and --key-file\n/);
    expect(seal(['--key', publicKey, '--key-file', 'key.json'], 'x').status).toBe(2);
    expect(seal(['--key'], 'x').stderr).toMatch(/^talos-sbc-seal: --key needs a value\n/);
    expect(seal(['--value', 'x'], 'x').stderr).toMatch(/^talos-sbc-seal: unknown option --value\n/);
  });

  test('errors exit 1 with a message: an empty value, a bad key, a missing key file', () => {
    expect(seal(['--key', publicKey], '\n')).toEqual({ status: 1, stdout: '', stderr: 'talos-sbc-seal: the secret value is empty\n' });
    expect(seal(['--key', 'bm90IGEga2V5'], 'x')).toEqual({
      status: 1,
      stdout: '',
      stderr: 'talos-sbc-seal: the public key must be the base64 "key" of the Actions public-key endpoint (32 bytes decoded)\n',
    });
    const missing = seal(['--key-file', path.join(dir, 'missing.json')], 'x');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^talos-sbc-seal: ENOENT: no such file or directory/);
  });

  test('--help', () => {
    const help = seal(['--help'], '');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: talos-sbc-seal \(--key <base64> \[--key-id <id>\] \| --key-file <path>\) \[--keep-newline\] < secret\n/);
  });
});
