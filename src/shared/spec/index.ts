import { chsi30kProfile, chsiProfile, type PhotoProfile } from './profile';

export * from './profile';
// Print sizes (二寸/一寸) and the 6-inch layout sheet (photo production, issue 4).
export * from './print-profile';
// The station's backdrop mode (blue cloth, or any plain backdrop replaced in production).
export * from './backdrop';

/** Every profile the station knows, by id. The first is the default. */
export const profiles: readonly PhotoProfile[] = [chsiProfile, chsi30kProfile];

export const DEFAULT_PROFILE_ID = 'chsi';

export function findProfile(id: string): PhotoProfile | undefined {
  return profiles.find((p) => p.id === id);
}
