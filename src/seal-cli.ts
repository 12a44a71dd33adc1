#!/usr/bin/env node
/**
 * talos-sbc-seal: seals a GitHub Actions secret value for `SecretValue.fromSealedBox()`.
 *
 * The value is read from stdin (never from the command line, which lands in shell history and
 * process listings); the repository's or environment's public key comes from `--key` or
 * `--key-file`. The base64 ciphertext is printed on stdout.
 */
import * as fs from 'fs';
import { parsePublicKey, sealSecret } from './terraform/seal';

const USAGE = `Usage: talos-sbc-seal (--key <base64> [--key-id <id>] | --key-file <path>) [--keep-newline] < secret

Seals a GitHub Actions secret value (libsodium sealed box) for SecretValue.fromSealedBox().
The value is read from stdin; one trailing newline is removed unless --keep-newline is given.

  --key <base64>     the repository's (or environment's) Actions public key ("key")
  --key-id <id>      its "key_id", to print a ready-to-paste SecretValue.fromSealedBox(...) line
  --key-file <path>  a file with the raw base64 key, or the JSON response of
                     gh api repos/<owner>/<repo>/actions/secrets/public-key
                     gh api repos/<owner>/<repo>/environments/<env>/secrets/public-key
  --keep-newline     keep a trailing newline of the value
  -h, --help         show this help

Example:
  gh api repos/<owner>/<repo>/environments/release/secrets/public-key > key.json
  printf %s "$DOCKERHUB_TOKEN" | npx talos-sbc-seal --key-file key.json
`;

/** Thrown for a wrong invocation (exit code 2). */
class UsageError extends Error {}

interface Options {
  readonly key?: string;
  readonly keyId?: string;
  readonly keyFile?: string;
  readonly keepNewline: boolean;
  readonly help: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const options: { -readonly [K in keyof Options]: Options[K] } = { keepNewline: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.length === 0) {
        throw new UsageError(`${flag} needs a value`);
      }
      return v;
    };
    switch (flag) {
      case '--key': options.key = value(); break;
      case '--key-id': options.keyId = value(); break;
      case '--key-file': options.keyFile = value(); break;
      case '--keep-newline': options.keepNewline = true; break;
      case '-h':
      case '--help': options.help = true; break;
      default:
        throw new UsageError(arg.startsWith('-')
          ? `unknown option ${flag}`
          : 'unexpected argument: the secret value is read from stdin, never from the command line');
    }
  }
  if (!options.help && (options.key === undefined) === (options.keyFile === undefined)) {
    throw new UsageError('give exactly one of --key and --key-file');
  }
  return options;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function main(argv: readonly string[]): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`talos-sbc-seal: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }

  const publicKey = options.keyFile !== undefined ? parsePublicKey(fs.readFileSync(options.keyFile, 'utf8')) : { key: options.key!, keyId: undefined };
  const keyId = options.keyId ?? publicKey.keyId;

  if (process.stdin.isTTY) {
    process.stderr.write('talos-sbc-seal: type the secret value, then press Ctrl-D (it is echoed: prefer a pipe)\n');
  }
  const raw = await readStdin();
  const value = options.keepNewline ? raw : raw.replace(/\r?\n$/, '');

  const ciphertext = await sealSecret(publicKey.key, value);
  process.stdout.write(`${ciphertext}\n`);
  if (keyId !== undefined) {
    process.stderr.write(`Paste into the settings app:\n  SecretValue.fromSealedBox('${ciphertext}', '${keyId}')\n`);
  } else {
    process.stderr.write('Pass the key id with --key-id, or use --key-file with the JSON response, to get a ready-to-paste SecretValue.fromSealedBox(...) line.\n');
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    process.stderr.write(`talos-sbc-seal: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
