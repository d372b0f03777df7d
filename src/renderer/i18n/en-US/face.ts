import type { Catalogue } from '../catalogue';

export const face: Catalogue['face'] = {
  confirm: 'Checked: it is the student',
  title: 'Check who this is',
  differentPerson: 'The face does not match the earlier photos of this order: it may be someone else.',
  otherStudent: (who: string) =>
    `The face looks like a photo already bound to another student of this event (${who}): the numbers may be swapped.`,
  similarity: (v: number) => `similarity ${v.toFixed(2)}`,
  hint: 'Go on if it is the student; if the wrong person was photographed, retake and check the number or collection code.',
};
