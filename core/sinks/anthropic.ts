import type { SinkPack } from './types.js';

/** Anthropic: `client.messages.create` and its streaming, parsing and token-counting siblings (`beta.messages` too). */
export default {
  id: 'anthropic',
  vendor: 'Anthropic',
  purpose: 'ai',
  packages: ['@anthropic-ai/sdk'],
  calls: [
    ...['create', 'stream', 'parse', 'countTokens'].map((name) => ({ name, owner: 'Messages' })),
    { name: 'create', owner: 'Completions' },
  ],
} satisfies SinkPack;
