import type { SinkPack } from './types.js';

const dataOperations = ['setIdentity', 'setIdentityAsync', 'setProperties', 'setPropertiesAsync', 'log', 'logAsync'];
const eventOperations = ['trackEvent', 'trackEventAsync'];

/**
 * FullStory: the v2 API is one function (`FullStory('setIdentity', { uid, properties })`,
 * `FS('trackEvent', { name, properties })`); the v1 methods (`identify`, `setUserVars`, `event`) remain.
 */
export default {
  id: 'fullstory',
  vendor: 'FullStory',
  purpose: 'analytics',
  packages: ['@fullstory/browser', '@fullstory/snippet'],
  globals: ['FS'],
  calls: [
    { name: 'FullStory', event: { arg: 1, property: 'name' }, when: { arg: 0, oneOf: eventOperations } },
    { name: 'FullStory', when: { arg: 0, oneOf: dataOperations } },
    { name: '()', event: { arg: 1, property: 'name' }, when: { arg: 0, oneOf: eventOperations } },
    { name: '()', when: { arg: 0, oneOf: dataOperations } },
    { name: 'identify' },
    { name: 'setUserVars' },
    { name: 'setVars' },
    { name: 'event', event: 0 },
    { name: 'log' },
  ],
} satisfies SinkPack;
