import type { Catalogue } from '../catalogue';

export const help: Catalogue['help'] = {
  title: 'Help',
  intro: 'Keyboard shortcuts and the on-site checklist. Ticks are kept on this machine only, per event.',
  shortcutsTitle: 'Keyboard shortcuts',
  key: 'Key',
  action: 'Does',
  where: 'Where',
  shortcuts: {
    checkin: 'Go to check-in, cursor in the scanner field',
    shoot: 'Shoot (shutter)',
    accept: 'Accept the final photo, go to payment',
    retake: 'Retake',
    pay: 'Go to payment',
  },
  places: { any: 'Any page', checkin: 'Check-in', capture: 'Capture', payment: 'Payment' },
  typingNote: 'While typing in a field, Space, Enter and R only type: they are not shortcuts there.',
  checklistTitle: 'On-site checklist',
  checklistEvent: (school: string) => `Current event: ${school}`,
  checklistNoEvent: 'No event chosen: ticks are kept under "no event".',
  reset: 'Clear ticks',
  progress: (done: number, total: number) => `${done} of ${total} done`,
  checklist: [
    {
      title: 'Before the event',
      items: [
        'Confirm with the school the feature code, school code, date and fee (centralized: 15 CNY per student); create the event on the Events page',
        "Import the school's roster (CSV or XLSX) and deal with the rows that were not imported",
        'Tell the students to log in to CHSI (学信网) beforehand and get their image collection code from 学信档案',
        'In Settings, check the station code, the operator list and the required check-in fields',
        'Connect the receipt printer, choose the paper and print a test page',
        'Connect the camera and make it the default; set up the backdrop — a blue cloth (#28BEFA) or an even plain one without shadows — and choose the matching backdrop mode',
      ],
    },
    {
      title: 'For every student',
      items: [
        'Scan the collection code (or look up the roster, or check in by hand); check name, student number, education level and campus type; have the student say the last 4 digits of the ID number',
        'Remind them of the photo rules: no hat, facing forward, eyes open and level, mouth closed, both ears visible and symmetric, shoulders level, hair off the ears and eyebrows',
        'Take off earrings, necklaces and hair ornaments; no coloured or cosmetic contact lenses, no glare on glasses; no heavy make-up',
        'Clothing clearly different from the backdrop, no busy patterns or stripes, no fur collars, bare shoulders or low necklines; zip up, button the collar',
        'Leave room above the head and show the clothing down to the third button; the final photo must be a 480×640 JPG of 30 KB or more that passed the pre-check',
        'Take the payment (cash, WeChat, Alipay or school pays) and print the receipt when asked',
      ],
    },
    {
      title: 'After the event',
      items: [
        'On Orders, deal with unpaid and rejected orders (reshoot the rejected ones)',
        "On Reconcile, check the day's payments (voided and refunded ones apart) and export the sheet",
        'On Export, make the photo ZIP and manifests for the school or the collection centre',
        'Tell the students to check "My orders" in the mini program after 3 working days: collection done, or re-upload after a rejection',
      ],
    },
  ],
};
