import sodium from 'libsodium-wrappers';
import { parsePublicKey, sealSecret } from '../../src/terraform/seal';

/** A fresh X25519 key pair, as GitHub holds for each repository and environment. */
async function keyPair(): Promise<{ publicKey: string; open: (ciphertext: string) => string }> {
  await sodium.ready;
  const pair = sodium.crypto_box_keypair();
  return {
    publicKey: sodium.to_base64(pair.publicKey, sodium.base64_variants.ORIGINAL),
    open: (ciphertext) => sodium.to_string(sodium.crypto_box_seal_open(
      sodium.from_base64(ciphertext, sodium.base64_variants.ORIGINAL), pair.publicKey, pair.privateKey)),
  };
}

describe('sealSecret', () => {
  test('round trip: what it seals, the private key opens', async () => {
    // GIVEN
    const { publicKey, open } = await keyPair();
    const value = 'dckr_pat_0123456789abcdef-ÄÖÜ-✓';

    // WHEN
    const ciphertext = await sealSecret(publicKey, value);

    // THEN
    expect(ciphertext).toMatch(/^[A-Za-z0-9+/]+={0,2}$/); // standard base64, as encrypted_value expects
    expect(Buffer.from(ciphertext, 'base64').length).toBe(48 + Buffer.byteLength(value));
    expect(ciphertext).not.toContain(value);
    expect(open(ciphertext)).toBe(value);
  });

  test('sealing is randomised: seal once and keep the result', async () => {
    const { publicKey, open } = await keyPair();
    const first = await sealSecret(publicKey, 'hunter2');
    const second = await sealSecret(publicKey, 'hunter2');
    expect(first).not.toBe(second);
    expect([open(first), open(second)]).toEqual(['hunter2', 'hunter2']);
  });

  test('another key cannot open it', async () => {
    const mine = await keyPair();
    const theirs = await keyPair();
    const ciphertext = await sealSecret(mine.publicKey, 'hunter2');
    expect(() => theirs.open(ciphertext)).toThrow();
  });

  test('rejects a malformed key, an empty value and a value over 48 KB', async () => {
    const { publicKey } = await keyPair();
    const keyError = 'the public key must be the base64 "key" of the Actions public-key endpoint (32 bytes decoded)';
    await expect(sealSecret('not a key', 'x')).rejects.toThrow(keyError);
    await expect(sealSecret(Buffer.alloc(31).toString('base64'), 'x')).rejects.toThrow(keyError);
    await expect(sealSecret(publicKey, '')).rejects.toThrow('the secret value is empty');
    await expect(sealSecret(publicKey, 'x'.repeat(48 * 1024 + 1))).rejects.toThrow('the secret value is larger than GitHub\'s limit of 49152 bytes');
  });
});

describe('parsePublicKey', () => {
  test('raw base64, with or without a trailing newline', () => {
    expect(parsePublicKey('2Sg8iYjAxxmI2LvUXpJjkYrMxURPc8r+dB7TJyvv1234=\n')).toEqual({ key: '2Sg8iYjAxxmI2LvUXpJjkYrMxURPc8r+dB7TJyvv1234=' });
  });

  test('the JSON response of the public-key endpoint', () => {
    expect(parsePublicKey('{"key_id":"568250167242549743","key":"2Sg8iYjAxxmI2LvUXpJjkYrMxURPc8r+dB7TJyvv1234="}')).toEqual({
      key: '2Sg8iYjAxxmI2LvUXpJjkYrMxURPc8r+dB7TJyvv1234=',
      keyId: '568250167242549743',
    });
    expect(parsePublicKey('{"key_id":568250167242549,"key":"abc="}')).toEqual({ key: 'abc=', keyId: '568250167242549' });
  });

  test('rejects broken JSON and JSON without a key', () => {
    expect(() => parsePublicKey('{"key_id": 1,')).toThrow('the key file starts with "{" but is not valid JSON');
    expect(() => parsePublicKey('{"message":"Not Found"}')).toThrow(
      'the key file\'s JSON has no string "key" (expected the response of GET /repos/{owner}/{repo}/actions/secrets/public-key)');
    expect(() => parsePublicKey('{"key":"abc=","key_id":{}}')).toThrow('the key file\'s "key_id" must be a string');
  });
});
