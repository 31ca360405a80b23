import { PostHog } from 'posthog-node';
import type { User } from './model.js';

const posthog = new PostHog('phc_test');

export function signUp(user: User) {
  posthog.capture({ distinctId: 'anonymous', event: 'Signed Up', properties: { email: user.email } }); // $ unapproved-flow:email
}
