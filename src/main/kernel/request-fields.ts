import { ApiError } from '../../shared/api-error';
import { DEFAULT_PROFILE_ID, findProfile, profiles, type PhotoProfile } from '../../shared/spec';

// Decoding of the common request fields (src/shared/contract/fields.ts), once for every handler.

/**
 * A base64 field (ImageBase64, a roster file) → bytes. Tolerates a `data:…,` prefix, whitespace and the
 * URL-safe alphabet; anything else, or nothing, is refused with the field named. `what` names the content in
 * the message (照片数据 for images, 文件内容 for files).
 */
export function decodeBase64(text: string, field: string, what = '照片数据'): Buffer {
  const clean = text.replace(/^data:[^,]*,/, '').replace(/\s/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(clean))
    throw new ApiError('invalid_request', `${what}不是有效的 Base64 数据`, field);
  const bytes = Buffer.from(clean, 'base64');
  if (bytes.length === 0) throw new ApiError('invalid_request', `${what}为空`, field);
  return bytes;
}

/** Message for an unknown photo-spec profile, listing the ones the station knows. */
export function unknownProfileMessage(profileId: string): string {
  return `未知的照片规格：${profileId}（可选：${profiles.map((p) => p.id).join('、')}）`;
}

/** A request's profileId (ProfileId; the default when absent) → its photo spec, or invalid_request. */
export function resolveProfile(profileId: string = DEFAULT_PROFILE_ID): PhotoProfile {
  const profile = findProfile(profileId);
  if (!profile) throw new ApiError('invalid_request', unknownProfileMessage(profileId), 'profileId');
  return profile;
}
