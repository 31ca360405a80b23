import type { SinkPack } from './types.js';

/** The Vercel AI SDK (`ai`): prompts, messages and values to embed go to whichever model provider is configured. */
export default {
  id: 'ai-sdk',
  vendor: 'Vercel AI SDK',
  purpose: 'ai',
  packages: ['ai'],
  calls: ['generateText', 'streamText', 'generateObject', 'streamObject', 'embed', 'embedMany'].map((name) => ({ name })),
} satisfies SinkPack;
