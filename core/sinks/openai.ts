import type { SinkPack } from './types.js';

/**
 * OpenAI: what a prompt, a response input, an embedding or a moderation request carries is sent
 * to the model provider (`client.chat.completions.create`, `client.responses.create`, …).
 */
export default {
  id: 'openai',
  vendor: 'OpenAI',
  purpose: 'ai',
  packages: ['openai'],
  calls: [
    ...['create', 'parse', 'stream', 'runTools'].map((name) => ({ name, owner: 'Completions' })),
    ...['create', 'parse', 'stream'].map((name) => ({ name, owner: 'Responses' })),
    { name: 'create', owner: 'Embeddings' },
    { name: 'create', owner: 'Moderations' },
  ],
} satisfies SinkPack;
