import { PostHog } from 'posthog-node';
import type { User } from './model.js';

const posthog = new PostHog('phc_test');

export function signUp(user: User, ip: string) {
  const email = user.email;
  posthog.capture({ distinctId: user.id, event: 'Signed Up', properties: { email } });
  console.log('signed up from', ip);
}
