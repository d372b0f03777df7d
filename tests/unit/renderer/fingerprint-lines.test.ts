import { describe, expect, it } from 'vitest';
import { fingerprintLines } from '../../../src/renderer/pages/event-mode/fingerprint';
import { normalizeFingerprint } from '../../../src/shared/domain/shooting-queue';

describe('the certificate fingerprint as the pairing shows it', () => {
  const hex = '8ad64320259498ca4689da2940bfe23ce96f3df9fbfe19d37e91971944915906';

  it('is two lines of eight upper-case groups of four', () => {
    expect(fingerprintLines(hex)).toEqual([
      '8AD6 4320 2594 98CA 4689 DA29 40BF E23C',
      'E96F 3DF9 FBFE 19D3 7E91 9719 4491 5906',
    ]);
    // node's / openssl's AB:CD:… form shows the same
    expect(fingerprintLines(hex.toUpperCase().match(/../g)!.join(':'))).toEqual(fingerprintLines(hex));
  });

  it('typed back as shown (both lines, spaces) is the same pin', () => {
    expect(normalizeFingerprint(fingerprintLines(hex).join(' '))).toBe(hex);
  });

  it('anything else is shown as it is', () => {
    expect(fingerprintLines('abc')).toEqual(['abc']);
  });
});
