import type { CommonEntries } from './catalogue';

export const common: CommonEntries = {
  appTitle: 'Photo Collection Station',
  appSubtitle: 'Collection Studio',
  nav: {
    events: 'Events',
  },
  common: {
    save: 'Save',
    cancel: 'Cancel',
    saving: 'Saving…',
    loading: 'Loading…',
    retry: 'Retry',
    required: 'Required',
    yuan: 'CNY',
  },
  dialog: {
    reasonRequired: (label: string) => `Please enter the ${label.toLowerCase()}`,
    tooLong: (label: string, max: number) => `${label}: at most ${max} characters`,
  },
  call: {
    failed: 'The operation failed',
    unknown: 'Unknown error',
  },
  footer: {
    version: 'Version',
    dataDir: 'Data folder',
    schema: 'Database version',
    offline: 'Lost the connection to the station service',
  },
};
