import sharp from 'sharp';
import type { FaceEmbedding } from '../../shared/vision/analysis';
import type { RawImage } from '../../shared/image/raw-image';
import type { Vision } from './vision-service';

/** Long side the capture is shrunk to before the face is found (a 224 px face crop needs no more; 24 MP would). */
export const EMBED_MAX_SIDE = 1280;

/**
 * The identity embedding of a capture's main face: EXIF orientation applied, shrunk to EMBED_MAX_SIDE, then
 * faces + landmarks + embedding on the vision worker. Null when no face (or no landmarks) is found.
 */
export async function embedFace(vision: Vision, bytes: Uint8Array): Promise<FaceEmbedding | null> {
  const { data, info } = await sharp(bytes)
    .rotate()
    .resize(EMBED_MAX_SIDE, EMBED_MAX_SIDE, { fit: 'inside', withoutEnlargement: true })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const image: RawImage = {
    width: info.width,
    height: info.height,
    channels: 3,
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
  };
  const analysis = await vision.analyze(image, { stages: ['faces', 'landmarks', 'embedding'] });
  return analysis.embedding ?? null;
}
