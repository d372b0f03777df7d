import type { Catalogue } from '../catalogue';

export const camera: Catalogue['camera'] = {
  sourceStation: 'Station camera',
  sourceBrowser: 'Browser webcam',
  source: 'Video source',
  device: 'Camera',
  refresh: 'Refresh devices',
  liveOff: 'Live view is off',
  connecting: 'Connecting to the camera…',
  browserDenied: 'Cannot open the browser webcam: allow camera access, or use the station camera',
  nextSample: 'Next (demo)',
  sample: (s: string) => `Sample photo ${s}`,
  kinds: { dslr: 'DSLR', webcam: 'USB webcam', hotfolder: 'Hot folder', replay: 'Demo camera' },
};
