export const API_KEY_ISSUER = 'syncello';
export const SESSION_AUDIENCE = 'syncello-dashboard';
export const SESSION_TTL_SECONDS = 15 * 60;
/** The contract's tolerance for a client clock running ahead. */
export const MAX_FUTURE_IAT_SECONDS = 60;

/** Set on the request when the key could not be looked up (database fault, not a bad token). */
export const KEY_LOOKUP_FAULT = Symbol('syncello.keyLookupFault');

