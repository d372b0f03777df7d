import { describe, expect, it } from 'vitest';
import { base64Decode, base64Encode, encodePhotoMetadata, photoShaFromMetadata } from '../../../src/shared/central';

// tus Upload-Metadata helpers of src/shared/central (pure; no Buffer in src/shared).

const sha = '5d41402abc4b2a76b9719d911017c5925d41402abc4b2a76b9719d911017c592';

describe('photo Upload-Metadata', () => {
  it('encodes like Node base64 and reads the sha256 back', () => {
    const header = encodePhotoMetadata(sha, { name: '照片.jpg' });
    expect(header).toBe(
      `sha256 ${Buffer.from(sha).toString('base64')},name ${Buffer.from('照片.jpg').toString('base64')}`,
    );
    expect(photoShaFromMetadata(header)).toBe(sha);
    expect(photoShaFromMetadata(`filetype aW1hZ2UvanBlZw==, sha256 ${Buffer.from(sha).toString('base64')}`)).toBe(sha);
  });

  it('round-trips every length modulo 3', () => {
    for (const s of ['', 'a', 'ab', 'abc', 'abcd', 'é中𠮷']) {
      const bytes = [...Buffer.from(s)];
      expect(base64Encode(bytes)).toBe(Buffer.from(s).toString('base64'));
      expect(base64Decode(base64Encode(bytes))).toEqual(bytes);
    }
  });

  it('rejects a missing, malformed or non-hex sha256', () => {
    expect(photoShaFromMetadata(undefined)).toBeNull();
    expect(photoShaFromMetadata('')).toBeNull();
    expect(photoShaFromMetadata('name YQ==')).toBeNull();
    expect(photoShaFromMetadata('sha256 !!!')).toBeNull();
    expect(photoShaFromMetadata(`sha256 ${Buffer.from(sha.toUpperCase()).toString('base64')}`)).toBeNull();
    expect(photoShaFromMetadata(`sha256 ${Buffer.from(sha.slice(1)).toString('base64')}`)).toBeNull();
  });
});
