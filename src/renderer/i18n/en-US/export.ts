import type { Catalogue } from '../catalogue';

export const exportPage: Catalogue['exportPage'] = {
  title: 'Export',
  intro:
    "Pack the event's pre-checked final photos into a ZIP named by the rule, with CSV and XLSX manifests, for the school or the collection centre.",
  nameRule: 'File naming rule',
  nameRuleHint: 'Fields such as {采集码}, {学号}, {姓名}, e.g. {学号}.jpg',
  preview: 'Preview',
  previewHint: 'Preview shows the file names and what needs fixing first.',
  filesTitle: 'What will be exported',
  run: 'Start export',
  running: 'Exporting…',
  files: (n: number) => `${n} photo(s) will be exported`,
  problems: 'To fix',
  excluded: 'Not exported',
  done: (n: number, path: string) => `Exported ${n} photo(s): ${path}`,
  progress: (done: number, total: number) => `${done} / ${total}`,
  download: { zip: 'Download photos (ZIP)', csv: 'Download list (CSV)', xlsx: 'Download list (XLSX)' },
  columns: { orderNo: 'Order', fileName: 'File name', reason: 'Reason' },
};
