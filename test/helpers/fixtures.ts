/** The contract's error bodies, asserted with toEqual. */
export const syncelloError = (code: string, message: string) => ({ success: false, error: { code, message } });

export const UNAUTHORIZED = syncelloError('UNAUTHORIZED', 'Missing or invalid Authorization header');
export const FORBIDDEN = syncelloError('FORBIDDEN', 'Token does not have access to this resource');
export const INVALID_CREDENTIALS = syncelloError('UNAUTHORIZED', 'Invalid email or password');
