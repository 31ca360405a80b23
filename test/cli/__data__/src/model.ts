import type { Credential, Email, UserId } from 'piiguard';

export interface User {
  id: UserId;
  email: Email;
  plan: 'free' | 'pro';
  apiToken: Credential;
}
