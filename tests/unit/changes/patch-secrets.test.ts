import { describe, expect, it } from 'vitest';
import { redactPatch, secretsInChanges } from '../../../src/changes/patch-secrets';
import { SecretRegistry } from '../../../src/core/secrets';

const bytes = (text: string) => new TextEncoder().encode(text);
const KEY = 'sk-live-registered-0123456789';
const SHAPED = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';

function registry(): SecretRegistry {
  const secrets = new SecretRegistry();
  secrets.set('model API key', KEY);
  return secrets;
}

describe('secrets in a patch', () => {
  it('finds registered secrets on either side (binary too) and key shapes in text, per file', () => {
    const found = secretsInChanges(
      [
        { path: 'z.env', binary: false, after: bytes(`TOKEN=${SHAPED}\n`) },
        { path: 'clean.txt', binary: false, before: bytes('a\n'), after: bytes('b\n') },
        { path: 'old.txt', binary: false, before: bytes(`key=${KEY}\n`) },
        { path: 'blob.bin', binary: true, after: Uint8Array.from([0, 1, ...bytes(KEY), 0]) },
      ],
      registry(),
    );
    expect(found).toEqual([
      { path: 'blob.bin', secrets: ['model API key'], binary: true },
      { path: 'old.txt', secrets: ['model API key'], binary: false },
      { path: 'z.env', secrets: ['GitHub token'], binary: false },
    ]);
  });

  it('redacts both kinds in the patch text and leaves the rest byte for byte', () => {
    const patch = `diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1,2 @@\n-key=${KEY}\n+key=env\n+gh=${SHAPED}\n`;
    expect(redactPatch(patch, registry())).toBe('diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1,2 @@\n-key=[redacted]\n+key=env\n+gh=[redacted]\n');
  });
});
