import { chsi30kProfile, chsiProfile, type PhotoProfile } from './profile';

export * from './profile';

/** Every profile the station knows, by id. The first is the default. */
export const profiles: readonly PhotoProfile[] = [chsiProfile, chsi30kProfile];

export const DEFAULT_PROFILE_ID = 'chsi';

export function findProfile(id: string): PhotoProfile | undefined {
  return profiles.find((p) => p.id === id);
}
