/**
 * How a guest's browser proves a comment reply is its own: a random key it keeps in localStorage
 * (lib/sync/guest.ts) and sends with every comments request in one header. The server stores only
 * the key's sha-256 beside a guest's reply (lib/server/comments/comments.ts), and marks as the
 * guest's own, and lets them delete, exactly the replies stored with the same hash. Imports
 * nothing, so that neither side imports the other.
 */

/** The request header that carries the key. */
export const GUEST_KEY_HEADER = "x-tandem-guest-key";

/** A key as a browser makes it (32 random bytes in base64url: 43 characters), with room to spare. */
export const GUEST_KEY_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;

/** The longest guest name a comment reply may carry, in characters after trimming. */
export const MAX_GUEST_COMMENT_NAME = 60;
