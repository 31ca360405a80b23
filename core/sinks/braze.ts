import type { SinkPack } from './types.js';

const userSetters = [
  'setEmail',
  'setFirstName',
  'setLastName',
  'setPhoneNumber',
  'setDateOfBirth',
  'setGender',
  'setHomeCity',
  'setCountry',
  'setLanguage',
  'setCustomUserAttribute',
  'setCustomLocationAttribute',
  'setLastKnownLocation',
  'addToCustomAttributeArray',
  'addAlias',
];

/** Braze: `changeUser(id)`, `logCustomEvent`, `logPurchase`, and the profile setters of `getUser()`. */
export default {
  id: 'braze',
  vendor: 'Braze',
  purpose: 'marketing',
  packages: ['@braze/web-sdk', '@braze/web-sdk-core'],
  globals: ['braze'],
  calls: [
    { name: 'changeUser' },
    { name: 'logCustomEvent', event: 0 },
    { name: 'logPurchase' },
    ...userSetters.map((name) => ({ name, owner: 'User' })),
  ],
} satisfies SinkPack;
