import { forwardRef, useEffect, useImperativeHandle, useRef, useState, type ReactNode } from 'react';
import { t } from '../i18n/zh-CN/index';
import { liveStreamUrl, type LiveSource } from './live-source';
import { stageBox, VIEW_ASPECT } from './stage-box';

/** What a page can do with the live view: grab the current frame for QR decoding or as a still. */
export interface LiveViewHandle {
  /** Current frame drawn to a canvas (null when no frame is showing yet). */
  grab(maxWidth?: number): HTMLCanvasElement | null;
}

type Overlay = ReactNode | ((frameAspect: number) => ReactNode);

/**
 * The live view: the station camera's MJPEG stream in an <img>, or getUserMedia in a <video>, letterboxed into
 * a 16:9 box at the frame's own aspect (a portrait camera stays portrait). Children are drawn on top of the
 * frame itself (framing guides); a function child receives the frame's aspect ratio.
 */
export const LiveView = forwardRef<LiveViewHandle, { source: LiveSource; children?: Overlay; className?: string }>(
  function LiveView({ source, children, className }, ref) {
    const img = useRef<HTMLImageElement>(null);
    const video = useRef<HTMLVideoElement>(null);
    const canvas = useRef<HTMLCanvasElement | null>(null);
    const [error, setError] = useState<string | null>(null);
    const [ready, setReady] = useState(false);
    const [aspect, setAspect] = useState(VIEW_ASPECT);
    const noteSize = (w: number, h: number) => {
      if (w > 0 && h > 0 && Math.abs(w / h - aspect) > 1e-3) setAspect(w / h);
    };
    // A new stream URL per mount: the browser must not reuse a closed multipart response.
    const [src] = useState(() => `${liveStreamUrl()}${liveStreamUrl().includes('?') ? '&' : '?'}v=${Date.now()}`);

    useEffect(() => {
      if (source !== 'browser') return;
      let stream: MediaStream | null = null;
      let cancelled = false;
      navigator.mediaDevices
        ?.getUserMedia({ video: { width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false })
        .then((s) => {
          if (cancelled) return s.getTracks().forEach((tr) => tr.stop());
          stream = s;
          if (video.current) {
            video.current.srcObject = s;
            void video.current.play();
          }
        })
        .catch(() => setError(t.camera.browserDenied));
      return () => {
        cancelled = true;
        stream?.getTracks().forEach((tr) => tr.stop());
      };
    }, [source]);

    // A multipart <img> fires 'load' for its first frame only; the station camera can change frame size
    // (next sample, another camera), so keep reading the current frame's size.
    useEffect(() => {
      if (source !== 'station') return;
      const timer = setInterval(() => {
        const el = img.current;
        if (el) noteSize(el.naturalWidth, el.naturalHeight);
      }, 400);
      return () => clearInterval(timer);
    });

    // Removing the <img> does not always end a multipart response at once; an open stream holds one of the
    // six connections Chromium allows per host, so end it explicitly when the view goes away.
    useEffect(() => {
      const el = img.current;
      return () => {
        if (el) el.src = 'data:,';
      };
    }, [source]);

    useImperativeHandle(ref, () => ({
      grab(maxWidth = 4096) {
        const el = source === 'browser' ? video.current : img.current;
        if (!el) return null;
        const w = el instanceof HTMLVideoElement ? el.videoWidth : el.naturalWidth;
        const h = el instanceof HTMLVideoElement ? el.videoHeight : el.naturalHeight;
        if (!w || !h) return null;
        const scale = Math.min(1, maxWidth / w);
        const c = (canvas.current ??= document.createElement('canvas'));
        c.width = Math.round(w * scale);
        c.height = Math.round(h * scale);
        const ctx = c.getContext('2d', { willReadFrequently: true });
        if (!ctx) return null;
        ctx.drawImage(el, 0, 0, c.width, c.height);
        return c;
      },
    }));

    return (
      <div className={`live-view ${className ?? ''}`} data-testid="live-view">
        <div className="live-stage" style={stageBox(aspect)}>
          {source === 'station' ? (
            <img
              ref={img}
              src={src}
              alt=""
              onLoad={(e) => {
                setReady(true);
                noteSize(e.currentTarget.naturalWidth, e.currentTarget.naturalHeight);
              }}
              onError={() => setError(t.camera.liveOff)}
            />
          ) : (
            <video
              ref={video}
              muted
              playsInline
              onPlaying={() => setReady(true)}
              onLoadedMetadata={(e) => noteSize(e.currentTarget.videoWidth, e.currentTarget.videoHeight)}
            />
          )}
          {ready && (typeof children === 'function' ? children(aspect) : children)}
        </div>
        {!ready && !error && <div className="live-placeholder">{t.camera.connecting}</div>}
        {error && <div className="live-placeholder error">{error}</div>}
      </div>
    );
  },
);
