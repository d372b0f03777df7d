import { describe, expect, it } from 'vitest';
import { gphoto2Error, parseAutoDetect, parseFileList } from '../../../src/main/camera/gphoto2-errors';

// Text as printed by gphoto2 2.5.28 (LANG=C); the photographer sees what to do, in Chinese.
describe('gphoto2 output', () => {
  it('parses --auto-detect rows, including models with spaces, and an empty table', () => {
    const text = `Model                          Port
----------------------------------------------------------
Canon EOS 5D Mark III          usb:002,004
Nikon DSC D750                 usb:001,007
`;
    expect(parseAutoDetect(text)).toEqual([
      { model: 'Canon EOS 5D Mark III', port: 'usb:002,004' },
      { model: 'Nikon DSC D750', port: 'usb:001,007' },
    ]);
    expect(parseAutoDetect('Model                          Port\n' + '-'.repeat(58) + '\n')).toEqual([]);
  });

  it('parses --list-files with folders', () => {
    const text = `There are 2 files in folder '/store_00020001/DCIM/100CANON'.
#1     IMG_0001.JPG               rd  6123 KB image/jpeg 1700000000
#2     IMG_0002.CR2               rd 24000 KB image/x-canon-cr2 1700000001
`;
    expect(parseFileList(text)).toEqual([
      { number: 1, name: 'IMG_0001.JPG', folder: '/store_00020001/DCIM/100CANON' },
      { number: 2, name: 'IMG_0002.CR2', folder: '/store_00020001/DCIM/100CANON' },
    ]);
  });

  it.each([
    ['*** Error: No camera found. ***', 'no_camera', '未检测到相机'],
    [
      "*** Error (-53: 'Could not claim the USB device') ***\nMake sure no other program (gvfs-gphoto2-volume-monitor) is using the device",
      'busy',
      '被其他程序占用',
    ],
    ["*** Error (-52: 'Could not find the requested device on the USB port') ***", 'disconnected', 'USB 连接已断开'],
    ["*** Error (-7: 'I/O problem') ***", 'disconnected', 'USB 连接已断开'],
    [
      "*** Error ***\nThis camera can not capture.\n*** Error (-6: 'Unsupported operation') ***",
      'unsupported',
      '不支持',
    ],
    ["*** Error (-99: 'Something new') ***", 'failed', 'Something new'],
  ])('maps %j to a Chinese %s message', (stderr, code, text) => {
    const err = gphoto2Error(stderr, '拍摄');
    expect(err.code).toBe(code);
    expect(err.message).toContain(text);
  });
});
