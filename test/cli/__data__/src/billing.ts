import * as Sentry from '@sentry/node';
import type { User } from './model.js';

export function chargeFailed(user: User) {
  Sentry.setContext('billing', { token: user.apiToken });
}
