import type { roles, userStatuses } from '../schemas/access';

export type Role = (typeof roles)[number];
export type UserStatus = (typeof userStatuses)[number];

/** Someone who may open this book. */
export interface User {
  readonly code: string;
  readonly name: string;
  readonly role: Role;
  /** The code of the supervisor whose team this user is in. */
  readonly supervisor: string | null;
  readonly status: UserStatus;
  /** Whether the user has a password on this computer (an entry in the book's key ring). */
  readonly canSignIn: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The signed-in user, as the service knows them for every operation. */
export interface SessionUser {
  readonly code: string;
  readonly name: string;
  readonly role: Role;
  /** The owners whose accounts this user sees: null for everyone (auditor, admin). */
  readonly owners: readonly string[] | null;
}

/**
 * The window's first question: is there a book, and who is signed in. `setup`: no user yet
 * (a new book, or one from before sign-in existed); `locked`: sign in; `open`: signed in.
 */
export type SessionState =
  | { readonly state: 'setup'; readonly bookExists: boolean }
  | {
      readonly state: 'locked';
      readonly lastUser: string | null;
      /** Users who chose to unlock with this computer's account (Electron safeStorage). */
      readonly unlockHere: readonly string[];
    }
  | {
      readonly state: 'open';
      readonly user: SessionUser;
      /** Behind the sign-in door (false: a book opened without users, as tests and tools do). */
      readonly guarded: boolean;
      readonly autoLockMinutes: number;
      /** Failed sign-ins as this user since their last sign-in (shown once, then recorded). */
      readonly failedSignIns: number;
      /**
       * Unlocking with this computer's account: `on` for this user, `off`, or `unavailable`
       * (no OS key store: preview mode, Linux without a keyring).
       */
      readonly unlockHere: 'on' | 'off' | 'unavailable';
    };
