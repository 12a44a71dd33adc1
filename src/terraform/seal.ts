/**
 * Sealing a GitHub Actions secret value (internal: used by the `talos-sbc-seal` command and by
 * tests; not part of the jsii API, which has no async members and exposes no libsodium types).
 */
import sodium from 'libsodium-wrappers';

/** GitHub's Actions public keys are X25519 keys (32 bytes). */
const PUBLIC_KEY_BYTES = 32;

/** GitHub accepts secret values up to 48 KB. */
const MAX_SECRET_BYTES = 48 * 1024;

/** Standard, padded base64 (what GitHub returns as `key`). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The public key and its id, as in `GET /repos/{owner}/{repo}/actions/secrets/public-key`. */
export interface ActionsPublicKey {
  /** The base64 X25519 public key. */
  readonly key: string;
  /** The key id GitHub expects with the ciphertext, if known. */
  readonly keyId?: string;
}

/**
 * Seals `value` for GitHub Actions: a libsodium sealed box (`crypto_box_seal`) against the
 * repository's or environment's public key, base64-encoded (standard alphabet, as GitHub's
 * `encrypted_value` expects). Every call gives a different ciphertext.
 *
 * @param publicKeyBase64 the `key` field of the public-key endpoint
 * @param value the secret value (UTF-8)
 * @returns the base64 ciphertext
 */
export async function sealSecret(publicKeyBase64: string, value: string): Promise<string> {
  const key = publicKeyBase64.trim();
  if (!BASE64.test(key) || Buffer.from(key, 'base64').length !== PUBLIC_KEY_BYTES) {
    throw new Error(`the public key must be the base64 "key" of the Actions public-key endpoint (${PUBLIC_KEY_BYTES} bytes decoded)`);
  }
  if (value.length === 0) {
    throw new Error('the secret value is empty');
  }
  if (Buffer.byteLength(value, 'utf8') > MAX_SECRET_BYTES) {
    throw new Error(`the secret value is larger than GitHub's limit of ${MAX_SECRET_BYTES} bytes`);
  }
  await sodium.ready;
  const sealed = sodium.crypto_box_seal(sodium.from_string(value), sodium.from_base64(key, sodium.base64_variants.ORIGINAL));
  return sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL);
}

/**
 * Reads a public key given either as the raw base64 key or as the JSON response of the
 * public-key endpoint (`{"key_id": "...", "key": "..."}`).
 */
export function parsePublicKey(text: string): ActionsPublicKey {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) {
    return { key: trimmed };
  }
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    throw new Error('the key file starts with "{" but is not valid JSON');
  }
  const { key, key_id: keyId } = json as { key?: unknown; key_id?: unknown };
  if (typeof key !== 'string') {
    throw new Error('the key file\'s JSON has no string "key" (expected the response of GET /repos/{owner}/{repo}/actions/secrets/public-key)');
  }
  if (keyId !== undefined && typeof keyId !== 'string' && typeof keyId !== 'number') {
    throw new Error('the key file\'s "key_id" must be a string');
  }
  return { key, keyId: keyId === undefined ? undefined : String(keyId) };
}
