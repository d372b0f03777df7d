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
  help: {
    title: 'If the camera does not connect, check each point:',
    dslr: [
      'Plug in the USB cable at both ends, directly into the computer rather than through a hub',
      'Switch the camera on and turn off its auto power-off',
      'Close the live view of EOS Utility / Nikon Camera Control / digiCamControl, or the program itself: it holds the camera',
      'Close the photo import or file manager window that opens when the camera is plugged in',
      'Still nothing: unplug the cable, wait 5 seconds, plug it in again and click “Refresh devices”',
    ],
    webcam: [
      'Plug in the webcam’s USB cable; try another USB port',
      'Close other programs using the webcam (video calls, a browser tab with the camera)',
      'Unplug and replug it, then click “Refresh devices”',
    ],
    hotfolder: [
      'Make sure the tethering software (EOS Utility, digiCamControl, Nikon NX Tether) is running with the camera connected',
      'In the tethering software, save photos to the hot folder set here, as JPEG (or RAW+JPEG)',
      'Plug in the USB cable and switch the camera on; closing the software’s live view frees the camera',
    ],
    replay: ['The demo camera uses sample photos; no device needed'],
    none: [
      'Plug in the USB cable and switch the camera on, or set the tethering software’s hot folder in Settings, then click “Refresh devices”',
    ],
  },
  hotFolderShutter:
    'Hot-folder camera: press the shutter on the camera (or in the tethering software); the photo goes to the current student',
  hotFolderNoStudent: 'No current student: photos taken now go to “Unassigned” and can be given to a student later',
  tray: {
    title: 'Unassigned photos',
    empty: 'No unassigned photos. Photos taken on the camera with no current student appear here.',
    arrived: (time: string, name: string) => `${time} · ${name}`,
    assign: 'Give to current student',
    assignNeedsStudent: 'Check in a student first, then assign the photo',
    assignTitle: 'Assign photo',
    assignMessage: (student: string) => `Store this photo as ${student}’s original and produce the final photo?`,
    assignConfirm: 'Assign',
    assigned: (name: string) => `Assigned: ${name}`,
    discard: 'Discard',
    discardTitle: 'Discard unassigned photo',
    discardMessage: 'The photo is moved to camera/unassigned/discarded in the data folder, not deleted.',
    discardReason: 'Reason',
    discardConfirm: 'Discard',
    discarded: (name: string) => `Discarded: ${name}`,
    why: (reason: string) => `Why: ${reason}`,
    refused: (name: string, reason: string) =>
      `${name} was saved as the current student's original but refused: ${reason}`,
    toTray: (name: string, reason: string) => `${name} was put in Unassigned: ${reason}`,
    assignFailed: (name: string, reason: string) => `${name} could not be assigned: ${reason}`,
    assignRefused: (name: string, reason: string) =>
      `${name} was saved as this student's original but refused: ${reason}`,
  },
  settings: {
    hotFolder: 'Hot folder',
    hotFolderHint:
      'The folder the tethering software (EOS Utility, digiCamControl …) saves photos into, e.g. D:\\EOS photos',
    hotFolderFromEnv: (dir: string) =>
      `Using the hot folder given when this station was started: ${dir}. To use another, type it above and save it.`,
    hotFolderSave: 'Save hot folder',
    hotFolderClear: 'Clear',
    hotFolderSaved: 'Hot folder saved',
    hotFolderCleared: 'Hot folder cleared',
    useHotFolder: 'Make default camera',
    gone: 'The default camera is not connected.',
  },
  kinds: { dslr: 'DSLR', webcam: 'USB webcam', hotfolder: 'Hot folder', replay: 'Demo camera' },
};
