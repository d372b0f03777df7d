import { planSheet } from '../../shared/photo/sheet-layout';
import { DEFAULT_PROFILE_ID, printProfiles, profiles, sixInchSheet } from '../../shared/spec';
import type { HandlerGroup } from '../kernel/handlers';
import { decodeBase64 } from '../kernel/request-fields';
import type { PhotoAnalyzer } from './photo-analyzer';
import { PhotoRefusedError, producePhoto } from './produce';

export function productionHandlers(vision: () => PhotoAnalyzer): HandlerGroup<'photo.produce' | 'photo.profiles'> {
  return {
    'photo.produce': async (req) => {
      const t0 = performance.now();
      const source = decodeBase64(req.imageBase64, 'imageBase64');
      try {
        const p = await producePhoto(source, req.profileId, vision());
        return {
          status: 'produced' as const,
          profileId: p.profileId,
          jpegBase64: p.jpeg.toString('base64'),
          bytes: p.jpeg.length,
          quality: p.geometry.quality,
          passed: p.passed,
          reasons: p.reasons,
          predicted: p.geometry.predicted,
          measured: p.geometry.measured,
          ms: p.ms,
        };
      } catch (err) {
        if (err instanceof PhotoRefusedError)
          return { status: 'refused' as const, refusal: err.refusal, ms: Math.round(performance.now() - t0) };
        throw err;
      }
    },
    'photo.profiles': () => ({
      defaultProfileId: DEFAULT_PROFILE_ID,
      profiles: profiles.map((p) => ({
        id: p.id,
        name: p.name,
        width: p.output.width,
        height: p.output.height,
        dpi: p.output.dpi,
        background: p.output.background,
        bytes: p.output.bytes,
        minJpegQuality: p.output.minJpegQuality,
        geometry: p.geometry,
      })),
      prints: printProfiles.map((p) => ({
        ...p,
        perSheet: {
          plain: planSheet(p, sixInchSheet, false).cells.length,
          captioned: planSheet(p, sixInchSheet, true).cells.length,
        },
      })),
    }),
  };
}
