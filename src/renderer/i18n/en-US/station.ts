import type { Catalogue } from '../catalogue';

export const station: Catalogue['station'] = {
  event: 'Current event',
  chooseEvent: 'Choose an event',
  noEvents: 'No events yet: create one on the Events page first',
  operator: 'Operator',
  operatorPlaceholder: 'Name or staff number',
  needEvent: 'Choose the current event above first',
  needOperator: 'Enter the operator first',
  currentStudent: 'Current student',
  noStudent: 'No student checked in',
  goCheckin: 'Go to check-in',
  keys: { checkin: 'Check in', shoot: 'Shoot', accept: 'Accept', retake: 'Retake', pay: 'Pay' },
  keysTitle: 'Shortcuts',
  nav: {
    checkin: 'Check-in',
    capture: 'Capture',
    payment: 'Payment',
    orders: 'Orders',
    reconcile: 'Reconcile',
    export: 'Export',
  },
};
