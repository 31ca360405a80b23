export interface User {
  id: string;
  /** @pii email */
  email: string;
}
