/** Metadata key under which every route states which credential it accepts. */
export const AUTH_DECLARATION = 'auth:declaration';

export type TokenKind = 'none' | 'syncello-api-key' | 'syncello-session' | 'synq-id-token';

export interface AuthDeclaration {
  token: TokenKind;
  roles?: readonly string[];
}
